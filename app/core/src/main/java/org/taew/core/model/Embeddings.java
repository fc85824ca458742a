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
}
