package org.taew.core.logic.engine;

import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;

/**
 * The loaded model behind the DJL encoder, DJL's predictor side: makes one {@link Forward} per
 * worker, names the engine, and closes the model.
 */
interface EncoderRunner extends AutoCloseable {
    /** Runs the transformer on one padded batch (a worker's own, not shared between threads). */
    interface Forward {
        /** The last hidden state {@code [b, len, h]} or a pooled output {@code [b, h]}. */
        Hidden run(long[] ids, long[] mask, long[] types, int b, int len) throws TranslateException;
    }

    /**
     * What a forward returns: the values, row-major, and their shape.
     *
     * @param pooledInGraph whether the values are the graph's own sentence vectors ({@code
     *     sentence_embedding}: pooling, Dense and Normalize inside the graph), taken as they are
     */
    record Hidden(float[] values, Shape shape, boolean pooledInGraph) {
        /** Token vectors, or vectors that the sentence-transformers modules still finish. */
        Hidden(float[] values, Shape shape) {
            this(values, shape, false);
        }
    }

    Forward newForward();

    /** Whether batches are padded on the left (causal decoders). */
    default boolean leftPadding() {
        return false;
    }

    String engine();

    String cacheTag();

    @Override
    void close();
}
