package org.taew.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.compare.StsComparison;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.logic.export.StsReport;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.model.Mode;
import org.taew.core.model.TemplateSource;
import org.taew.report.html.Html.Cell;

/**
 * The report of an STS evaluation: the settings, each mode's correlations with the gold scores and
 * their intervals, the difference with its paired test, and the pairs whose rank moved most (the
 * desktop's STS view, from the same comparison).
 */
final class StsHtml {
    private StsHtml() {}

    static String of(StsReport report) {
        StsEvaluation.Result r = report.result();
        Html html = new Html(Precision.displayName(report.model()) + " on " + r.dataset().name());
        html.meta(
                String.format(
                        Locale.ROOT,
                        "Semantic textual similarity: %d sentence pairs; task \"%s\".",
                        r.dataset().pairs().size(),
                        r.task()));
        String draft = EvaluationSession.draftNote(report.model());
        if (draft != null) {
            html.warning(draft);
        }
        html.h2("Settings");
        html.p(
                String.format(
                        Locale.ROOT,
                        "Model %s (%s), %d dimensions; %s. Dataset %s. Similarity: %s.",
                        Precision.displayName(report.model()),
                        report.model().dir(),
                        report.dimension(),
                        report.engine(),
                        r.dataset().source(),
                        ResultsWriter.SIMILARITY));
        for (StsEvaluation.ModeResult m : r.modes().values()) {
            html.labelled(
                    m.mode().label() + ", both sentences:", m.instructions().query().standalone());
        }
        TemplateSource t = report.templates();
        if (t != null && r.modes().containsKey(Mode.TASK_AWARE)) {
            html.p(t.line());
        }
        StsComparison c = StsEvaluation.compare(r);
        html.h2("Correlation with the gold scores");
        List<List<Cell>> rows = new ArrayList<>();
        c.modes()
                .forEach(
                        (mode, k) ->
                                rows.add(
                                        List.of(
                                                Cell.text(mode.label()),
                                                Cell.number(Html.fixed(k.spearman(), 4)),
                                                Cell.number(interval(k.spearmanCi())),
                                                Cell.number(Html.fixed(k.pearson(), 4)),
                                                Cell.number(interval(k.pearsonCi())))));
        html.table(List.of("mode", "Spearman", "interval", "Pearson", "interval"), rows);
        if (c.spearman() != null) {
            html.p(
                    String.format(
                            Locale.ROOT,
                            "Task-aware − general: Spearman %+.4f %s, p %s; Pearson %+.4f %s, p %s"
                                    + " (paired bootstrap, %d resamples; paired randomization test, %d"
                                    + " permutations; * %s).",
                            c.spearman().delta(),
                            signed(c.spearman().ci()),
                            Significance.format(c.spearman().pValue())
                                    + (Significance.belowAlpha(c.spearman().pValue()) ? " *" : ""),
                            c.pearson().delta(),
                            signed(c.pearson().ci()),
                            Significance.format(c.pearson().pValue())
                                    + (Significance.belowAlpha(c.pearson().pValue()) ? " *" : ""),
                            c.settings().resamples(),
                            c.settings().permutations(),
                            Significance.BELOW_ALPHA));
            moved(html, c);
        }
        return html.page(Footers.footer("evaluation"));
    }

    private static void moved(Html html, StsComparison c) {
        html.h3("The " + c.moved().size() + " pairs whose rank moved most");
        List<List<Cell>> rows = new ArrayList<>();
        for (StsComparison.MovedPair p : c.moved()) {
            rows.add(
                    List.of(
                            Cell.number(Integer.toString(p.pair().line())),
                            Cell.text(ComparisonSection.shortened(p.pair().first(), 90)),
                            Cell.text(ComparisonSection.shortened(p.pair().second(), 90)),
                            Cell.number(Html.fixed(p.pair().gold(), 2)),
                            Cell.number(Integer.toString(p.goldRank())),
                            Cell.number(p.generalRank() + " → " + p.taskAwareRank()),
                            Cell.text(p.closerToGold() ? "nearer gold" : "further from gold")));
        }
        html.table(
                List.of("line", "first", "second", "gold", "gold rank", "rank", "task-aware"),
                rows);
    }

    private static String signed(Significance.Interval i) {
        return String.format(Locale.ROOT, "[%+.4f, %+.4f]", i.low(), i.high());
    }

    private static String interval(Significance.Interval i) {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", i.low(), i.high());
    }
}
