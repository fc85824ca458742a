package org.taew.core.logic.retrieval;

import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;

/** Small vector helpers. */
public final class Vectors {
    private Vectors() {}

    /**
     * {@code vectors} of {@code model} at unit length, as cosine needs them — the one rule every
     * evaluation, the live editor and experiments use: a model that normalises already delivers
     * them (no copy is made), else a normalised copy.
     */
    public static Embeddings unit(ModelSpec model, Embeddings vectors) {
        return model.normalize() ? vectors : normalized(vectors);
    }

    /** A copy with every row scaled to unit length (a zero row stays zero). */
    public static Embeddings normalized(Embeddings e) {
        float[] out = e.data().clone();
        int dim = e.dim();
        for (int r = 0; r < e.rows(); r++) {
            double s = 0;
            for (int t = 0; t < dim; t++) {
                float x = out[r * dim + t];
                s += x * x;
            }
            if (s > 0) {
                float inv = (float) (1 / Math.sqrt(s));
                for (int t = 0; t < dim; t++) {
                    out[r * dim + t] *= inv;
                }
            }
        }
        return new Embeddings(out, e.rows(), dim);
    }

    /** Cosine of row i of a and row i of b, for each i (STS pairs). */
    public static double[] pairwiseCosine(Embeddings a, Embeddings b) {
        Embeddings na = normalized(a);
        Embeddings nb = normalized(b);
        double[] cos = new double[a.rows()];
        for (int i = 0; i < cos.length; i++) {
            cos[i] = na.dot(i, nb, i);
        }
        return cos;
    }
}
