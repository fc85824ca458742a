package org.taew.core.model;

import java.nio.file.Path;
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
        String identity) {
    public ModelSpec {
        prompts = Map.copyOf(prompts);
    }

    /** The kind of model file: {@code onnx}, {@code torchscript} or {@code safetensors}. */
    public String format() {
        String f = weights.getFileName().toString();
        return f.endsWith(".onnx")
                ? "onnx"
                : f.endsWith(".safetensors") ? "safetensors" : "torchscript";
    }
}
