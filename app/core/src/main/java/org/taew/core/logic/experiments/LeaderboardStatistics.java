package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.metrics.Significance;

/**
 * The leaderboard's statistics: every variant against the baseline on the same queries (paired
 * bootstrap intervals, randomization test, Holm's adjustment across the variants, wins and losses).
 */
final class LeaderboardStatistics {
    private LeaderboardStatistics() {}

    /** A row per variant, in the variants' order; {@code baseline} is the baseline's index. */
    static List<ExperimentResult.VariantResult> rows(
            List<ExperimentSpec.Variant> variants,
            VariantScorer.Scored test,
            int baseline,
            ModeComparison.Settings significance) {
        double[] base = test.perQuery().get(baseline);
        int n = variants.size();
        double[] rawP = new double[n - 1];
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i != baseline) {
                others.add(i);
                rawP[others.size() - 1] =
                        Significance.randomizationTest(
                                base,
                                test.perQuery().get(i),
                                significance.permutations(),
                                significance.seed());
            }
        }
        double[] holm = Significance.holm(rawP);
        List<ExperimentResult.VariantResult> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = test.perQuery().get(i);
            int o = others.indexOf(i);
            int wins = 0;
            int losses = 0;
            for (int q = 0; q < v.length; q++) {
                wins += v[q] > base[q] + 1e-12 ? 1 : 0;
                losses += v[q] < base[q] - 1e-12 ? 1 : 0;
            }
            rows.add(
                    new ExperimentResult.VariantResult(
                            variants.get(i).name(),
                            variants.get(i).instructions(),
                            mean(v),
                            Significance.bootstrapMeanCi(
                                    v,
                                    significance.resamples(),
                                    significance.seed(),
                                    significance.confidence()),
                            mean(v) - mean(base),
                            Significance.bootstrapCi(
                                    base,
                                    v,
                                    significance.resamples(),
                                    significance.seed(),
                                    significance.confidence()),
                            o < 0 ? Double.NaN : rawP[o],
                            o < 0 ? Double.NaN : holm[o],
                            wins,
                            losses,
                            test.diagnostics().get(i),
                            v,
                            test.runIds().get(i)));
        }
        return rows;
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
