package org.taew.core.logic.encoding;

/**
 * How an encoder batches and threads.
 *
 * @param batchTokenBudget at most this many tokens per batch, padding included (texts are sorted by
 *     length first, so padding stays small)
 * @param maxBatchSize at most this many texts per batch
 * @param intraOpThreads threads inside one operator of one batch (0: the engine's default, one per
 *     core)
 * @param workers batches run at the same time, each on its own predictor (0: one per core)
 * @param belowNormalPriority run the workers at a lower OS priority (nice 10 on Linux), so that a
 *     desktop stays responsive while they keep every core busy; they lose nothing when the machine
 *     is otherwise idle
 */
public record EncoderOptions(
        int batchTokenBudget,
        int maxBatchSize,
        int intraOpThreads,
        int workers,
        boolean belowNormalPriority) {
    /**
     * Defaults chosen from the encoding benchmark (docs/benchmarks.md): on 2 cores, two
     * single-threaded workers on small length-sorted batches beat one two-threaded session on large
     * ones, because the activations of a small batch stay in cache and no operator waits for a
     * second thread.
     */
    public static final EncoderOptions DEFAULT = new EncoderOptions(512, 64, 1, 0);

    public EncoderOptions(int batchTokenBudget, int maxBatchSize, int intraOpThreads, int workers) {
        this(batchTokenBudget, maxBatchSize, intraOpThreads, workers, false);
    }

    /** The same options with the workers at a lower OS priority. */
    public EncoderOptions inBackground() {
        return new EncoderOptions(batchTokenBudget, maxBatchSize, intraOpThreads, workers, true);
    }

    public EncoderOptions {
        if (batchTokenBudget < 1 || maxBatchSize < 1 || intraOpThreads < 0 || workers < 0) {
            throw new IllegalArgumentException(
                    "batch budget and size must be positive, threads and workers >= 0");
        }
    }

    /** The number of workers to run: {@code workers}, or one per available core. */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
