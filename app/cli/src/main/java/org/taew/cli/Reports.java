package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.RunFiles;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TemplateSource;

/** Human-readable tables for the console. */
final class Reports {
    private Reports() {}

    static void printRetrieval(
            PrintWriter w,
            RetrievalEvaluation.Result r,
            ModelSpec model,
            TemplateSource templates) {
        var ds = r.dataset();
        w.printf(
                Locale.ROOT,
                "%s on %s (%s split: %d queries, %d documents), task \"%s\"%n",
                model == null ? "BM25" : Precision.displayName(model),
                ds.name(),
                ds.split(),
                ds.queries().size(),
                ds.documents().size(),
                r.task());
        for (RetrievalEvaluation.ModeResult m : r.modes().values()) {
            printInstructions(w, m.mode(), m.instructions());
        }
        if (r.lexical() != null) {
            ArmReports.printLexical(w, r.lexical());
        }
        printTemplateSource(w, r.modes().containsKey(Mode.TASK_AWARE), templates);
        QueryScores any = r.arms().values().iterator().next().scores();
        w.printf(
                Locale.ROOT,
                "Similarity: %s.%s Measures follow trec_eval 10.0. %d of %d queries evaluated%s.%n%n",
                r.modes().isEmpty() ? "BM25 scores" : ResultsWriter.SIMILARITY,
                r.settings().ignoreIdenticalIds()
                        ? " A document with the query's own id is left out of its ranking."
                        : "",
                any.queryIds().size(),
                ds.queries().size(),
                any.dropped().isEmpty() ? "" : " (" + droppedSummary(any) + ")");
        ModeComparison c = r.comparison();
        if (c != null) {
            printComparison(w, c, "general", "task-aware", "with instructions");
            if (r.lexical() != null) {
                w.println();
            }
        }
        if (c == null || r.lexical() != null) {
            ArmReports.printMeans(w, r.arms(), r.settings().metrics());
        }
        ArmReports.printComparisons(w, r);
        for (RetrievalEvaluation.ModeResult m : r.modes().values()) {
            w.printf(
                    Locale.ROOT,
                    "Encoding, %s: %s; %s.%n",
                    m.mode().label(),
                    encoding("queries", m.queryEncoding()),
                    encoding("documents", m.documentEncoding()));
        }
    }

    /** Run files scored ({@code eval --run}): one column, or two compared as the modes are. */
    static void printRuns(PrintWriter w, RunFiles.Result r, List<MetricId> metrics) {
        var ds = r.dataset();
        w.printf(
                Locale.ROOT,
                "Run files on %s (%s split: %d queries, %d documents)%n",
                ds.name(),
                ds.split(),
                ds.queries().size(),
                ds.documents().size());
        for (RunFiles.Scored s : r.runs()) {
            w.printf(
                    Locale.ROOT,
                    "  %-11s %s (%d queries ranked%s)%n",
                    s.source().name() + ":",
                    s.source().file(),
                    s.run().rankings().size(),
                    (s.unknownQueries() == 0
                                    ? ""
                                    : "; "
                                            + s.unknownQueries()
                                            + " queries not in this split left out")
                            + (s.selfMatchesDropped() == 0
                                    ? ""
                                    : "; "
                                            + s.selfMatchesDropped()
                                            + " documents with their query's own id dropped, as the dataset"
                                            + " says: such a query keeps one document fewer than the run's"
                                            + " depth (make the run with --ignore-identical-ids)"));
        }
        QueryScores any = r.runs().get(0).scores();
        w.printf(
                Locale.ROOT,
                "Rankings as read (ties by document id, as trec_eval).%s Measures follow trec_eval 10.0. %d of %d"
                        + " queries evaluated%s.%n%n",
                r.ignoreIdenticalIds() ? " A document with the query's own id is left out." : "",
                any.queryIds().size(),
                ds.queries().size(),
                any.dropped().isEmpty() ? "" : " (" + droppedSummary(any) + ")");
        ModeComparison c = r.comparison();
        if (c != null) {
            String b = r.runs().get(1).source().name();
            printComparison(w, c, r.runs().get(0).source().name(), b, "in " + b);
        } else {
            RunFiles.Scored s = r.runs().get(0);
            printColumn(w, s.source().name(), s.scores(), metrics);
        }
    }

    /** Two columns compared: the deltas table, then wins and losses on the main measure. */
    private static void printComparison(
            PrintWriter w, ModeComparison c, String a, String b, String better) {
        printDeltas(w, c.metrics(), a, b);
        w.printf(
                Locale.ROOT,
                "%nPer query on %s: %d better %s, %d worse, %d tied."
                        + " p: paired randomization test (%d permutations, seed %d); * %s.%n",
                c.mainMetric().label(),
                c.wins(),
                better,
                c.losses(),
                c.ties(),
                c.settings().permutations(),
                c.settings().seed(),
                Significance.BELOW_ALPHA);
    }

    /** One column of means. */
    private static void printColumn(
            PrintWriter w, String label, QueryScores scores, List<MetricId> metrics) {
        w.printf(Locale.ROOT, "%-12s %11s%n", "measure", label);
        for (MetricId metric : metrics) {
            w.printf(Locale.ROOT, "%-12s %11.4f%n", metric.label(), scores.mean(metric));
        }
    }

    private static String droppedSummary(QueryScores s) {
        Map<String, Integer> reasons = new TreeMap<>();
        for (QueryScores.DroppedQuery d : s.dropped()) {
            reasons.merge(d.reason(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder();
        reasons.forEach(
                (reason, n) ->
                        sb.append(sb.length() == 0 ? "" : ", ")
                                .append(n)
                                .append(" left out: ")
                                .append(reason));
        return sb.toString();
    }

    static void printInstructions(PrintWriter w, Mode mode, InstructionPair p) {
        w.printf(
                Locale.ROOT,
                "  %-11s query %s, document %s%s%n",
                mode.label() + ":",
                quote(p.query().source()),
                quote(p.document().source()),
                p.excludeInstructionFromPooling() ? ", instruction tokens not pooled" : "");
    }

    /** The one line saying where task-aware mode's templates came from, when it was evaluated. */
    static void printTemplateSource(PrintWriter w, boolean taskAware, TemplateSource templates) {
        if (taskAware && templates != null) {
            w.println(templates.line());
        }
    }

    /**
     * Each measure of two compared arms: both means, the delta, its interval and p (* below the
     * significance level).
     */
    static void printDeltas(
            PrintWriter w, List<ModeComparison.MetricDelta> metrics, String a, String b) {
        w.printf(
                Locale.ROOT,
                "%-12s %9s %11s %9s  %-20s %8s%n",
                "measure",
                a,
                b,
                "delta",
                "95% CI of delta",
                "p");
        for (ModeComparison.MetricDelta d : metrics) {
            w.printf(
                    Locale.ROOT,
                    "%-12s %9.4f %11.4f %+9.4f  [%+.4f, %+.4f] %8.4f%s%n",
                    d.metric().label(),
                    d.general(),
                    d.taskAware(),
                    d.delta(),
                    d.ciLow(),
                    d.ciHigh(),
                    d.pValue(),
                    d.pBelowAlpha() ? " *" : "");
        }
    }

    /** Files written into one folder, e.g. {@code out/{results.json, per-query.csv}}. */
    static String files(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        Path dir = files.get(0).getParent();
        sb.append(dir).append("/{");
        for (int i = 0; i < files.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(files.get(i).getFileName());
        }
        return sb.append('}').toString();
    }

    static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String quote(String template) {
        return '"' + template.replace("\n", "\\n") + '"';
    }

    static String encoding(String what, EmbeddingService.Report r) {
        return String.format(
                Locale.ROOT,
                "%d %s, %d from cache, %d encoded (%d tokens, %d truncated) in %.2f s",
                r.texts(),
                what,
                r.fromCache(),
                r.encoded(),
                r.tokensEncoded(),
                r.truncated(),
                r.seconds());
    }

    static void printSts(
            PrintWriter w, StsEvaluation.Result r, ModelSpec model, TemplateSource templates) {
        w.printf(
                Locale.ROOT,
                "%s on %s (%d sentence pairs), task \"%s\"%n",
                Precision.displayName(model),
                r.dataset().name(),
                r.dataset().pairs().size(),
                r.task());
        for (StsEvaluation.ModeResult m : r.modes().values()) {
            printInstructions(w, m.mode(), m.instructions());
        }
        printTemplateSource(w, r.modes().containsKey(Mode.TASK_AWARE), templates);
        w.printf(Locale.ROOT, "Similarity: %s.%n%n", ResultsWriter.SIMILARITY);
        w.printf(Locale.ROOT, "%-11s %9s %9s %10s%n", "mode", "Spearman", "Pearson", "truncated");
        for (StsEvaluation.ModeResult m : r.modes().values()) {
            w.printf(
                    Locale.ROOT,
                    "%-11s %9.5f %9.5f %10d%n",
                    m.mode().label(),
                    m.spearman(),
                    m.pearson(),
                    m.firstEncoding().truncated() + m.secondEncoding().truncated());
        }
        if (r.modes().size() == 2) {
            double d =
                    r.modes().get(Mode.TASK_AWARE).spearman()
                            - r.modes().get(Mode.GENERAL).spearman();
            w.printf(Locale.ROOT, "Spearman delta (task-aware - general): %+.5f%n", d);
        }
        for (StsEvaluation.ModeResult m : r.modes().values()) {
            w.printf(
                    Locale.ROOT,
                    "Encoding, %s: %s; %s.%n",
                    m.mode().label(),
                    encoding("first sentences", m.firstEncoding()),
                    encoding("second sentences", m.secondEncoding()));
        }
    }
}
