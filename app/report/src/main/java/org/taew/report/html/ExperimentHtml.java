package org.taew.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.experiments.ExperimentReport;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.Arm;
import org.taew.report.charts.ForestChart;
import org.taew.report.charts.SvgCharts;
import org.taew.report.html.Html.Cell;

/**
 * The report of an experiment: per dataset and model the recommendation, the leaderboard (the rows
 * of leaderboard.md), the forest plot the desktop draws, how much the wording matters and the
 * held-out choice; the warnings as in every other output.
 */
public final class ExperimentHtml {
    private ExperimentHtml() {}

    public static String of(ExperimentResult r) {
        Html html = new Html("Experiment " + r.spec().name());
        html.meta(
                String.format(
                        Locale.ROOT,
                        "%s; %.0f%% percentile-bootstrap intervals (%d resamples), paired randomization"
                                + " test against the baseline (%d permutations, seed %d), Holm-adjusted"
                                + " across the rows (variants and references); † differs after Holm (%s).",
                        r.spec().measure().label(),
                        100 * r.significance().confidence(),
                        r.significance().resamples(),
                        r.significance().permutations(),
                        r.significance().seed(),
                        Significance.BELOW_ALPHA));
        r.warnings().forEach(html::warning);
        for (ExperimentResult.ModelResult m : r.results()) {
            section(html, r, m);
        }
        return html.page(Footers.footer("experiment"));
    }

    private static void section(Html html, ExperimentResult r, ExperimentResult.ModelResult m) {
        html.h2(m.dataset() + " · " + Precision.displayName(m.model()));
        html.verdict(ExperimentReport.recommendation(m.recommendation()));
        html.meta(
                String.format(
                        Locale.ROOT,
                        "Task %s, %s split, %d queries evaluated; Δ against %s; %s.",
                        m.task(),
                        m.split(),
                        m.queryIds().size(),
                        m.baselineName(),
                        m.engine()));
        m.warnings().forEach(html::warning);
        html.p(m.templates() + ".");
        html.p(m.lexical() + ".");
        String measure = r.spec().measure().label();
        List<List<Cell>> rows = new ArrayList<>();
        List<ForestChart.Row> forest = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int rank = 0;
        for (ExperimentResult.VariantResult v : m.leaderboard()) {
            rank++;
            boolean base = v.name().equals(m.baselineName());
            boolean bm25 = v.arm() == Arm.BM25;
            String name = v.name() + (base ? " (baseline)" : v.significant() ? " †" : "");
            Cell mean = Cell.number(Html.fixed(v.mean(), 4));
            rows.add(
                    List.of(
                            Cell.number(Integer.toString(rank)),
                            base ? Cell.text(name).strong() : Cell.text(name),
                            bm25
                                    ? Cell.text("—")
                                    : Cell.code(v.instructions().query().standalone()),
                            bm25
                                    ? Cell.text("—")
                                    : Cell.code(v.instructions().document().standalone()),
                            rank == 1 ? mean.strong() : mean,
                            Cell.number(interval(v.ci())),
                            Cell.number(base ? "—" : v.deltaWithCi()),
                            Cell.number(Significance.format(v.holm())),
                            Cell.number(base ? "—" : v.wins() + " / " + v.losses()),
                            Cell.number(ExperimentReport.fixed(v.diagnostics().queryCosine(), 3)),
                            Cell.number(
                                    ExperimentReport.fixed(v.diagnostics().documentCosine(), 3)),
                            Cell.number(
                                    ExperimentReport.fixed(v.diagnostics().top10Overlap(), 2))));
            forest.add(
                    new ForestChart.Row(
                            v.delta(),
                            v.deltaCi().low(),
                            v.deltaCi().high(),
                            base,
                            v.significant()));
            names.add(v.name());
        }
        html.table(
                List.of(
                        "#",
                        "variant",
                        "query template",
                        "document template",
                        measure,
                        "95% interval",
                        "Δ [95% interval]",
                        "p (Holm)",
                        "W / L",
                        "cos q",
                        "cos d",
                        "top-10 ∩"),
                rows);
        int height = Math.max(240, 90 + 26 * names.size());
        html.svg(
                SvgCharts.svg(
                        ForestChart.create(ForestChart.dataset(forest), names, measure),
                        960,
                        height),
                "forest plot of the differences from " + m.baselineName());
        html.p(ExperimentReport.sensitivity(m.sensitivity()));
        html.p(ExperimentReport.selection(m.selection()));
        if (m.search() != null) {
            SearchSection.of(html, m.search());
        }
    }

    private static String interval(Significance.Interval i) {
        return String.format(Locale.ROOT, "[%.3f, %.3f]", i.low(), i.high());
    }
}
