package org.taew.bench;

import java.util.Locale;

/**
 * A real model's shapes, as {@link ArchitectureBenchmark} measures them on random weights.
 *
 * @param name the model's name
 * @param modelType its Hugging Face {@code model_type}
 * @param hidden hidden size
 * @param layers transformer layers
 * @param heads attention heads
 * @param kvHeads key/value heads
 * @param headDim size of one head
 * @param intermediate size of the MLP
 */
record Arch(
        String name,
        String modelType,
        int hidden,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int intermediate) {
    /**
     * The vocabulary of the benchmark models: cut to 32,000 tokens (only the embedding lookup
     * depends on it).
     */
    static final int VOCAB = 32_000;

    /** The name and shape as a benchmark's heading says them. */
    String describe() {
        return String.format(
                Locale.ROOT,
                "%s: %d layers, hidden %d, %d/%d heads of %d, MLP %d",
                name,
                layers,
                hidden,
                heads,
                kvHeads,
                headDim,
                intermediate);
    }

    /** Weights of the linear layers per token (multiply-adds), from the shapes. */
    long linearMacs() {
        long q = (long) heads * headDim;
        long kv = (long) kvHeads * headDim;
        long attention = hidden * (q + 2 * kv) + q * hidden;
        long mlp = 3L * hidden * intermediate; // two input projections (gated), one output
        long dense = name.startsWith("EmbeddingGemma") ? 2L * hidden * 4 * hidden : 0;
        return layers * (attention + mlp) + dense;
    }

    /** Attention score and context multiply-adds per token at a sequence length. */
    long attentionMacs(int length) {
        return 2L * layers * heads * headDim * length;
    }
}
