package org.taew.core.logic.search;

import java.util.SplittableRandom;

/** The seeded orders and folds the searches draw over query indices. */
public final class QueryOrder {
    private QueryOrder() {}

    /**
     * The outer fold of each of {@code n} queries: the indices shuffled by the seed, then dealt
     * round-robin over {@code folds} folds, as the experiments' cross-validation deals them (the
     * same seed gives the same folds).
     */
    public static int[] folds(int n, int folds, long seed) {
        int[] order = permutation(n, seed);
        int[] foldOf = new int[n];
        for (int i = 0; i < n; i++) {
            foldOf[order[i]] = i % folds;
        }
        return foldOf;
    }

    /** The given values in an order shuffled by the seed. */
    static int[] shuffled(int[] values, long seed) {
        int[] order = permutation(values.length, seed);
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    /** A seed for part {@code part} of a seeded whole, apart from the whole's own seed. */
    static long derived(long seed, int part) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (part + 1L))).nextLong();
    }

    /** 0..n-1 shuffled by Fisher–Yates with a {@link SplittableRandom} of the seed. */
    private static int[] permutation(int n, long seed) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = a[i];
            a[i] = a[j];
            a[j] = swap;
        }
        return a;
    }
}
