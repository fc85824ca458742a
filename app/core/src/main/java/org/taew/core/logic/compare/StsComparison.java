package org.taew.core.logic.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import org.taew.core.logic.metrics.Correlation;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.Mode;
import org.taew.core.model.StsPair;

/**
 * General vs task-aware on sentence pairs: each mode's Spearman and Pearson correlation of cosine
 * against the gold score with a percentile-bootstrap interval (pairs resampled with replacement);
 * the task-aware minus general difference of each with a paired bootstrap interval (the same
 * resampled pairs in both modes) and a paired randomization test (each pair's two cosines swapped
 * at random); and the pairs whose similarity rank moved most between the modes. Seeded, so the same
 * input gives the same numbers.
 *
 * @param modes each mode's correlations
 * @param spearman the difference of Spearman (null unless both modes ran)
 * @param pearson the difference of Pearson (null unless both modes ran)
 * @param moved pairs by how far their rank moved, most first (empty unless both modes ran)
 */
public record StsComparison(
        Map<Mode, Correlations> modes,
        Delta spearman,
        Delta pearson,
        List<MovedPair> moved,
        ModeComparison.Settings settings) {
    /** One mode's correlations with their intervals. */
    public record Correlations(
            double spearman,
            Significance.Interval spearmanCi,
            double pearson,
            Significance.Interval pearsonCi) {}

    /** Task-aware minus general. */
    public record Delta(double delta, Significance.Interval ci, double pValue) {}

    /**
     * A pair and its rank (1 = most similar) by gold score and by cosine in each mode.
     *
     * @param index the pair's position in the dataset
     */
    public record MovedPair(
            int index,
            StsPair pair,
            int goldRank,
            int generalRank,
            int taskAwareRank,
            double generalCosine,
            double taskAwareCosine) {
        /** How many places the pair moved (positive: ranked as more similar with instructions). */
        public int movement() {
            return generalRank - taskAwareRank;
        }

        /** Whether task-aware mode ranks the pair nearer its gold rank than general mode. */
        public boolean closerToGold() {
            return Math.abs(taskAwareRank - goldRank) < Math.abs(generalRank - goldRank);
        }
    }

    /**
     * Compares the modes' cosines against the gold scores.
     *
     * @param gold the gold scores, in pair order
     * @param cosines each mode's cosines, in pair order
     * @param moved how many of the most-moved pairs to keep
     */
    public static StsComparison compare(
            List<StsPair> pairs,
            double[] gold,
            Map<Mode, double[]> cosines,
            ModeComparison.Settings settings,
            int moved) {
        List<Mode> order = new ArrayList<>(cosines.keySet());
        order.sort(Comparator.naturalOrder());
        int m = order.size();
        int n = gold.length;
        double[][] c = new double[m][];
        for (int k = 0; k < m; k++) {
            c[k] = cosines.get(order.get(k));
        }
        // Percentile bootstrap: the same resampled pairs for every mode, so the difference of the
        // two modes' correlations is paired. Ranks of each resample are computed once per series.
        int resamples = settings.resamples();
        double[][] spearman = new double[m][resamples];
        double[][] pearson = new double[m][resamples];
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[] y = new double[n];
        double[][] x = new double[m][n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                y[i] = gold[j];
                for (int k = 0; k < m; k++) {
                    x[k][i] = c[k][j];
                }
            }
            double[] ry = Correlation.ranks(y);
            for (int k = 0; k < m; k++) {
                spearman[k][r] = Correlation.pearson(Correlation.ranks(x[k]), ry);
                pearson[k][r] = Correlation.pearson(x[k], y);
            }
        }
        Map<Mode, Correlations> modes = new EnumMap<>(Mode.class);
        for (int k = 0; k < m; k++) {
            modes.put(
                    order.get(k),
                    new Correlations(
                            Correlation.spearman(c[k], gold),
                            interval(spearman[k].clone(), settings),
                            Correlation.pearson(c[k], gold),
                            interval(pearson[k].clone(), settings)));
        }
        if (m != 2) {
            return new StsComparison(modes, null, null, List.of(), settings);
        }
        double[] g = c[0];
        double[] t = c[1];
        double[] goldRanks = Correlation.ranks(gold);
        Delta rho =
                delta(
                        modes.get(Mode.TASK_AWARE).spearman() - modes.get(Mode.GENERAL).spearman(),
                        spearman,
                        settings,
                        (a, b) ->
                                Correlation.pearson(Correlation.ranks(b), goldRanks)
                                        - Correlation.pearson(Correlation.ranks(a), goldRanks),
                        g,
                        t);
        Delta r =
                delta(
                        modes.get(Mode.TASK_AWARE).pearson() - modes.get(Mode.GENERAL).pearson(),
                        pearson,
                        settings,
                        (a, b) -> Correlation.pearson(b, gold) - Correlation.pearson(a, gold),
                        g,
                        t);
        return new StsComparison(modes, rho, r, moved(pairs, gold, g, t, moved), settings);
    }

    private static Significance.Interval interval(
            double[] values, ModeComparison.Settings settings) {
        return Significance.percentileInterval(values, settings.confidence());
    }

    /**
     * The difference with its paired bootstrap interval (from the per-mode resamples) and its
     * randomization test: under the null hypothesis a pair's two cosines are exchangeable, so each
     * is swapped with probability one half.
     */
    private static Delta delta(
            double observed,
            double[][] perMode,
            ModeComparison.Settings s,
            ToDoubleBiFunction<double[], double[]> difference,
            double[] general,
            double[] taskAware) {
        double[] deltas = new double[perMode[0].length];
        for (int r = 0; r < deltas.length; r++) {
            deltas[r] = perMode[1][r] - perMode[0][r];
        }
        int n = general.length;
        double[] a = new double[n];
        double[] b = new double[n];
        SplittableRandom swaps = new SplittableRandom(s.seed() + 1);
        double threshold = Math.abs(observed) - 1e-12;
        int atLeast = 0;
        for (int p = 0; p < s.permutations(); p++) {
            for (int i = 0; i < n; i++) {
                boolean swap = swaps.nextBoolean();
                a[i] = swap ? taskAware[i] : general[i];
                b[i] = swap ? general[i] : taskAware[i];
            }
            if (Math.abs(difference.applyAsDouble(a, b)) >= threshold) {
                atLeast++;
            }
        }
        double pValue = observed == 0 ? 1.0 : (atLeast + 1.0) / (s.permutations() + 1.0);
        return new Delta(observed, interval(deltas, s), pValue);
    }

    private static List<MovedPair> moved(
            List<StsPair> pairs, double[] gold, double[] general, double[] taskAware, int keep) {
        int[] goldRank = ranks(gold);
        int[] g = ranks(general);
        int[] t = ranks(taskAware);
        List<MovedPair> all = new ArrayList<>();
        for (int i = 0; i < gold.length; i++) {
            all.add(
                    new MovedPair(
                            i, pairs.get(i), goldRank[i], g[i], t[i], general[i], taskAware[i]));
        }
        all.sort(
                Comparator.comparingInt((MovedPair m) -> -Math.abs(m.movement()))
                        .thenComparingInt(MovedPair::index));
        return List.copyOf(all.subList(0, Math.min(keep, all.size())));
    }

    /** Rank 1 for the largest value; ties in order of position. */
    private static int[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        int[] rank = new int[values.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        return rank;
    }
}
