package org.taew.core.logic.production;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.util.WorkbenchException;

/**
 * The settings files an export rewrites in its copy of a model folder, each read from the original
 * folder (whose name the messages give) and written into the copy; every other key is kept.
 */
final class FolderSettings {
    static final String PROMPTS_FILE = "config_sentence_transformers.json";
    static final String MODULES_FILE = "modules.json";
    static final String POOLING_DIR = "1_Pooling";
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    private final Path source;
    private final Path target;
    private final List<String> written = new ArrayList<>();

    /**
     * @param source the model folder
     * @param target its copy, to write into
     */
    FolderSettings(Path source, Path target) {
        this.source = source;
        this.target = target;
    }

    /** The files written so far, relative to the folder, in the order written. */
    List<String> written() {
        return List.copyOf(written);
    }

    /**
     * Writes {@code prompts}, {@code default_prompt_name} and, for cut vectors, {@code
     * truncate_dim} into {@value #PROMPTS_FILE}, keeping its other keys (or a new file with them).
     *
     * @return the folder's earlier prompts that the export drops or changes, by name
     */
    List<String> prompts(ExportedPrompts p) throws WorkbenchException {
        JsonObject cfg = read(PROMPTS_FILE).orElseGet(JsonObject::new);
        List<String> replaced = new ArrayList<>();
        if (cfg.has("prompts") && cfg.get("prompts").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : cfg.getAsJsonObject("prompts").entrySet()) {
                String now = p.prompts().get(e.getKey());
                boolean same =
                        now != null
                                && e.getValue().isJsonPrimitive()
                                && e.getValue().getAsString().equals(now);
                if (!same) {
                    replaced.add(e.getKey());
                }
            }
        }
        JsonObject prompts = new JsonObject();
        p.prompts().forEach(prompts::addProperty);
        cfg.add("prompts", prompts);
        cfg.add(
                "default_prompt_name",
                p.defaultPromptName() == null
                        ? JsonNull.INSTANCE
                        : new JsonPrimitive(p.defaultPromptName()));
        if (p.truncateDim() > 0) {
            cfg.addProperty("truncate_dim", p.truncateDim());
        } else if (p.truncateDim() == ExportedPrompts.UNCUT) {
            cfg.add("truncate_dim", JsonNull.INSTANCE);
        }
        write(PROMPTS_FILE, cfg);
        return replaced;
    }

    /**
     * Sets the Pooling module's {@code include_prompt} to what the export asks: written when it
     * leaves the instruction out, or when the folder's says false and the export keeps it in. A
     * folder without {@value #MODULES_FILE} (a bundled model's, whose pooling is in the workbench's
     * descriptor) gets one — Transformer, Pooling from the model's settings, Normalize when the
     * model normalises — only when {@code include_prompt} must be false, the one setting that needs
     * it.
     */
    void pooling(ModelSpec model, boolean includePrompt) throws WorkbenchException {
        Optional<Path> module = ModelFolderReader.poolingModule(source);
        if (module.isPresent()) {
            String rel = source.relativize(module.get()).toString();
            String file = rel.isEmpty() ? "config.json" : rel + "/config.json";
            JsonObject cfg =
                    read(file)
                            .orElseThrow(
                                    () ->
                                            WorkbenchException.badInput(
                                                    source.resolve(file)
                                                            + " is missing: the Pooling module of "
                                                            + MODULES_FILE
                                                            + " has no config.json"));
            boolean now =
                    !cfg.has("include_prompt")
                            || !cfg.get("include_prompt").isJsonPrimitive()
                            || cfg.get("include_prompt").getAsBoolean();
            if (now != includePrompt) {
                cfg.addProperty("include_prompt", includePrompt);
                write(file, cfg);
            }
            return;
        }
        if (includePrompt) {
            return;
        }
        if (Files.isRegularFile(source.resolve(MODULES_FILE))) {
            throw WorkbenchException.badInput(
                    source.resolve(MODULES_FILE)
                            + " declares no Pooling module, so the instruction cannot be left out of"
                            + " pooling (sentence-transformers reads include_prompt from the Pooling"
                            + " module's config.json)");
        }
        write(MODULES_FILE, modules(model.normalize()));
        write(POOLING_DIR + "/config.json", poolingConfig(model.pooling()));
    }

    /** The workbench's descriptor without {@code family}: see {@link PromptExport}. */
    void descriptor() throws WorkbenchException {
        Optional<JsonObject> d = read(ModelFolderReader.DESCRIPTOR);
        if (d.isPresent() && d.get().has("family")) {
            d.get().remove("family");
            write(ModelFolderReader.DESCRIPTOR, d.get());
        }
    }

    private static JsonArray modules(boolean normalize) {
        JsonArray a = new JsonArray();
        a.add(module(0, "", "Transformer"));
        a.add(module(1, POOLING_DIR, "Pooling"));
        if (normalize) {
            a.add(module(2, "2_Normalize", "Normalize"));
        }
        return a;
    }

    private static JsonObject module(int idx, String path, String type) {
        JsonObject m = new JsonObject();
        m.addProperty("idx", idx);
        m.addProperty("name", String.valueOf(idx));
        m.addProperty("path", path);
        m.addProperty("type", "sentence_transformers.models." + type);
        return m;
    }

    /**
     * sentence-transformers' Pooling settings (the boolean form, which Text Embeddings Inference
     * reads too), with the width from {@code config.json} where it says.
     */
    private JsonObject poolingConfig(Pooling pooling) throws WorkbenchException {
        JsonObject cfg = new JsonObject();
        Optional<JsonObject> config = read("config.json");
        if (config.isPresent()
                && config.get().has("hidden_size")
                && config.get().get("hidden_size").isJsonPrimitive()) {
            cfg.add("word_embedding_dimension", config.get().get("hidden_size"));
        }
        cfg.addProperty("pooling_mode_cls_token", pooling == Pooling.CLS);
        cfg.addProperty("pooling_mode_mean_tokens", pooling == Pooling.MEAN);
        cfg.addProperty("pooling_mode_max_tokens", false);
        cfg.addProperty("pooling_mode_mean_sqrt_len_tokens", false);
        cfg.addProperty("pooling_mode_weightedmean_tokens", false);
        cfg.addProperty("pooling_mode_lasttoken", pooling == Pooling.LASTTOKEN);
        cfg.addProperty("include_prompt", false);
        return cfg;
    }

    /** The original folder's JSON object {@code name}, if the file is there. */
    private Optional<JsonObject> read(String name) throws WorkbenchException {
        Path file = source.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw WorkbenchException.badInput(file + ": expected a JSON object");
            }
            return Optional.of(e.getAsJsonObject());
        } catch (JsonParseException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.BAD_INPUT,
                    file + ": not valid JSON (" + e.getMessage() + ")",
                    e);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code json} as {@code name} of the copy, replacing the copied file. */
    private void write(String name, JsonElement json) throws WorkbenchException {
        Path file = target.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            // a copied file may be a hard link to the original: unlink it, never write through it
            Files.deleteIfExists(file);
            Files.writeString(file, GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot write " + file + ": " + e.getMessage(), e);
        }
        written.add(name);
    }
}
