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
 * @param family instruction family ({@code e5}, {@code bge}, …), which names the file in {@code
 *     instructions/}
 * @param prompts sentence-transformers prompts from {@code config_sentence_transformers.json}, name
 *     → prefix
 * @param identity a stable hash of the weights and of every setting that changes vectors; embedding
 *     caches are keyed by it
 * @param dense the sentence-transformers Dense module folders applied after pooling, in order
 *     (relative to {@code dir}; empty for most models)
 * @param includePrompt whether mean pooling keeps the tokens of a prompt taken from {@code prompts}
 *     (sentence-transformers' {@code include_prompt}; false: they are left out, as INSTRUCTOR does)
 */
public record ModelSpec(
        String name,
        Path dir,
        Path weights,
        Path tokenizer,
        Pooling pooling,
        boolean normalize,
        int maxLength,
        String family,
        Map<String, String> prompts,
        String identity,
        List<String> dense,
        boolean includePrompt) {
    public ModelSpec {
        prompts = Map.copyOf(prompts);
        dense = List.copyOf(dense);
    }

    /** A model without Dense modules. */
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
                name, dir, weights, tokenizer, pooling, normalize, maxLength, family, prompts,
                identity, List.of(), true);
    }

    /** The kind of model file: {@code onnx}, {@code torchscript} or {@code safetensors}. */
    public String format() {
        String f = weights.getFileName().toString();
        return f.endsWith(".onnx")
                ? "onnx"
                : f.endsWith(".safetensors") ? "safetensors" : "torchscript";
    }
}
