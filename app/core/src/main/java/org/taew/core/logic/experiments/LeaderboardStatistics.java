package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.Arm;
import org.taew.core.model.InstructionPair;

/**
 * The leaderboard's statistics: every row (the variants and the lexical references) against the
 * baseline on the same queries (paired bootstrap intervals, randomization test, Holm's adjustment
 * across the rows compared, wins and losses).
 */
final class LeaderboardStatistics {
    private LeaderboardStatistics() {}

    /** One row to put on the leaderboard: what ranked it and its main measure per query. */
    record Entry(
            String name,
            InstructionPair instructions,
            Arm arm,
            double[] perQuery,
            ExperimentResult.Diagnostics diagnostics,
            long runId) {}

    /** A row per variant, in the variants' order; {@code baseline} is the baseline's index. */
    static List<ExperimentResult.VariantResult> rows(
            List<ExperimentSpec.Variant> variants,
            VariantScorer.Scored test,
            int baseline,
            ModeComparison.Settings significance) {
        return rows(entries(variants, test), baseline, significance);
    }

    /** The variants of a scored split as leaderboard entries. */
    static List<Entry> entries(List<ExperimentSpec.Variant> variants, VariantScorer.Scored test) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            ExperimentSpec.Variant v = variants.get(i);
            entries.add(
                    new Entry(
                            v.name(),
                            v.instructions(),
                            Arm.of(v.mode()),
                            test.perQuery().get(i),
                            test.diagnostics().get(i),
                            test.runIds().get(i)));
        }
        return entries;
    }

    /** A row per entry, in the entries' order; {@code baseline} is the baseline's index. */
    static List<ExperimentResult.VariantResult> rows(
            List<Entry> entries, int baseline, ModeComparison.Settings significance) {
        double[] base = entries.get(baseline).perQuery();
        int n = entries.size();
        double[] rawP = new double[n - 1];
        Paired[] paired = new Paired[n];
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            paired[i] = paired(base, entries.get(i).perQuery(), significance);
            if (i != baseline) {
                others.add(i);
                rawP[others.size() - 1] = paired[i].p();
            }
        }
        double[] holm = Significance.holm(rawP);
        List<ExperimentResult.VariantResult> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            double[] v = e.perQuery();
            int o = others.indexOf(i);
            int wins = 0;
            int losses = 0;
            for (int q = 0; q < v.length; q++) {
                wins += v[q] > base[q] + 1e-12 ? 1 : 0;
                losses += v[q] < base[q] - 1e-12 ? 1 : 0;
            }
            rows.add(
                    new ExperimentResult.VariantResult(
                            e.name(),
                            e.instructions(),
                            mean(v),
                            Significance.bootstrapMeanCi(
                                    v,
                                    significance.resamples(),
                                    significance.seed(),
                                    significance.confidence()),
                            paired[i].delta(),
                            paired[i].ci(),
                            o < 0 ? Double.NaN : rawP[o],
                            o < 0 ? Double.NaN : holm[o],
                            wins,
                            losses,
                            e.diagnostics(),
                            v,
                            e.runId(),
                            e.arm()));
        }
        return rows;
    }

    /** A row against the baseline on the same queries: difference of means, its interval, p. */
    record Paired(double delta, Significance.Interval ci, double p) {}

    /**
     * {@code v} against {@code base} query by query: the difference of their means, its paired
     * bootstrap interval and the paired randomization test.
     */
    static Paired paired(double[] base, double[] v, ModeComparison.Settings s) {
        return new Paired(
                mean(v) - mean(base),
                Significance.bootstrapCi(base, v, s.resamples(), s.seed(), s.confidence()),
                Significance.randomizationTest(base, v, s.permutations(), s.seed()));
    }

    /** The mean of per-query values (NaN when there are none). */
    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
