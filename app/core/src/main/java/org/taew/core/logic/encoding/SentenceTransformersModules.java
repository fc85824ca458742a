package org.taew.core.logic.encoding;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.logic.weights.DenseLayer;
import org.taew.core.logic.weights.MalformedWeightsException;
import org.taew.core.model.Pooling;
import org.taew.core.util.WorkbenchException;

/**
 * What a model folder's sentence-transformers files say about the modules after the transformer
 * ({@code modules.json}, {@code 1_Pooling/config.json}, the Dense folders, {@code
 * config_sentence_transformers.json} with its {@code prompts}), falling back on the descriptor
 * {@code taew-model.json} where a folder has no such files.
 */
final class SentenceTransformersModules {
    private static final Set<String> MODULES =
            Set.of("Transformer", "Pooling", "Dense", "Normalize");

    private final Path dir;

    /** module path → simple type, in modules.json order. */
    private final Map<String, String> modules;

    private SentenceTransformersModules(Path dir, Map<String, String> modules) {
        this.dir = dir;
        this.modules = modules;
    }

    /** The modules of {@code dir}'s modules.json (none when it has no such file). */
    static SentenceTransformersModules read(Path dir) throws WorkbenchException {
        return new SentenceTransformersModules(dir, moduleTypes(dir));
    }

    Pooling pooling(JsonObject descriptor) throws WorkbenchException {
        Path poolingConfig = module("Pooling");
        if (poolingConfig != null) {
            JsonObject cfg = ModelJson.json(poolingConfig.resolve("config.json"));
            if (cfg != null) {
                if (ModelJson.bool(cfg, "pooling_mode_cls_token")) {
                    return Pooling.CLS;
                }
                if (ModelJson.bool(cfg, "pooling_mode_mean_tokens")) {
                    return Pooling.MEAN;
                }
                if (ModelJson.bool(cfg, "pooling_mode_lasttoken")) {
                    return Pooling.LASTTOKEN;
                }
                String mode = ModelJson.string(cfg, "pooling_mode", null);
                if (mode != null) {
                    return parsePooling(poolingConfig.resolve("config.json"), mode);
                }
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL,
                        poolingConfig.resolve("config.json")
                                + ": only CLS, mean and last-token pooling are supported, and none is"
                                + " enabled");
            }
        }
        String p = ModelJson.string(descriptor, "pooling", null);
        if (p == null) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    dir
                            + ": cannot tell how to pool token vectors. Add sentence-transformers'"
                            + " modules.json + 1_Pooling/config.json, or a "
                            + ModelJson.DESCRIPTOR
                            + " with \"pooling\": \"mean\" or \"cls\"");
        }
        return parsePooling(dir.resolve(ModelJson.DESCRIPTOR), p);
    }

    private static Pooling parsePooling(Path file, String value) throws WorkbenchException {
        try {
            return Pooling.parse(value);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL, file + ": " + e.getMessage());
        }
    }

    boolean normalize(JsonObject descriptor) {
        if (Files.isRegularFile(dir.resolve("modules.json"))) {
            return modules.containsValue("Normalize");
        }
        JsonElement n = descriptor == null ? null : descriptor.get("normalize");
        return n == null || n.getAsBoolean();
    }

    Map<String, String> prompts() throws WorkbenchException {
        JsonObject cfg = ModelJson.json(dir.resolve("config_sentence_transformers.json"));
        Map<String, String> prompts = new LinkedHashMap<>();
        if (cfg != null && cfg.has("prompts") && cfg.get("prompts").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : cfg.getAsJsonObject("prompts").entrySet()) {
                if (e.getValue().isJsonPrimitive()) {
                    prompts.put(e.getKey(), e.getValue().getAsString());
                }
            }
        }
        return prompts;
    }

    /**
     * sentence-transformers' {@code truncate_dim} in {@code config_sentence_transformers.json}: the
     * dimensions its vectors are cut to unless another is asked (0: none). Anything but a positive
     * whole number or null is refused, naming the file.
     */
    int truncateDim() throws WorkbenchException {
        Path file = dir.resolve("config_sentence_transformers.json");
        JsonObject cfg = ModelJson.json(file);
        if (cfg == null || !cfg.has("truncate_dim") || cfg.get("truncate_dim").isJsonNull()) {
            return 0;
        }
        JsonElement t = cfg.get("truncate_dim");
        if (t.isJsonPrimitive() && t.getAsJsonPrimitive().isNumber()) {
            double d = t.getAsDouble();
            if (d >= 1 && d <= Integer.MAX_VALUE && d == Math.rint(d)) {
                return (int) d;
            }
        }
        throw new WorkbenchException(
                WorkbenchException.Kind.MODEL,
                file
                        + ": truncate_dim must be a whole number of dimensions (1 or more) or null,"
                        + " and it is "
                        + t);
    }

    /** sentence-transformers' {@code include_prompt} of the Pooling module (default true). */
    boolean includePrompt() throws WorkbenchException {
        Path pooling = module("Pooling");
        JsonObject cfg = pooling == null ? null : ModelJson.json(pooling.resolve("config.json"));
        return cfg == null
                || !cfg.has("include_prompt")
                || !cfg.get("include_prompt").isJsonPrimitive()
                || cfg.get("include_prompt").getAsBoolean();
    }

    /** The Dense module folders in modules.json order, each checked to hold safetensors weights. */
    List<String> denseModules() throws WorkbenchException {
        List<String> dense = new ArrayList<>();
        for (Map.Entry<String, String> e : modules.entrySet()) {
            if (e.getValue().equals("Dense")) {
                try {
                    DenseLayer.weightsFile(dir.resolve(e.getKey()));
                } catch (MalformedWeightsException ex) {
                    throw new WorkbenchException(
                            WorkbenchException.Kind.MODEL, ex.getMessage(), ex);
                }
                dense.add(e.getKey());
            }
        }
        return dense;
    }

    /**
     * module path → simple type ({@code Transformer}, {@code Pooling}, {@code Dense}, {@code
     * Normalize}), from modules.json; any other module is refused.
     */
    private static Map<String, String> moduleTypes(Path dir) throws WorkbenchException {
        Map<String, String> types = new LinkedHashMap<>();
        Path modules = dir.resolve("modules.json");
        if (!Files.isRegularFile(modules)) {
            return types;
        }
        try {
            JsonElement root =
                    JsonParser.parseString(Files.readString(modules, StandardCharsets.UTF_8));
            for (JsonElement m : root.getAsJsonArray()) {
                JsonObject o = m.getAsJsonObject();
                String type = o.get("type").getAsString();
                types.put(o.get("path").getAsString(), type.substring(type.lastIndexOf('.') + 1));
            }
        } catch (IOException | RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    modules
                            + ": expected a JSON list of {\"path\", \"type\"} modules ("
                            + e.getMessage()
                            + ")",
                    e);
        }
        for (Map.Entry<String, String> e : types.entrySet()) {
            if (!MODULES.contains(e.getValue())) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL,
                        modules
                                + ": module \""
                                + e.getKey()
                                + "\" of type "
                                + e.getValue()
                                + " is not supported (supported: Transformer, Pooling, Dense,"
                                + " Normalize); models that bring their own code (trust_remote_code)"
                                + " are not run");
            }
        }
        return types;
    }

    /** The folder of the first module of {@code type}, or null. */
    Path module(String type) {
        for (Map.Entry<String, String> e : modules.entrySet()) {
            if (e.getValue().equals(type)) {
                return dir.resolve(e.getKey());
            }
        }
        return null;
    }
}
