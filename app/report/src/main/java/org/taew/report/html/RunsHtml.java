package org.taew.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.data.category.DefaultCategoryDataset;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.history.RunComparison;
import org.taew.core.logic.history.RunRecord;
import org.taew.report.charts.MeansChart;
import org.taew.report.charts.SvgCharts;
import org.taew.report.html.Html.Cell;

/**
 * The report of two recorded runs compared ({@link RunComparison}, as {@code taew runs compare}):
 * both runs' settings, each shared measure with B − A, its interval and test, the per-query
 * differences and how the top documents of the queries that changed most moved.
 */
public final class RunsHtml {
    private RunsHtml() {}

    public static String of(RunComparison c) {
        String a = "run " + c.a().id();
        String b = "run " + c.b().id();
        Html html = new Html("Run " + c.a().id() + " vs run " + c.b().id());
        html.meta(
                "Two runs from the history compared on the "
                        + c.queries().size()
                        + " queries both evaluated (A = "
                        + a
                        + ", B = "
                        + b
                        + ").");
        for (String w : c.warnings()) {
            html.warning(w.contains("draft") ? "DRAFT: " + w : w);
        }
        html.h2("The runs");
        describe(html, "A: " + a, c.a());
        describe(html, "B: " + b, c.b());
        ModeComparison m = c.comparison();
        html.h2("Means");
        DefaultCategoryDataset chart = new DefaultCategoryDataset();
        for (ModeComparison.MetricDelta d : m.metrics()) {
            chart.addValue(d.general(), a, d.label());
            chart.addValue(d.taskAware(), b, d.label());
        }
        ComparisonSection.deltas(html, m, a, b);
        html.svg(
                SvgCharts.svg(MeansChart.create(chart, a + " vs " + b), 960, 360),
                "both runs' means as bars");
        html.h2("Per query");
        ComparisonSection.perQuery(
                html, m, a, b, id -> new ComparisonSection.QueryNote(null, movement(c, id)));
        List<ModeComparison.QueryDelta> most = m.changedMost(1);
        if (!most.isEmpty()) {
            topMoves(html, c, most.get(0).queryId());
        }
        return html.page(Footers.footer("comparison"));
    }

    private static void describe(Html html, String label, RunRecord r) {
        html.h3(label);
        html.p(
                String.format(
                        Locale.ROOT,
                        "%s (%s), %s on %s / %s split (%d queries, %d documents), task \"%s\"; made %s"
                                + " by %s (%s).",
                        r.model().label(),
                        r.model().engine(),
                        r.origin().label(),
                        r.data().name(),
                        r.data().split(),
                        r.data().queries(),
                        r.data().documents(),
                        r.data().task(),
                        r.evaluated(),
                        r.origin().source(),
                        r.model().version()));
        html.labelled("query template:", r.templates().query());
        html.labelled("document template:", r.templates().document());
    }

    /** The top documents of the query that changed most, A's rank beside B's (as runs compare). */
    private static void topMoves(Html html, RunComparison c, String queryId) {
        html.h3("How the top " + RunRecord.TOP_K + " of " + queryId + " moved, A → B");
        List<List<Cell>> rows = new ArrayList<>();
        for (RunComparison.Movement mv : c.movement(queryId)) {
            rows.add(
                    List.of(
                            Cell.number(mv.rankA() == 0 ? "–" : Integer.toString(mv.rankA())),
                            Cell.number(mv.rankB() == 0 ? "–" : Integer.toString(mv.rankB())),
                            Cell.text(mv.docId()),
                            Cell.text(mv.describe())));
        }
        html.table(List.of("A", "B", "document", "moved"), rows);
    }

    /** How a query's top documents moved: those that entered and left B's top. */
    private static String movement(RunComparison c, String queryId) {
        int entered = 0;
        int left = 0;
        int up = 0;
        int down = 0;
        for (RunComparison.Movement mv : c.movement(queryId)) {
            if (mv.rankA() == 0) {
                entered++;
            } else if (mv.rankB() == 0) {
                left++;
            } else if (mv.rise() > 0) {
                up++;
            } else if (mv.rise() < 0) {
                down++;
            }
        }
        return String.format(
                Locale.ROOT,
                "top %d: %d new, %d left, %d up, %d down",
                RunRecord.TOP_K,
                entered,
                left,
                up,
                down);
    }
}
