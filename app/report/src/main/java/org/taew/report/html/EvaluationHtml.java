package org.taew.report.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jfree.data.category.DefaultCategoryDataset;
import org.taew.core.logic.compare.ArmComparison;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.export.EvaluationReport;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.logic.export.RetrievalReport;
import org.taew.core.logic.export.StsReport;
import org.taew.core.model.Arm;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TemplateSource;
import org.taew.core.model.TextItem;
import org.taew.report.charts.MeansChart;
import org.taew.report.charts.SvgCharts;
import org.taew.report.html.Html.Cell;

/**
 * The report of one evaluation (the numbers of results.json, from the same record): its settings,
 * the warnings, every arm's means as a table and a chart, each comparison with its interval and
 * test, and the queries that moved most.
 */
public final class EvaluationHtml {
    private EvaluationHtml() {}

    /** The page of a retrieval or STS evaluation. */
    public static String of(EvaluationReport report) {
        return report instanceof RetrievalReport r ? retrieval(r) : StsHtml.of((StsReport) report);
    }

    static String retrieval(RetrievalReport report) {
        RetrievalEvaluation.Result r = report.result();
        RetrievalDataset ds = r.dataset();
        String model = report.model() == null ? "BM25" : Precision.displayName(report.model());
        Html html = new Html(model + " on " + ds.name());
        html.meta(
                String.format(
                        Locale.ROOT,
                        "Retrieval evaluation: %s split, %d queries, %d documents; task \"%s\".",
                        ds.split(),
                        ds.queries().size(),
                        ds.documents().size(),
                        r.task()));
        report.warnings().forEach(html::warning);
        settings(html, report);
        means(html, r);
        List<ArmComparison> comparisons = r.comparisons();
        for (int i = 0; i < comparisons.size(); i++) {
            ArmComparison c = comparisons.get(i);
            String a = c.baseline().label();
            String b = c.arm().label();
            html.h2(b + " vs " + a);
            ComparisonSection.deltas(html, c.comparison(), a, b);
            if (i == 0) {
                ComparisonSection.perQuery(html, c.comparison(), a, b, notes(r, c));
            }
        }
        return html.page(Footers.footer("evaluation"));
    }

    private static void settings(Html html, RetrievalReport report) {
        RetrievalEvaluation.Result r = report.result();
        html.h2("Settings");
        ModelSpec m = report.model();
        if (m != null) {
            html.p(
                    String.format(
                            Locale.ROOT,
                            "Model %s (%s), %d dimensions, %s weights; %s.",
                            Precision.displayName(m),
                            m.dir(),
                            report.dimension(),
                            Precision.of(m).label(),
                            report.engine()));
        }
        html.p("Dataset " + r.dataset().name() + " (" + r.dataset().source() + ").");
        for (RetrievalEvaluation.ModeResult mode : r.modes().values()) {
            html.labelled(
                    mode.mode().label() + ", query:", mode.instructions().query().standalone());
            html.labelled(
                    mode.mode().label() + ", document:",
                    mode.instructions().document().standalone()
                            + (mode.instructions().excludeInstructionFromPooling()
                                    ? "  (instruction tokens not pooled)"
                                    : ""));
        }
        TemplateSource t = report.templates();
        if (t != null && r.modes().containsKey(Mode.TASK_AWARE)) {
            html.p(t.line());
        }
        if (r.lexical() != null) {
            for (ArmResult a : r.lexical().arms().values()) {
                html.p(a.arm().label() + ": " + a.describe() + ".");
            }
        }
        var any = r.arms().values().iterator().next().scores();
        html.meta(
                "Similarity: "
                        + (r.modes().isEmpty() ? "BM25 scores" : ResultsWriter.SIMILARITY)
                        + ". Measures: "
                        + ResultsWriter.CONVENTIONS
                        + ". "
                        + any.queryIds().size()
                        + " of "
                        + r.dataset().queries().size()
                        + " queries evaluated"
                        + (any.dropped().isEmpty()
                                ? ""
                                : " (" + any.dropped().size() + " without judgments left out)")
                        + "; runs "
                        + r.settings().depth()
                        + " deep."
                        + (report.identicalIds() == null
                                ? ""
                                : " " + sentence(report.identicalIds())));
    }

    /** Every arm's mean of every measure: a table, then the desktop's bar chart. */
    private static void means(Html html, RetrievalEvaluation.Result r) {
        html.h2("Means over the queries");
        Map<Arm, ArmResult> arms = r.arms();
        List<String> head = new ArrayList<>(List.of("measure"));
        arms.keySet().forEach(a -> head.add(a.label()));
        List<List<Cell>> rows = new ArrayList<>();
        DefaultCategoryDataset chart = new DefaultCategoryDataset();
        for (MetricId metric : r.settings().metrics()) {
            List<Cell> row = new ArrayList<>(List.of(Cell.text(metric.label())));
            double best = Double.NEGATIVE_INFINITY;
            for (ArmResult a : arms.values()) {
                best = Math.max(best, a.scores().mean(metric));
            }
            for (ArmResult a : arms.values()) {
                double mean = a.scores().mean(metric);
                Cell cell = Cell.number(Html.fixed(mean, 4));
                row.add(mean == best && arms.size() > 1 ? cell.strong() : cell);
                chart.addValue(mean, a.arm().label(), metric.label());
            }
            rows.add(row);
        }
        html.table(head, rows);
        html.svg(SvgCharts.svg(MeansChart.create(chart), 960, 380), "the means as bars");
    }

    /** Per query: its text, and where its first relevant document ranked in either arm. */
    private static Function<String, ComparisonSection.QueryNote> notes(
            RetrievalEvaluation.Result r, ArmComparison c) {
        Map<String, String> texts = new HashMap<>();
        for (TextItem q : r.dataset().queries()) {
            texts.put(q.id(), q.text());
        }
        ArmResult a = r.arms().get(c.baseline());
        ArmResult b = r.arms().get(c.arm());
        return id ->
                new ComparisonSection.QueryNote(
                        texts.get(id),
                        "first relevant at "
                                + firstRelevant(r.dataset(), a, id)
                                + " → "
                                + firstRelevant(r.dataset(), b, id));
    }

    /** The rank of the query's first relevant document in the arm's run, "–" beyond its depth. */
    private static String firstRelevant(RetrievalDataset ds, ArmResult arm, String queryId) {
        Map<String, Integer> judged = ds.qrels().of(queryId);
        List<ScoredDoc> run = arm.run().of(queryId);
        for (int i = 0; i < run.size(); i++) {
            Integer grade = judged.get(run.get(i).docId());
            if (grade != null && grade >= 1) {
                return Integer.toString(i + 1);
            }
        }
        return "–";
    }

    private static String sentence(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }
}
