package org.taew.core.logic.evaluation;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A principal-component projection to two dimensions, fitted once on a set of vectors: the mean is
 * subtracted, and the two directions of largest variance are found by power iteration on the
 * centred data (deflating the first before the second), so no d × d matrix is formed. Each axis is
 * signed so that its largest loading is positive, which makes the picture the same from run to run.
 * {@link #share} says how much of the total variance each axis keeps.
 *
 * @param mean the mean the projection subtracts
 * @param axes the two unit directions, first the one of largest variance
 * @param share the fraction of the total variance along each axis
 */
public record Projection(double[] mean, double[][] axes, double[] share) {
    private static final int ITERATIONS = 500;
    private static final double CONVERGED = 1e-10;

    /** Fits the projection on {@code rows} (all of the same dimension; at least one). */
    public static Projection fit(List<float[]> rows) {
        int d = rows.get(0).length;
        double[] mean = new double[d];
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.size();
        }
        double total = 0;
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                double c = r[j] - mean[j];
                total += c * c;
            }
        }
        double[][] axes = new double[2][];
        double[] share = new double[2];
        for (int k = 0; k < 2; k++) {
            axes[k] = principal(rows, mean, k == 0 ? null : axes[0], k);
            double variance = 0;
            for (float[] r : rows) {
                double p = centredDot(r, mean, axes[k]);
                variance += p * p;
            }
            share[k] = total > 0 ? variance / total : 0;
        }
        return new Projection(mean, axes, share);
    }

    /** The 2-D position of a vector. */
    public float[] apply(float[] v) {
        return new float[] {
            (float) centredDot(v, mean, axes[0]), (float) centredDot(v, mean, axes[1])
        };
    }

    /**
     * The unit direction of largest variance of the centred rows, orthogonal to {@code
     * orthogonalTo} when given.
     */
    private static double[] principal(
            List<float[]> rows, double[] mean, double[] orthogonalTo, long seed) {
        int d = mean.length;
        SplittableRandom random = new SplittableRandom(17 + seed);
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = random.nextDouble() - 0.5;
        }
        removeAlong(v, orthogonalTo);
        normalize(v);
        for (int it = 0; it < ITERATIONS; it++) {
            // v ← Xᵀ(X v), X the centred rows
            double[] next = new double[d];
            for (float[] r : rows) {
                double p = centredDot(r, mean, v);
                for (int j = 0; j < d; j++) {
                    next[j] += p * (r[j] - mean[j]);
                }
            }
            removeAlong(next, orthogonalTo);
            if (normalize(next) == 0) {
                return v; // no variance left in any other direction
            }
            double change = 0;
            for (int j = 0; j < d; j++) {
                change += (next[j] - v[j]) * (next[j] - v[j]);
            }
            v = next;
            if (change < CONVERGED) {
                break;
            }
        }
        int largest = 0;
        for (int j = 1; j < d; j++) {
            largest = Math.abs(v[j]) > Math.abs(v[largest]) ? j : largest;
        }
        if (v[largest] < 0) {
            for (int j = 0; j < d; j++) {
                v[j] = -v[j];
            }
        }
        return v;
    }

    private static double centredDot(float[] r, double[] mean, double[] axis) {
        double s = 0;
        for (int j = 0; j < axis.length; j++) {
            s += (r[j] - mean[j]) * axis[j];
        }
        return s;
    }

    private static void removeAlong(double[] v, double[] axis) {
        if (axis == null) {
            return;
        }
        double dot = 0;
        for (int j = 0; j < v.length; j++) {
            dot += v[j] * axis[j];
        }
        for (int j = 0; j < v.length; j++) {
            v[j] -= dot * axis[j];
        }
    }

    private static double normalize(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double n = Math.sqrt(s);
        if (n > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= n;
            }
        }
        return n;
    }
}
