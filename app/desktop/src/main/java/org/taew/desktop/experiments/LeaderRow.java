package org.taew.desktop.experiments;

import org.taew.report.charts.ForestChart;

/** One leaderboard line of the Experiments tab, formatted. */
public record LeaderRow(
        int rank,
        String name,
        String query,
        String document,
        double mean,
        String meanText,
        double delta,
        double deltaLow,
        double deltaHigh,
        String deltaText,
        String holm,
        String winsLosses,
        String cosines,
        String overlap,
        boolean baseline,
        boolean significant) {
    /** The row's whisker in the forest plot. */
    public ForestChart.Row forest() {
        return new ForestChart.Row(delta, deltaLow, deltaHigh, baseline, significant);
    }
}
