package org.taew.core.logic.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic scorer with known means: candidate c has mean {@code means[c]}, and its value on
 * query q is that mean plus Gaussian noise of the given spread drawn from a generator seeded by
 * (world, candidate, query), clipped to [0, 1]. It records every call.
 */
final class SyntheticArms implements CandidateScorer {
    /** One scorer call: the candidate and the queries asked about, in order. */
    record Call(int candidate, int[] queries) {}

    private final long world;
    private final double[] means;
    private final double noise;
    final List<Call> calls = new ArrayList<>();

    SyntheticArms(long world, double[] means, double noise) {
        this.world = world;
        this.means = means.clone();
        this.noise = noise;
    }

    /** Candidate i has mean {@code base + step * i}. */
    static double[] linear(int n, double base, double step) {
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = base + step * i;
        }
        return m;
    }

    /** Query indices 0..n-1. */
    static int[] range(int n) {
        int[] q = new int[n];
        for (int i = 0; i < n; i++) {
            q[i] = i;
        }
        return q;
    }

    double value(int candidate, int query) {
        SplittableRandom r = new SplittableRandom(world * 1_000_003L + candidate * 10_007L + query);
        return Math.min(1, Math.max(0, means[candidate] + noise * r.nextGaussian()));
    }

    @Override
    public double[] score(int candidate, int[] queries) {
        calls.add(new Call(candidate, queries.clone()));
        double[] v = new double[queries.length];
        for (int i = 0; i < queries.length; i++) {
            v[i] = value(candidate, queries[i]);
        }
        return v;
    }

    int pairs() {
        int n = 0;
        for (Call c : calls) {
            n += c.queries().length;
        }
        return n;
    }
}
