package org.taew.core.model;

/** {@code rows} vectors of {@code dim} floats, row-major in one array. */
public record Embeddings(float[] data, int rows, int dim) {
    public Embeddings {
        if ((long) rows * dim != data.length) {
            throw new IllegalArgumentException(
                    "expected " + rows + " x " + dim + " floats, got " + data.length);
        }
    }

    /** A copy of row {@code i}. */
    public float[] row(int i) {
        float[] r = new float[dim];
        System.arraycopy(data, i * dim, r, 0, dim);
        return r;
    }

    /** Dot product of row {@code i} of this and row {@code j} of {@code other}. */
    public double dot(int i, Embeddings other, int j) {
        double s = 0;
        int a = i * dim;
        int b = j * other.dim;
        for (int t = 0; t < dim; t++) {
            s += data[a + t] * other.data[b + t];
        }
        return s;
    }

    /**
     * The smallest cosine between each row and the same row of {@code other} (the same texts
     * encoded another way: another precision, engine or device).
     */
    public double worstRowCosine(Embeddings other) {
        if (other.rows != rows || other.dim != dim) {
            throw new IllegalArgumentException(
                    rows + " x " + dim + " vectors against " + other.rows + " x " + other.dim);
        }
        double worst = 1;
        for (int r = 0; r < rows; r++) {
            double cosine = dot(r, other, r) / Math.sqrt(dot(r, this, r) * other.dot(r, other, r));
            worst = Math.min(worst, cosine);
        }
        return worst;
    }
}
