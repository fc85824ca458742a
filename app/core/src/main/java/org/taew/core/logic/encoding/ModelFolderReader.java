package org.taew.core.logic.encoding;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.taew.core.logic.weights.DenseLayer;
import org.taew.core.logic.weights.MalformedWeightsException;
import org.taew.core.model.LengthLimit;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.Hashing;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;

/**
 * Reads a model folder in Hugging Face layout. Settings come from the sentence-transformers files
 * when the folder has them ({@code modules.json}, {@code 1_Pooling/config.json}, {@code
 * sentence_bert_config.json}, {@code config_sentence_transformers.json} with its {@code prompts}),
 * else from our descriptor {@code taew-model.json} ({@code name}, {@code family}, {@code pooling},
 * {@code normalize}, {@code max_length}, {@code model_file}).
 */
public final class ModelFolderReader {
    public static final String DESCRIPTOR = "taew-model.json";
    private static final Set<String> MODULES =
            Set.of("Transformer", "Pooling", "Dense", "Normalize");
    private static final Pattern MATRYOSHKA =
            Pattern.compile("matryoshka|\\bMRL\\b", Pattern.CASE_INSENSITIVE);

    private ModelFolderReader() {}

    public static ModelSpec read(Path dir) throws WorkbenchException {
        return read(dir, Precision.FP32);
    }

    /**
     * The model in {@code dir} with the weights file of {@code precision}: its usual file for fp32,
     * a quantized ONNX file ({@link Precision#variants}) for int8. Each file has its own identity,
     * so vectors of different precisions never share a cache.
     */
    public static ModelSpec read(Path dir, Precision precision) throws WorkbenchException {
        if (!Files.isDirectory(dir)) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL, dir + " is not a model folder");
        }
        JsonObject descriptor = json(dir.resolve(DESCRIPTOR));
        Path weights =
                precision == Precision.FP32 ? weights(dir, descriptor) : variant(dir, precision);
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    dir
                            + " has no tokenizer.json (the Hugging Face fast-tokenizer file); the model cannot"
                            + " be used without it");
        }
        String name = string(descriptor, "name", dir.getFileName().toString());
        Map<String, String> modules = moduleTypes(dir);
        Pooling pooling = pooling(dir, descriptor, modules);
        boolean includePrompt = includePrompt(dir, modules);
        List<String> dense = denseModules(dir, modules);
        boolean normalize = normalize(dir, descriptor, modules);
        LengthLimit limit = LengthLimits.read(dir, descriptor);
        boolean familyGuessed = string(descriptor, "family", null) == null;
        String family = familyGuessed ? guessFamily(name) : string(descriptor, "family", null);
        Map<String, String> prompts = prompts(dir);

        String weightsSha = precision == Precision.FP32 ? string(descriptor, "sha256", null) : null;
        if (weightsSha == null) {
            weightsSha = cachedSha256(weights);
        }
        String identity =
                Hashing.sha256Hex(
                        "weights="
                                + weightsSha
                                + ";tokenizer="
                                + cachedSha256(tokenizer)
                                + ";pooling="
                                + pooling.label()
                                + ";normalize="
                                + normalize
                                + ";max_length="
                                + limit.tokens()
                                + denseIdentity(dir, dense)
                                + (includePrompt ? "" : ";include_prompt=false"));
        return new ModelSpec(
                name,
                dir,
                weights,
                tokenizer,
                pooling,
                normalize,
                limit,
                family,
                familyGuessed,
                prompts,
                identity,
                dense,
                includePrompt);
    }

    /**
     * The precisions a model folder has weights of, without reading them: fp32 when it has its
     * usual model file (as {@link #read(Path)} finds it), int8 when it has a quantized ONNX file.
     */
    public static List<Precision> precisions(Path dir) {
        List<Precision> out = new ArrayList<>();
        try {
            weights(dir, json(dir.resolve(DESCRIPTOR)));
            out.add(Precision.FP32);
        } catch (WorkbenchException e) {
            // no float32 file (or an unreadable descriptor, which reading the model will name)
        }
        if (Precision.find(dir, Precision.INT8) != null) {
            out.add(Precision.INT8);
        }
        return out;
    }

    /** The preferred file of {@code precision}, or a message naming what the folder has. */
    private static Path variant(Path dir, Precision precision) throws WorkbenchException {
        Path file = Precision.find(dir, precision);
        if (file != null) {
            return file;
        }
        StringBuilder has = new StringBuilder();
        for (Precision.Variant v : Precision.variants(dir)) {
            has.append(has.length() == 0 ? "" : ", ")
                    .append(dir.relativize(v.file()))
                    .append(" (")
                    .append(v.precision())
                    .append(v.offered() ? "" : ", not offered: " + v.note())
                    .append(')');
        }
        throw new WorkbenchException(
                WorkbenchException.Kind.MODEL,
                dir
                        + " has no "
                        + precision.label()
                        + " weights: expected onnx/model_quantized.onnx, onnx/model_int8.onnx,"
                        + " onnx/model_qint8_avx2.onnx or another quantized ONNX file ("
                        + (has.length() == 0 ? "it has no ONNX file" : "it has " + has)
                        + ")");
    }

    private static Path weights(Path dir, JsonObject descriptor) throws WorkbenchException {
        String declared = string(descriptor, "model_file", null);
        if (declared != null) {
            Path p = dir.resolve(declared);
            if (!Files.isRegularFile(p)) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL,
                        dir.resolve(DESCRIPTOR)
                                + ": model_file \""
                                + declared
                                + "\" does not exist");
            }
            return p;
        }
        for (String candidate :
                new String[] {"model.onnx", "onnx/model.onnx", "model.pt", "model.safetensors"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                if (candidate.equals("model.pt")) {
                    requireTorchScript(p);
                }
                return p;
            }
        }
        if (Files.exists(dir.resolve("pytorch_model.bin"))) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    dir
                            + " holds only pytorch_model.bin, a pickle file: loading pickle can run arbitrary"
                            + " code, so the workbench refuses it. Save the weights as model.safetensors"
                            + " (save_pretrained(..., safe_serialization=True)) or export model.onnx.");
        }
        Path quantized = Precision.find(dir, Precision.INT8);
        throw new WorkbenchException(
                WorkbenchException.Kind.MODEL,
                dir
                        + " has no float32 model file: expected model.onnx, onnx/model.onnx, a"
                        + " TorchScript model.pt, or model.safetensors with config.json"
                        + (quantized == null
                                ? ""
                                : "; it has int8 weights ("
                                        + dir.relativize(quantized)
                                        + "): choose precision int8 (--precision int8)"));
    }

    /**
     * A TorchScript archive is a zip whose record holds {@code code/} (the scripted module); a
     * {@code .pt} from {@code torch.save} holds only pickled data, and unpickling can run arbitrary
     * code, so it is refused before any engine sees it.
     */
    static void requireTorchScript(Path file) throws WorkbenchException {
        boolean code = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            code =
                    zip.stream()
                            .anyMatch(
                                    e -> {
                                        String n = e.getName();
                                        int slash = n.indexOf('/');
                                        return slash > 0 && n.startsWith("code/", slash + 1);
                                    });
        } catch (IOException e) {
            code = false; // not a zip: a legacy pickle file
        }
        if (!code) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    file
                            + " is not a TorchScript model (no code/ record inside): it is a pickle"
                            + " checkpoint from torch.save, and loading pickle can run arbitrary code,"
                            + " so the workbench refuses it. Save a TorchScript model (torch.jit.trace"
                            + " or DJL's converter), or the weights as model.safetensors.");
        }
    }

    private static Pooling pooling(Path dir, JsonObject descriptor, Map<String, String> modules)
            throws WorkbenchException {
        Path poolingConfig = sentenceTransformersModule(dir, modules, "Pooling");
        if (poolingConfig != null) {
            JsonObject cfg = json(poolingConfig.resolve("config.json"));
            if (cfg != null) {
                if (bool(cfg, "pooling_mode_cls_token")) {
                    return Pooling.CLS;
                }
                if (bool(cfg, "pooling_mode_mean_tokens")) {
                    return Pooling.MEAN;
                }
                if (bool(cfg, "pooling_mode_lasttoken")) {
                    return Pooling.LASTTOKEN;
                }
                String mode = string(cfg, "pooling_mode", null);
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
        String p = string(descriptor, "pooling", null);
        if (p == null) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    dir
                            + ": cannot tell how to pool token vectors. Add sentence-transformers'"
                            + " modules.json + 1_Pooling/config.json, or a "
                            + DESCRIPTOR
                            + " with \"pooling\": \"mean\" or \"cls\"");
        }
        return parsePooling(dir.resolve(DESCRIPTOR), p);
    }

    private static Pooling parsePooling(Path file, String value) throws WorkbenchException {
        try {
            return Pooling.parse(value);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL, file + ": " + e.getMessage());
        }
    }

    private static boolean normalize(Path dir, JsonObject descriptor, Map<String, String> modules) {
        if (Files.isRegularFile(dir.resolve("modules.json"))) {
            return modules.containsValue("Normalize");
        }
        JsonElement n = descriptor == null ? null : descriptor.get("normalize");
        return n == null || n.getAsBoolean();
    }

    private static Map<String, String> prompts(Path dir) throws WorkbenchException {
        JsonObject cfg = json(dir.resolve("config_sentence_transformers.json"));
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

    /** sentence-transformers' {@code include_prompt} of the Pooling module (default true). */
    private static boolean includePrompt(Path dir, Map<String, String> modules)
            throws WorkbenchException {
        Path pooling = sentenceTransformersModule(dir, modules, "Pooling");
        JsonObject cfg = pooling == null ? null : json(pooling.resolve("config.json"));
        return cfg == null
                || !cfg.has("include_prompt")
                || !cfg.get("include_prompt").isJsonPrimitive()
                || cfg.get("include_prompt").getAsBoolean();
    }

    /** The Dense module folders in modules.json order, each checked to hold safetensors weights. */
    private static List<String> denseModules(Path dir, Map<String, String> modules)
            throws WorkbenchException {
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

    /** What the Dense modules add to the model's identity: each one's config and weights. */
    private static String denseIdentity(Path dir, List<String> dense) throws WorkbenchException {
        StringBuilder b = new StringBuilder();
        for (String d : dense) {
            Path folder = dir.resolve(d);
            try {
                b.append(";dense=")
                        .append(cachedSha256(folder.resolve("config.json")))
                        .append('/')
                        .append(cachedSha256(DenseLayer.weightsFile(folder)));
            } catch (MalformedWeightsException e) {
                throw new WorkbenchException(WorkbenchException.Kind.MODEL, e.getMessage(), e);
            }
        }
        return b.toString();
    }

    /**
     * Whether the folder's model card ({@code README.md}) says the model was trained for Matryoshka
     * dimensions (it mentions Matryoshka or MRL), so that truncated vectors keep their meaning.
     */
    public static boolean claimsMatryoshka(Path dir) {
        Path card = dir.resolve("README.md");
        if (!Files.isRegularFile(card)) {
            return false;
        }
        try {
            String text = Files.readString(card, StandardCharsets.UTF_8);
            return MATRYOSHKA.matcher(text).find();
        } catch (IOException e) {
            return false;
        }
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

    private static Path sentenceTransformersModule(
            Path dir, Map<String, String> modules, String type) {
        for (Map.Entry<String, String> e : modules.entrySet()) {
            if (e.getValue().equals(type)) {
                return dir.resolve(e.getKey());
            }
        }
        return null;
    }

    static String guessFamily(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("e5")) {
            return "e5";
        }
        if (n.contains("bge")) {
            return "bge";
        }
        if (n.contains("minilm")) {
            return "minilm";
        }
        if (n.contains("nomic")) {
            return "nomic";
        }
        if (n.contains("instructor")) {
            return "instructor";
        }
        if (n.contains("qwen3")) {
            return "qwen3";
        }
        if (n.contains("gemma")) {
            return "gemma";
        }
        return "generic";
    }

    static JsonObject json(Path file) throws WorkbenchException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL, file + ": expected a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException | IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    file + ": not valid JSON (" + e.getMessage() + ")",
                    e);
        }
    }

    private static String string(JsonObject o, String key, String fallback) {
        if (o == null || !o.has(key) || o.get(key).isJsonNull()) {
            return fallback;
        }
        return o.get(key).getAsString();
    }

    private static boolean bool(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() && o.get(key).getAsBoolean();
    }

    /**
     * SHA-256 of a file, remembered in the workbench home by path, size and modification time so
     * that large weights are hashed once.
     */
    static String cachedSha256(Path file) throws WorkbenchException {
        try {
            Path abs = file.toAbsolutePath().normalize();
            long size = Files.size(abs);
            long mtime = Files.getLastModifiedTime(abs).toMillis();
            Path memo =
                    WorkbenchHome.resolve()
                            .resolve("hashes")
                            .resolve(Hashing.sha256Hex(abs.toString()));
            String stamp = size + " " + mtime + " ";
            if (Files.isRegularFile(memo)) {
                String line = Files.readString(memo, StandardCharsets.UTF_8).strip();
                if (line.startsWith(stamp) && line.length() == stamp.length() + 64) {
                    return line.substring(stamp.length());
                }
            }
            String sha = Hashing.sha256Hex(abs);
            AtomicFiles.writeString(memo, stamp + sha + "\n");
            return sha;
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
