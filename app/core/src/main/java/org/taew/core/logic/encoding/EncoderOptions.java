package org.taew.core.logic.encoding;

/**
 * How an encoder batches and threads.
 *
 * @param batchTokenBudget at most this many tokens per batch, padding included (texts are sorted by
 *     length first, so padding stays small)
 * @param maxBatchSize at most this many texts per batch
 * @param intraOpThreads threads inside one operator (0: the engine's default, one per core)
 */
public record EncoderOptions(int batchTokenBudget, int maxBatchSize, int intraOpThreads) {
    /** Defaults chosen from the encoding benchmark (docs/benchmarks.md). */
    public static final EncoderOptions DEFAULT = new EncoderOptions(4096, 64, 0);

    public EncoderOptions {
        if (batchTokenBudget < 1 || maxBatchSize < 1 || intraOpThreads < 0) {
            throw new IllegalArgumentException(
                    "batch budget and size must be positive, threads ≥ 0");
        }
    }
}
