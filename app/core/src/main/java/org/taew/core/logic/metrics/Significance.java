package org.taew.core.logic.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Paired significance of a difference between two systems measured on the same queries: a two-sided
 * randomization (sign-flip) test of the mean difference, a percentile bootstrap confidence interval
 * of the mean difference, and Holm's correction for many comparisons. Seeded, so a run is
 * reproducible.
 */
public final class Significance {
    /** At least this many permutations and resamples are used by default (METRICS.md). */
    public static final int DEFAULT_ITERATIONS = 10_000;

    public static final long DEFAULT_SEED = 42L;

    /** The significance level of every test and adjusted p-value the workbench marks. */
    public static final double ALPHA = 0.05;

    /** How reports state the level: {@code p < 0.05}. */
    public static final String BELOW_ALPHA = "p < " + ALPHA;

    /** Whether {@code p} is below {@link #ALPHA}. */
    public static boolean belowAlpha(double p) {
        return p < ALPHA;
    }

    private Significance() {}

    /** A confidence interval. */
    public record Interval(double low, double high) {}

    /**
     * Two-sided paired randomization test: under the null hypothesis each per-query difference is
     * equally likely to have either sign. Returns (1 + number of permutations whose |mean| ≥
     * observed |mean|) / (1 + permutations), so p is never 0. When all differences are zero, p is
     * 1.
     */
    public static double randomizationTest(double[] a, double[] b, int permutations, long seed) {
        double[] d = differences(a, b);
        if (d.length == 0) {
            return Double.NaN;
        }
        double observed = Math.abs(sum(d));
        if (observed == 0) {
            return 1.0;
        }
        // Compare sums instead of means (same ordering) and allow for rounding.
        double threshold = observed - 1e-12 * Math.max(1, observed);
        SplittableRandom random = new SplittableRandom(seed);
        int atLeast = 0;
        for (int p = 0; p < permutations; p++) {
            double s = 0;
            for (double x : d) {
                s += random.nextBoolean() ? x : -x;
            }
            if (Math.abs(s) >= threshold) {
                atLeast++;
            }
        }
        return (atLeast + 1.0) / (permutations + 1.0);
    }

    /**
     * Percentile bootstrap interval of the mean of b − a over queries, at the given level (e.g.
     * 0.95).
     */
    public static Interval bootstrapCi(
            double[] a, double[] b, int resamples, long seed, double level) {
        return bootstrapMeanCi(differences(a, b), resamples, seed, level);
    }

    /** Percentile bootstrap interval of the mean of {@code x}, at the given level (e.g. 0.95). */
    public static Interval bootstrapMeanCi(double[] x, int resamples, long seed, double level) {
        if (x.length == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += x[random.nextInt(x.length)];
            }
            means[r] = s / x.length;
        }
        return percentileInterval(means, level);
    }

    /** The central {@code level} of bootstrap values (sorted in place), e.g. 0.95. */
    public static Interval percentileInterval(double[] values, double level) {
        Arrays.sort(values);
        double alpha = (1 - level) / 2;
        return new Interval(quantile(values, alpha), quantile(values, 1 - alpha));
    }

    /** Holm–Bonferroni adjusted p-values, in the order given. */
    public static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /**
     * A p-value as reports show it: {@code <0.001}, else three decimals; {@code —} when undefined.
     */
    public static String format(double p) {
        return Double.isNaN(p) ? "—" : p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** Linear-interpolation quantile of sorted values (numpy's default). */
    public static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static double[] differences(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "paired tests need equally many values: " + a.length + " vs " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = b[i] - a[i];
        }
        return d;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
