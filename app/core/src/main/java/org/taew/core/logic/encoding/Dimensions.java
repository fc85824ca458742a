package org.taew.core.logic.encoding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Matryoshka dimensions: vectors cut to their first {@code n} values after pooling and the model's
 * Dense layers, then normalised again when the model normalises (Kusupati et al. 2022; as
 * sentence-transformers' {@code truncate_dim}). One rule for both front ends.
 */
public final class Dimensions {
    private Dimensions() {}

    /**
     * The encoder's vectors cut to {@code dimension} values; the encoder itself when {@code
     * dimension} is 0 or its full length, or the folder's own {@code truncate_dim} beyond that
     * length (as sentence-transformers). Refuses another dimension larger than the model's. The
     * result owns {@code encoder}: closing it closes the encoder.
     */
    public static Encoder truncate(Encoder encoder, int dimension) throws WorkbenchException {
        if (dimension == 0 || dimension == encoder.dimension()) {
            return encoder;
        }
        if (dimension > encoder.dimension() && dimension == encoder.model().truncateDim()) {
            // the folder's own truncate_dim beyond its vectors' length: sentence-transformers'
            // slice keeps them whole, and so does this
            return encoder;
        }
        if (dimension < 0 || dimension > encoder.dimension()) {
            int full = encoder.dimension();
            encoder.close();
            throw WorkbenchException.badInput(
                    "Dimension "
                            + dimension
                            + ": the vectors of "
                            + encoder.model().name()
                            + " have "
                            + full
                            + " dimensions; choose 1 to "
                            + full);
        }
        return new Truncated(encoder, dimension);
    }

    /**
     * The first {@code dimension} values of each row, each row normalised again when {@code
     * normalize}; the vectors themselves when {@code dimension} is 0 or their length.
     */
    public static Embeddings cut(Embeddings v, int dimension, boolean normalize) {
        if (dimension == 0 || dimension == v.dim()) {
            return v;
        }
        float[] cut = new float[v.rows() * dimension];
        for (int r = 0; r < v.rows(); r++) {
            System.arraycopy(v.data(), r * v.dim(), cut, r * dimension, dimension);
        }
        Embeddings first = new Embeddings(cut, v.rows(), dimension);
        return normalize ? Vectors.normalized(first) : first;
    }

    /** What runs a model, with the dimensions its vectors are cut to when they are (0: none). */
    static String engine(String engine, int dimension) {
        return dimension == 0 ? engine : engine + ", first " + dimension + " dimensions";
    }

    /**
     * What an encoder runs, for vectors cut further to {@code dimension} after encoding (0: as the
     * encoder gives them), e.g. {@code OnnxRuntime 1.21.1 on CPU, first 128 dimensions}.
     */
    public static String engine(Encoder encoder, int dimension) {
        if (dimension == 0) {
            return encoder.engine();
        }
        String base = encoder instanceof Truncated t ? t.inner.engine() : encoder.engine();
        return engine(base, dimension);
    }

    /** The full length of the model's vectors behind an encoder, cut or not. */
    public static int full(Encoder encoder) {
        return encoder instanceof Truncated t ? t.inner.dimension() : encoder.dimension();
    }

    /**
     * The dimensions to offer for vectors of {@code full} values: 0 (all), then the usual
     * Matryoshka sizes below it (those EmbeddingGemma and nomic-embed publish) and its halvings,
     * down to a sixteenth of it (at least 8).
     */
    public static List<Integer> offered(int full) {
        int smallest = Math.max(8, full / 16);
        TreeSet<Integer> sizes = new TreeSet<>(Comparator.reverseOrder());
        for (int d : new int[] {1024, 768, 512, 384, 256, 128, 64, 32}) {
            if (d < full && d >= smallest) {
                sizes.add(d);
            }
        }
        for (int d = full / 2; d >= smallest; d /= 2) {
            sizes.add(d);
        }
        List<Integer> out = new ArrayList<>();
        out.add(0);
        out.addAll(sizes);
        return out;
    }

    /**
     * A caution when the model card does not claim Matryoshka training (cut vectors of such a model
     * may lose much), or null.
     */
    public static String caution(ModelSpec model, int dimension) {
        if (dimension == 0 || ModelFolderReader.claimsMatryoshka(model.dir())) {
            return null;
        }
        return "the model card of "
                + model.name()
                + " (README.md in its folder) does not say it was trained for Matryoshka dimensions:"
                + " its first "
                + dimension
                + " dimensions may keep much less than the full vector";
    }

    private static final class Truncated implements Encoder {
        private final Encoder inner;
        private final int dimension;

        Truncated(Encoder inner, int dimension) {
            this.inner = inner;
            this.dimension = dimension;
        }

        @Override
        public ModelSpec model() {
            return inner.model();
        }

        @Override
        public String engine() {
            return Dimensions.engine(inner.engine(), dimension);
        }

        @Override
        public String cacheTag() {
            return inner.cacheTag() + ";dim=" + dimension;
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public List<TokenCount> countTokens(List<String> texts) throws WorkbenchException {
            return inner.countTokens(texts);
        }

        @Override
        public Encoded encode(List<PreparedText> texts, ProgressListener progress)
                throws WorkbenchException {
            return encode(texts, progress, BatchSink.NONE);
        }

        @Override
        public Encoded encode(List<PreparedText> texts, ProgressListener progress, BatchSink sink)
                throws WorkbenchException {
            int full = inner.dimension();
            boolean normalize = inner.model().normalize();
            Encoded encoded =
                    inner.encode(
                            texts,
                            progress,
                            sink == BatchSink.NONE
                                    ? BatchSink.NONE
                                    : (positions, vectors, tokens) ->
                                            sink.accept(
                                                    positions,
                                                    cut(
                                                                    new Embeddings(
                                                                            vectors,
                                                                            positions.length,
                                                                            full),
                                                                    dimension,
                                                                    normalize)
                                                            .data(),
                                                    tokens));
            return new Encoded(cut(encoded.vectors(), dimension, normalize), encoded.tokens());
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
