package org.taew.core.logic.experiments;

import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.Arm;
import org.taew.core.model.Template;

/**
 * The Markdown files of experiments: an experiment's leaderboard ({@code leaderboard.md}, one
 * section per dataset and model) and the index of several experiments.
 */
final class MarkdownLeaderboard {
    private MarkdownLeaderboard() {}

    /** One section per dataset and model: the leaderboard, sensitivity and selection. */
    static String markdown(ExperimentResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Experiment ").append(r.spec().name()).append("\n\n");
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%s; %.0f%% percentile-bootstrap intervals (%d resamples), paired randomization"
                                + " test against the baseline (%d permutations, seed %d), Holm-adjusted"
                                + " across the rows (variants and references); † significant after Holm ("
                                + Significance.BELOW_ALPHA
                                + ").\n",
                        r.spec().measure().label(),
                        100 * r.significance().confidence(),
                        r.significance().resamples(),
                        r.significance().permutations(),
                        r.significance().seed()));
        for (String w : r.warnings()) {
            sb.append("\n**Warning:** ").append(w).append(".\n");
        }
        for (ExperimentResult.ModelResult m : r.results()) {
            sb.append("\n## ")
                    .append(m.dataset())
                    .append(" · ")
                    .append(Precision.displayName(m.model()))
                    .append("\n\n");
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "Task %s, %s split, %d queries evaluated; Δ against %s.\n\n",
                            m.task(),
                            m.split(),
                            m.queryIds().size(),
                            m.baselineName()));
            sb.append(m.templates()).append(".\n\n");
            sb.append(m.lexical()).append(".\n\n");
            for (String w : m.warnings()) {
                sb.append("**Warning:** ").append(w).append(".\n\n");
            }
            sb.append("| # | variant | query template | document template | ")
                    .append(r.spec().measure().label())
                    .append(
                            " [95% CI] | Δ [95% CI] | p | p (Holm) | W/L | cos q | cos d | top-10 ∩ |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            int rank = 0;
            for (ExperimentResult.VariantResult v : m.leaderboard()) {
                rank++;
                boolean base = v.name().equals(m.baselineName());
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "| %d | %s%s | %s | %s | %.4f [%.3f, %.3f] | %s | %s | %s | %s | %s | %s |"
                                        + " %s |\n",
                                rank,
                                v.name(),
                                base ? " (baseline)" : v.significant() ? " †" : "",
                                template(v, v.instructions().query()),
                                template(v, v.instructions().document()),
                                v.mean(),
                                v.ci().low(),
                                v.ci().high(),
                                base ? "—" : v.deltaWithCi(),
                                Significance.format(v.p()),
                                Significance.format(v.holm()),
                                base ? "—" : v.wins() + " / " + v.losses(),
                                ExperimentSentences.fixed(v.diagnostics().queryCosine(), 3),
                                ExperimentSentences.fixed(v.diagnostics().documentCosine(), 3),
                                ExperimentSentences.fixed(v.diagnostics().top10Overlap(), 2)));
            }
            sb.append("\n").append(ExperimentSentences.sensitivity(m.sensitivity())).append("\n");
            sb.append("\n").append(ExperimentSentences.selection(m.selection())).append("\n");
            if (m.search() != null) {
                sb.append("\n").append(ExperimentSentences.search(m.search())).append("\n");
            }
            sb.append("\n**")
                    .append(ExperimentSentences.recommendation(m.recommendation()))
                    .append("**\n");
        }
        return sb.toString();
    }

    /**
     * An index of several experiments: per dataset and model the in-sample best, the held-out
     * estimate of choosing, where the card's default and general mode rank, BM25's score, and the
     * spread.
     */
    static String summary(List<ExperimentResult> results) {
        StringBuilder sb = new StringBuilder("# Instruction experiments\n\n");
        sb.append(
                "One row per dataset and model; each experiment's folder has the full leaderboard"
                        + " (leaderboard.md). *Held-out* is the score of choosing the best variant on"
                        + " data it is not scored on (the dev split, else K-fold over the queries); the in-sample"
                        + " best's score beside it is optimistic; *bm25* is the lexical reference (BM25,"
                        + " Anserini's defaults); *recommendation* judges the held-out choice against the"
                        + " baseline on held-out queries (use it only when its paired interval lies above"
                        + " zero and p < 0.05, else keep the baseline).\n\n");
        sb.append(
                "| dataset | model | measure | general | card (rank) | bm25 | in-sample best | held-out"
                        + " | wording IQR | variants | recommendation |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ExperimentResult r : results) {
            for (ExperimentResult.ModelResult m : r.results()) {
                ExperimentResult.Sensitivity s = m.sensitivity();
                ExperimentResult.Selection sel = m.selection();
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "| [%s](%s/leaderboard.md) | %s | %s | %.4f | %.4f (%d of %d) | %.4f | %s"
                                        + " %.4f | %.4f | %.4f | %d | %s |\n",
                                m.dataset(),
                                r.spec().name(),
                                Precision.displayName(m.model()),
                                r.spec().measure().label(),
                                m.variant(ExperimentSpec.GENERAL).mean(),
                                m.variant(ExperimentSpec.CARD).mean(),
                                s.cardRank(),
                                s.ranked(),
                                m.variant(ExperimentSpec.BM25).mean(),
                                sel.inSampleBest(),
                                sel.inSampleMean(),
                                sel.estimate(),
                                s.iqr(),
                                s.ranked(),
                                verdict(m.recommendation())));
            }
        }
        return sb.toString();
    }

    /** The recommendation in a table cell: {@code use X (+0.0123)} or {@code keep card}. */
    private static String verdict(ExperimentResult.Recommendation r) {
        return r.adopt()
                ? String.format(Locale.ROOT, "use %s (%+.4f)", r.chosen(), r.delta())
                : "keep " + r.baseline();
    }

    /** A side's template in code, or a dash for BM25 (no model, no template). */
    private static String template(ExperimentResult.VariantResult v, Template t) {
        return v.arm() == Arm.BM25 ? "—" : "`" + code(t.standalone()) + "`";
    }

    private static String code(String template) {
        return template.replace("\n", "\\n").replace("|", "\\|").replace("`", "'");
    }
}
