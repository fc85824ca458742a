package org.taew.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.metrics.Significance;
import org.taew.report.charts.DeltaChart;
import org.taew.report.charts.SvgCharts;
import org.taew.report.html.Html.Cell;

/**
 * Two arms or runs compared ({@link ModeComparison}), as every report shows them: each measure's
 * means with the difference, its interval and paired test; wins and losses on the main measure; the
 * per-query differences as a chart; the queries that changed most.
 */
final class ComparisonSection {
    /** How many of the queries that changed most a report lists. */
    static final int CHANGED = 20;

    /**
     * What a report says about one query beside its two values: its text, how its ranking moved.
     *
     * @param text the query's text, or null when it is not known (a run from the history)
     * @param detail how its ranking moved, one line, or null
     */
    record QueryNote(String text, String detail) {}

    private ComparisonSection() {}

    /** The table of measures: A, B, B − A, its interval and p. */
    static void deltas(Html html, ModeComparison c, String a, String b) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ModeComparison.MetricDelta d : c.metrics()) {
            boolean sig = d.pBelowAlpha();
            rows.add(
                    List.of(
                            Cell.text(d.label()),
                            Cell.number(Html.fixed(d.general(), 4)),
                            Cell.number(Html.fixed(d.taskAware(), 4)),
                            sig ? Cell.number(d.deltaText()).strong() : Cell.number(d.deltaText()),
                            Cell.number(d.ciText()),
                            Cell.number(d.pText() + (sig ? " *" : ""))));
        }
        ModeComparison.Settings s = c.settings();
        html.table(
                List.of(
                        "measure",
                        a,
                        b,
                        "Δ (" + b + " − " + a + ")",
                        String.format(Locale.ROOT, "%.0f%% interval", 100 * s.confidence()),
                        "p"),
                rows);
        html.meta(
                String.format(
                        Locale.ROOT,
                        "Per query on %s: %d better with %s, %d worse, %d tied. Intervals: paired"
                                + " bootstrap (%d resamples); p: paired randomization test (%d"
                                + " permutations, seed %d); * %s (not adjusted for the number of"
                                + " measures).",
                        c.mainMetric().label(),
                        c.wins(),
                        b,
                        c.losses(),
                        c.ties(),
                        s.resamples(),
                        s.permutations(),
                        s.seed(),
                        Significance.BELOW_ALPHA));
    }

    /**
     * The per-query differences on the main measure as a chart (the desktop's Per query chart), the
     * queries that changed most, and every query folded away.
     *
     * @param notes a query's text and how its ranking moved, by id
     */
    static void perQuery(
            Html html, ModeComparison c, String a, String b, Function<String, QueryNote> notes) {
        String measure = c.mainMetric().label();
        double[] sorted =
                c.perQuery().stream().mapToDouble(ModeComparison.QueryDelta::delta).toArray();
        Arrays.sort(sorted);
        String title = "Per query: " + measure + ", " + b + " − " + a;
        html.svg(
                SvgCharts.svg(
                        DeltaChart.create(DeltaChart.dataset(sorted), title, "Δ " + measure),
                        960,
                        300),
                title);
        boolean texts =
                c.perQuery().stream().anyMatch(q -> notes.apply(q.queryId()).text() != null);
        List<ModeComparison.QueryDelta> moved = c.changedMost(CHANGED);
        if (moved.isEmpty()) {
            html.p("No query's " + measure + " changed.");
        } else {
            html.h3("The " + moved.size() + " queries that changed most");
            html.table(head(measure, a, b, texts, true), rows(moved, notes, texts, true));
        }
        List<ModeComparison.QueryDelta> all = new ArrayList<>(c.perQuery());
        all.sort((x, y) -> Double.compare(y.delta(), x.delta()));
        html.details(
                "Every query (" + all.size() + "), by Δ",
                () ->
                        html.table(
                                head(measure, a, b, texts, false), rows(all, notes, texts, false)));
    }

    private static List<String> head(
            String measure, String a, String b, boolean texts, boolean detail) {
        List<String> h = new ArrayList<>(List.of("query"));
        if (texts) {
            h.add("text");
        }
        h.addAll(List.of(measure + " " + a, b, "Δ"));
        if (detail) {
            h.add("ranking");
        }
        return h;
    }

    private static List<List<Cell>> rows(
            List<ModeComparison.QueryDelta> queries,
            Function<String, QueryNote> notes,
            boolean texts,
            boolean detail) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ModeComparison.QueryDelta q : queries) {
            QueryNote n = notes.apply(q.queryId());
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(q.queryId()));
            if (texts) {
                row.add(Cell.text(n.text() == null ? "–" : shortened(n.text(), detail ? 180 : 90)));
            }
            row.add(Cell.number(Html.fixed(q.general(), 4)));
            row.add(Cell.number(Html.fixed(q.taskAware(), 4)));
            row.add(Cell.number(String.format(Locale.ROOT, "%+.4f", q.delta())));
            if (detail) {
                row.add(Cell.text(n.detail() == null ? "" : n.detail()));
            }
            rows.add(row);
        }
        return rows;
    }

    /** At most {@code max} characters of {@code s} on one line, an ellipsis when cut. */
    static String shortened(String s, int max) {
        String one = s.replace('\n', ' ').strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
