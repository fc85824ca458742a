package org.taew.core.logic.encoding;

import java.util.List;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Turns texts into vectors with one model. Implementations are not required to be thread-safe: use
 * one encoder per thread, like a DJL {@code Predictor}.
 */
public interface Encoder extends AutoCloseable {

    /** Tokens of one text after truncation, and whether it had to be truncated. */
    record TokenCount(int tokens, boolean truncated) {}

    /**
     * Vectors of encoded texts, with what it took.
     *
     * @param vectors one row per input text, in input order (L2-normalised when the model
     *     normalises)
     * @param tokens one entry per input text
     */
    record Encoded(Embeddings vectors, List<TokenCount> tokens) {}

    ModelSpec model();

    /**
     * What runs the model, for reports: e.g. {@code OnnxRuntime 1.21.1 on cpu()} or {@code PyTorch
     * 2.7.1 (native encoder) on gpu(0), float16}.
     */
    default String engine() {
        return "";
    }

    /**
     * Added to the model's identity in embedding caches when this encoder's vectors are not the
     * reference engine's (empty for ONNX Runtime), so vectors of different engines never mix.
     */
    default String cacheTag() {
        return "";
    }

    /** The length of the vectors. */
    int dimension();

    /**
     * Counts tokens as the encoder would see them (special tokens included), without running the
     * model.
     */
    List<TokenCount> countTokens(List<String> texts) throws WorkbenchException;

    /**
     * Encodes texts. Checks for cancellation (thread interrupt) between batches and reports each
     * batch to {@code progress} (which the caller has {@link ProgressListener#reset reset}).
     */
    Encoded encode(List<PreparedText> texts, ProgressListener progress) throws WorkbenchException;

    /**
     * Receives the texts of a request batch by batch as they finish, so that a caller can keep the
     * work of a request that is cancelled, fails or is killed part-way (the embedding cache appends
     * them at once).
     */
    @FunctionalInterface
    interface BatchSink {
        /** Does nothing: for callers that want only the whole result. */
        BatchSink NONE = (positions, vectors, tokens) -> {};

        /**
         * One finished batch: {@code positions[i]} is the input position of the text whose vector
         * is row {@code i} of {@code vectors} (row-major, {@link #dimension()} floats per row) and
         * whose tokens are {@code tokens.get(i)}. May be called from several encoding threads at
         * once; the arrays are the receiver's to keep.
         */
        void accept(int[] positions, float[] vectors, List<TokenCount> tokens);
    }

    /**
     * Encodes like {@link #encode(List, ProgressListener)}, and hands each finished batch to {@code
     * sink} as soon as it is done. This default hands over the whole request once it is complete;
     * encoders that work in batches override it.
     */
    default Encoded encode(List<PreparedText> texts, ProgressListener progress, BatchSink sink)
            throws WorkbenchException {
        Encoded encoded = encode(texts, progress);
        int[] all = new int[texts.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        sink.accept(all, encoded.vectors().data().clone(), encoded.tokens());
        return encoded;
    }

    @Override
    void close();
}
