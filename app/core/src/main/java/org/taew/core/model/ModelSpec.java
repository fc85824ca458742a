package org.taew.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to load and describe an embedding model folder.
 *
 * @param name short name, e.g. {@code e5-small-v2}
 * @param weights the model file ({@code .onnx}, TorchScript {@code .pt} or {@code
 *     model.safetensors} for the native encoder)
 * @param tokenizer the Hugging Face {@code tokenizer.json}
 * @param lengthLimit how many tokens of a text the model reads, and where that was found
 * @param family instruction family ({@code e5}, {@code bge}, …), which names the file in {@code
 *     instructions/}
 * @param familyGuessed whether the family was guessed from the folder's name rather than declared
 *     (a bundled model, or {@code family} in {@code taew-model.json}): a guessed family's file does
 *     not override the folder's own prompts
 * @param prompts sentence-transformers prompts from {@code config_sentence_transformers.json}, name
 *     → prefix
 * @param identity a stable hash of the weights and of every setting that changes vectors; embedding
 *     caches are keyed by it
 * @param dense the sentence-transformers Dense module folders applied after pooling, in order
 *     (relative to {@code dir}; empty for most models)
 * @param includePrompt whether mean pooling keeps the tokens of a prompt taken from {@code prompts}
 *     (sentence-transformers' {@code include_prompt}; false: they are left out, as INSTRUCTOR does)
 * @param truncateDim the dimensions the folder's vectors are cut to unless a session asks for
 *     others (sentence-transformers' {@code truncate_dim} in {@code
 *     config_sentence_transformers.json}; 0: none)
 */
public record ModelSpec(
        String name,
        Path dir,
        Path weights,
        Path tokenizer,
        Pooling pooling,
        boolean normalize,
        LengthLimit lengthLimit,
        String family,
        boolean familyGuessed,
        Map<String, String> prompts,
        String identity,
        List<String> dense,
        boolean includePrompt,
        int truncateDim) {
    public ModelSpec {
        prompts = Map.copyOf(prompts);
        dense = List.copyOf(dense);
    }

    /** The limit in tokens ({@link LengthLimit#NONE} when texts are not cut). */
    public int maxLength() {
        return lengthLimit.tokens();
    }

    /** A model without Dense modules, with a declared limit and family. */
    public ModelSpec(
            String name,
            Path dir,
            Path weights,
            Path tokenizer,
            Pooling pooling,
            boolean normalize,
            int maxLength,
            String family,
            Map<String, String> prompts,
            String identity) {
        this(
                name,
                dir,
                weights,
                tokenizer,
                pooling,
                normalize,
                LengthLimit.of(maxLength),
                family,
                false,
                prompts,
                identity,
                List.of(),
                true,
                0);
    }

    /** The kind of model file: {@code onnx}, {@code torchscript} or {@code safetensors}. */
    public String format() {
        String f = weights.getFileName().toString();
        return f.endsWith(".onnx")
                ? "onnx"
                : f.endsWith(".safetensors") ? "safetensors" : "torchscript";
    }
}
