package org.taew.core.logic.encoding;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.taew.core.model.LengthLimit;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.util.Hashing;
import org.taew.core.util.WorkbenchException;

/**
 * Reads a model folder in Hugging Face layout. Settings come from the sentence-transformers files
 * when the folder has them ({@code modules.json}, {@code 1_Pooling/config.json}, {@code
 * sentence_bert_config.json}, {@code config_sentence_transformers.json} with its {@code prompts}
 * and {@code truncate_dim}), else from our descriptor {@code taew-model.json} ({@code name}, {@code
 * family}, {@code pooling}, {@code normalize}, {@code max_length}, {@code model_file}). The weights
 * file is {@link WeightsFiles}' choice, the modules' settings {@link SentenceTransformersModules}',
 * the length limit {@link LengthLimits}' and the identity {@link ModelIdentity}'s.
 */
public final class ModelFolderReader {
    public static final String DESCRIPTOR = ModelJson.DESCRIPTOR;
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
        JsonObject descriptor = ModelJson.json(dir.resolve(DESCRIPTOR));
        Path weights =
                precision == Precision.FP32
                        ? WeightsFiles.float32(dir, descriptor)
                        : WeightsFiles.variant(dir, precision);
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    dir
                            + " has no tokenizer.json (the Hugging Face fast-tokenizer file); the model cannot"
                            + " be used without it");
        }
        String name = ModelJson.string(descriptor, "name", dir.getFileName().toString());
        SentenceTransformersModules modules = SentenceTransformersModules.read(dir);
        Pooling pooling = modules.pooling(descriptor);
        boolean includePrompt = modules.includePrompt();
        List<String> dense = modules.denseModules();
        boolean normalize = modules.normalize(descriptor);
        LengthLimit limit = LengthLimits.read(dir, descriptor);
        boolean familyGuessed = ModelJson.string(descriptor, "family", null) == null;
        String family =
                familyGuessed ? guessFamily(name) : ModelJson.string(descriptor, "family", null);
        Map<String, String> prompts = modules.prompts();

        String weightsSha =
                precision == Precision.FP32 ? ModelJson.string(descriptor, "sha256", null) : null;
        if (weightsSha == null) {
            weightsSha = ModelIdentity.cachedSha256(weights);
        }
        String identity =
                Hashing.sha256Hex(
                        "weights="
                                + weightsSha
                                + ";tokenizer="
                                + ModelIdentity.cachedSha256(tokenizer)
                                + ";pooling="
                                + pooling.label()
                                + ";normalize="
                                + normalize
                                + ";max_length="
                                + limit.tokens()
                                + ModelIdentity.dense(dir, dense)
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
                includePrompt,
                modules.truncateDim());
    }

    /**
     * The precisions a model folder has weights of, without reading them: fp32 when it has its
     * usual model file (as {@link #read(Path)} finds it), int8 when it has a quantized ONNX file.
     */
    public static List<Precision> precisions(Path dir) {
        return WeightsFiles.precisions(dir);
    }

    /**
     * The folder of the Pooling module that {@code dir}'s {@code modules.json} declares (where its
     * {@code config.json} with {@code include_prompt} lives); empty when the folder declares none,
     * as a bundled model's folder, whose pooling is in {@value #DESCRIPTOR}.
     */
    public static Optional<Path> poolingModule(Path dir) throws WorkbenchException {
        return Optional.ofNullable(SentenceTransformersModules.read(dir).module("Pooling"));
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
}
