package org.taew.desktop.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.experiments.ExperimentReport;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.metrics.Significance;

/** An experiment's result as the Experiments tab shows it: leaderboard rows and a summary. */
final class LeaderRows {
    private LeaderRows() {}

    /** The leaderboard of one model, formatted. */
    static List<LeaderRow> of(ExperimentResult.ModelResult m) {
        List<LeaderRow> rows = new ArrayList<>();
        int rank = 0;
        for (ExperimentResult.VariantResult v : m.leaderboard()) {
            rank++;
            boolean base = v.name().equals(m.baselineName());
            rows.add(
                    new LeaderRow(
                            rank,
                            v.name(),
                            v.instructions().query().standalone(),
                            v.instructions().document().standalone(),
                            v.mean(),
                            String.format(
                                    Locale.ROOT,
                                    "%.4f [%.3f, %.3f]",
                                    v.mean(),
                                    v.ci().low(),
                                    v.ci().high()),
                            v.delta(),
                            base ? 0 : v.deltaCi().low(),
                            base ? 0 : v.deltaCi().high(),
                            base ? "baseline" : v.deltaWithCi(),
                            base ? "" : Significance.format(v.holm()),
                            base ? "" : v.wins() + " / " + v.losses(),
                            ExperimentReport.fixed(v.diagnostics().queryCosine(), 3)
                                    + " / "
                                    + ExperimentReport.fixed(v.diagnostics().documentCosine(), 3),
                            ExperimentReport.fixed(v.diagnostics().top10Overlap(), 2),
                            base,
                            !base && v.significant()));
        }
        return rows;
    }

    /** Measure, dataset and baseline; sensitivity, selection and warnings, in words. */
    static String summary(ExperimentResult r) {
        ExperimentResult.ModelResult m = r.results().get(0);
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%s on %s (%s split, %d queries) with %s; Δ against %s, Holm-adjusted p. ",
                        r.spec().measure().label(),
                        m.dataset(),
                        m.split(),
                        m.queryIds().size(),
                        Precision.displayName(m.model()),
                        m.baselineName()));
        sb.append(ExperimentReport.sensitivity(m.sensitivity())).append(' ');
        sb.append(ExperimentReport.selection(m.selection()));
        sb.append('\n').append(ExperimentReport.recommendation(m.recommendation()));
        for (String w : r.warnings()) {
            sb.append("\nWarning: ").append(w).append('.');
        }
        for (String w : m.warnings()) {
            sb.append("\nWarning: ").append(w).append('.');
        }
        return sb.toString();
    }
}
