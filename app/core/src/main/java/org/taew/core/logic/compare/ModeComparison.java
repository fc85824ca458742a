package org.taew.core.logic.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.MetricId;

/**
 * General vs task-aware on the same model, data and queries: for each measure the two means, the
 * delta (task-aware − general), a bootstrap confidence interval of the delta and a paired
 * randomization-test p-value; and, for the main measure, which queries won, lost or tied.
 */
public record ModeComparison(
        MetricId mainMetric,
        List<MetricDelta> metrics,
        int wins,
        int losses,
        int ties,
        List<QueryDelta> perQuery,
        Settings settings) {

    /** Differences smaller than this count as ties. */
    public static final double TIE_TOLERANCE = 1e-9;

    /**
     * How significance is computed.
     *
     * @param permutations randomization-test permutations
     * @param resamples bootstrap resamples
     * @param confidence interval level, e.g. 0.95
     */
    public record Settings(int permutations, int resamples, long seed, double confidence) {
        public static final Settings DEFAULT =
                new Settings(
                        Significance.DEFAULT_ITERATIONS,
                        Significance.DEFAULT_ITERATIONS,
                        Significance.DEFAULT_SEED,
                        0.95);
    }

    /**
     * One measure compared: the one row of a comparison, which every report, results.json and the
     * desktop's table show.
     */
    public record MetricDelta(
            MetricId metric,
            double general,
            double taskAware,
            double delta,
            double ciLow,
            double ciHigh,
            double pValue) {
        /** The measure as reports name it, e.g. {@code nDCG@10}. */
        public String label() {
            return metric.label();
        }

        /** E.g. {@code +0.0099}. */
        public String deltaText() {
            return String.format(Locale.ROOT, "%+.4f", delta);
        }

        /** E.g. {@code [+0.0000, +0.0290]}. */
        public String ciText() {
            return String.format(Locale.ROOT, "[%+.4f, %+.4f]", ciLow, ciHigh);
        }

        public String pText() {
            return Significance.format(pValue);
        }

        /** The interval excludes zero: the difference is unlikely to be chance. */
        public boolean ciExcludesZero() {
            return ciLow > 0 || ciHigh < 0;
        }

        /** The randomization test's p is below {@link Significance#ALPHA}. */
        public boolean pBelowAlpha() {
            return Significance.belowAlpha(pValue);
        }
    }

    /** One query's main-measure values in both modes. */
    public record QueryDelta(String queryId, double general, double taskAware) {
        public double delta() {
            return taskAware - general;
        }
    }

    public static ModeComparison compare(
            QueryScores general, QueryScores taskAware, MetricId mainMetric, Settings settings) {
        if (!general.queryIds().equals(taskAware.queryIds())) {
            throw new IllegalArgumentException("the two modes were evaluated on different queries");
        }
        List<MetricDelta> deltas = new ArrayList<>();
        for (MetricId m : general.values().keySet()) {
            double[] a = general.of(m);
            double[] b = taskAware.of(m);
            Significance.Interval ci =
                    Significance.bootstrapCi(
                            a, b, settings.resamples(), settings.seed(), settings.confidence());
            double p =
                    Significance.randomizationTest(a, b, settings.permutations(), settings.seed());
            double ga = general.mean(m);
            double ta = taskAware.mean(m);
            deltas.add(new MetricDelta(m, ga, ta, ta - ga, ci.low(), ci.high(), p));
        }
        double[] a = general.of(mainMetric);
        double[] b = taskAware.of(mainMetric);
        int wins = 0;
        int losses = 0;
        int ties = 0;
        List<QueryDelta> perQuery = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            double d = b[i] - a[i];
            if (d > TIE_TOLERANCE) {
                wins++;
            } else if (d < -TIE_TOLERANCE) {
                losses++;
            } else {
                ties++;
            }
            perQuery.add(new QueryDelta(general.queryIds().get(i), a[i], b[i]));
        }
        return new ModeComparison(mainMetric, deltas, wins, losses, ties, perQuery, settings);
    }

    public MetricDelta of(MetricId metric) {
        for (MetricDelta d : metrics) {
            if (d.metric().equals(metric)) {
                return d;
            }
        }
        throw new IllegalArgumentException(metric + " was not compared");
    }

    /**
     * The {@code n} queries whose main measure changed most, by the size of the change (ties by
     * id); tied queries are left out. What every report lists as the per-query movements.
     */
    public List<QueryDelta> changedMost(int n) {
        List<QueryDelta> moved = new ArrayList<>(perQuery);
        moved.removeIf(q -> Math.abs(q.delta()) <= TIE_TOLERANCE);
        moved.sort(
                Comparator.comparingDouble((QueryDelta q) -> -Math.abs(q.delta()))
                        .thenComparing(QueryDelta::queryId));
        return moved.subList(0, Math.min(Math.max(n, 0), moved.size()));
    }
}
