package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A transformer computed with DJL NDArray operations on the PyTorch engine, from a model folder's
 * weights. Returns the last hidden state; pooling, dense layers and normalisation are the
 * encoder's. Safe to call from several threads: the weights are only read.
 */
interface NativeModel extends AutoCloseable {
    /** A manager for one batch's arrays, on the weights' device. */
    NDManager newBatchManager();

    /**
     * The last hidden state {@code [batch, length, hidden]} of a padded batch ({@link #leftPadding}
     * says on which side).
     *
     * @param manager owns every array made on the way (close it after reading the result)
     * @param mask 1 for a token, 0 for padding
     */
    NDArray forward(
            NDManager manager, long[] ids, long[] mask, long[] types, int batch, int length);

    /** Whether batches are padded on the left (decoders read the last token of each row). */
    default boolean leftPadding() {
        return false;
    }

    /**
     * About how many values one token of a batch of {@code length}-token rows takes in the arrays
     * of one layer (all of them live until the layer returns): the projections, the attention
     * scores of its row, the MLP, and the float32 copies of the norms. An estimate from the shapes,
     * for sizing batches on a GPU ({@link GpuBatching}).
     */
    long activationFloatsPerToken(int length);

    /** The architecture, for reports: {@code bert}, {@code t5}, {@code qwen3}, … */
    String architecture();

    Device device();

    boolean half();

    /** The half type computed in ({@code float16}, {@code bfloat16}), or empty for float32. */
    String precision();

    @Override
    void close();
}
