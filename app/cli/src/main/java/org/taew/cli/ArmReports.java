package org.taew.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.core.logic.compare.ArmComparison;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.evaluation.LexicalArms;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.RunFiles;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.Arm;
import org.taew.core.model.MetricId;

/**
 * The console's lines about the lexical arms: what they are, every arm's means, each comparison.
 */
final class ArmReports {
    private ArmReports() {}

    /** One line per lexical arm saying how it ranked (beside the modes' instruction lines). */
    static void printLexical(PrintWriter w, LexicalArms l) {
        for (ArmResult a : l.arms().values()) {
            w.printf(Locale.ROOT, "  %-11s %s%n", a.arm().label() + ":", a.describe());
        }
        LexicalArms.Bm25Ranking b = l.bm25();
        w.printf(
                Locale.ROOT,
                "BM25 index %s %s.%s%n",
                b.built() ? "built in" : "reused from",
                b.indexDir(),
                b.indexNote() == null ? "" : " " + b.indexNote());
    }

    /** Every arm's mean of every measure, one column per arm. */
    static void printMeans(PrintWriter w, Map<Arm, ArmResult> arms, List<MetricId> metrics) {
        w.printf(Locale.ROOT, "%-12s", "measure");
        for (Arm a : arms.keySet()) {
            w.printf(Locale.ROOT, " %11s", a.label());
        }
        w.println();
        for (MetricId m : metrics) {
            w.printf(Locale.ROOT, "%-12s", m.label());
            for (ArmResult a : arms.values()) {
                w.printf(Locale.ROOT, " %11.4f", a.scores().mean(m));
            }
            w.println();
        }
    }

    /** The comparisons with the lexical arms, one line each on the main measure. */
    static void printComparisons(PrintWriter w, RetrievalEvaluation.Result r) {
        if (r.lexical() == null || r.lexical().comparisons().isEmpty()) {
            return;
        }
        MetricId main = r.settings().mainMetric();
        w.printf(
                Locale.ROOT,
                "%nOn %s (delta, 95%% CI, p; queries better/worse/tied):%n",
                main.label());
        for (ArmComparison c : r.lexical().comparisons()) {
            w.println("  " + line(c));
        }
        ModeComparison any = r.lexical().comparisons().get(0).comparison();
        w.printf(
                Locale.ROOT,
                "p: paired randomization test (%d permutations, seed %d); * %s.%n",
                any.settings().permutations(),
                any.settings().seed(),
                Significance.BELOW_ALPHA);
    }

    /**
     * Run files made elsewhere (the Spark search, another toolkit) against BM25 on the same
     * queries: BM25's means, then each run against it on the main measure.
     */
    static void printRunsAgainstBm25(
            PrintWriter w,
            RunFiles.Result runs,
            RetrievalEvaluation.Result lexical,
            RetrievalEvaluation.Settings settings) {
        ArmResult bm25 = lexical.arms().get(Arm.BM25);
        w.printf(Locale.ROOT, "%nBM25 on the same queries (%s):%n", bm25.describe());
        printMeans(w, Map.of(Arm.BM25, bm25), settings.metrics());
        MetricId main = settings.mainMetric();
        w.printf(
                Locale.ROOT,
                "%nOn %s against BM25 (delta, 95%% CI, p; queries better/worse/tied):%n",
                main.label());
        for (RunFiles.Scored s : runs.runs()) {
            ModeComparison c =
                    ModeComparison.compare(
                            bm25.scores(), s.scores(), main, settings.significance());
            w.println("  " + line(s.source().name() + " vs bm25", c));
        }
    }

    /** E.g. {@code task-aware vs bm25 +0.0305 [+0.0101, +0.0512] p 0.0020 * 12/5/23}. */
    static String line(ArmComparison a) {
        return line(a.label(), a.comparison());
    }

    private static String line(String label, ModeComparison c) {
        ModeComparison.MetricDelta d = c.of(c.mainMetric());
        return String.format(
                Locale.ROOT,
                "%-22s %+.4f %s p %s%s  %d/%d/%d",
                label,
                d.delta(),
                d.ciText(),
                d.pText(),
                d.pBelowAlpha() ? " *" : "  ",
                c.wins(),
                c.losses(),
                c.ties());
    }
}
