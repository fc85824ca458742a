package org.taew.core.logic.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.taew.core.logic.weights.DenseLayer;
import org.taew.core.logic.weights.MalformedWeightsException;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.util.WorkbenchException;

/**
 * The sentence-transformers modules after the transformer: Pooling (mean, CLS or last token; mean
 * pooling can leave the instruction's tokens out, {@code include_prompt=false}), then the Dense
 * layers, then Normalize. Turns a batch's token vectors into its sentence vectors.
 */
public final class SentenceHead {
    private final Pooling pooling;
    private final List<DenseLayer> dense;
    private final boolean normalize;

    /**
     * @param dense the Dense modules in order, each reading the previous one's output
     * @param normalize whether a Normalize module makes the vectors unit length
     */
    public SentenceHead(Pooling pooling, List<DenseLayer> dense, boolean normalize) {
        this.pooling = pooling;
        this.dense = List.copyOf(dense);
        this.normalize = normalize;
    }

    /** The head of a model folder, its Dense modules read from their folders. */
    public static SentenceHead of(ModelSpec spec) throws WorkbenchException {
        return new SentenceHead(spec.pooling(), denseLayers(spec), spec.normalize());
    }

    /** The model's Dense modules, each reading the previous one's output. */
    private static List<DenseLayer> denseLayers(ModelSpec spec) throws WorkbenchException {
        List<DenseLayer> layers = new ArrayList<>();
        for (String folder : spec.dense()) {
            Path dir = spec.dir().resolve(folder);
            try {
                DenseLayer d = DenseLayer.read(dir);
                if (!layers.isEmpty()
                        && layers.get(layers.size() - 1).outFeatures() != d.inFeatures()) {
                    throw new MalformedWeightsException(
                            dir
                                    + " takes "
                                    + d.inFeatures()
                                    + " features, but the module before it gives "
                                    + layers.get(layers.size() - 1).outFeatures());
                }
                layers.add(d);
            } catch (MalformedWeightsException e) {
                throw new WorkbenchException(WorkbenchException.Kind.MODEL, e.getMessage(), e);
            } catch (IOException e) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO,
                        "Cannot read " + dir + ": " + e.getMessage(),
                        e);
            }
        }
        return layers;
    }

    /**
     * The sentence vectors of a batch of {@code tokens.length} rows.
     *
     * @param output the transformer's output, row-major: token vectors {@code [rows, len, dim]}
     *     (pooled here), or vectors the model pooled itself {@code [rows, dim]}
     * @param shape the output's shape
     * @param left whether rows are padded on the left (their tokens end at {@code len})
     * @param tokens how many tokens each row has
     * @param excluded how many leading tokens of each row mean pooling leaves out
     */
    public float[][] vectors(
            float[] output, long[] shape, boolean left, int[] tokens, int[] excluded) {
        int b = tokens.length;
        float[][] out = new float[b][];
        if (shape.length == 2) {
            int dim = (int) shape[1];
            for (int r = 0; r < b; r++) {
                out[r] = finish(Arrays.copyOfRange(output, r * dim, (r + 1) * dim));
            }
            return out;
        }
        int len = (int) shape[1];
        int dim = (int) shape[2];
        for (int r = 0; r < b; r++) {
            int n = tokens[r];
            out[r] = finish(pool(output, r, len, dim, left ? len - n : 0, n, excluded[r]));
        }
        return out;
    }

    /**
     * One row's sentence vector from its token vectors.
     *
     * @param start where the row's first token is (after left padding)
     * @param tokens how many tokens the row has
     * @param excluded how many leading tokens mean pooling leaves out
     */
    private float[] pool(
            float[] h, int row, int len, int dim, int start, int tokens, int excluded) {
        float[] v = new float[dim];
        int base = (row * len + start) * dim;
        if (pooling == Pooling.CLS || pooling == Pooling.LASTTOKEN) {
            int at = pooling == Pooling.CLS ? 0 : tokens - 1;
            System.arraycopy(h, base + at * dim, v, 0, dim);
            return v;
        }
        int from = excluded < tokens ? excluded : 0; // never pool over nothing
        for (int t = from; t < tokens; t++) {
            int off = base + t * dim;
            for (int d = 0; d < dim; d++) {
                v[d] += h[off + d];
            }
        }
        float inv = 1f / (tokens - from);
        for (int d = 0; d < dim; d++) {
            v[d] *= inv;
        }
        return v;
    }

    /** The modules after pooling: the Dense layers, then Normalize. */
    private float[] finish(float[] pooled) {
        float[] v = pooled;
        for (DenseLayer d : dense) {
            v = d.apply(v);
        }
        if (!normalize) {
            return v;
        }
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        if (s > 0) {
            float inv = (float) (1 / Math.sqrt(s));
            for (int d = 0; d < v.length; d++) {
                v[d] *= inv;
            }
        }
        return v;
    }
}
