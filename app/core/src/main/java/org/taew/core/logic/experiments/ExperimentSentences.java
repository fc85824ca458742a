package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.core.logic.metrics.Significance;

/**
 * An experiment's findings in sentences, for the console, the desktop and the Markdown leaderboard:
 * the sensitivity to wording, the selection's held-out estimate, and a diagnostic a reference row
 * lacks as a dash.
 */
final class ExperimentSentences {
    private ExperimentSentences() {}

    /** The sensitivity to wording in words. */
    static String sensitivity(ExperimentResult.Sensitivity s) {
        String spread =
                s.variants() == 0
                        ? "Sensitivity to wording: no variant has an instruction."
                        : String.format(
                                Locale.ROOT,
                                "Sensitivity to wording (%d worded variants): min %.4f, median %.4f,"
                                        + " max %.4f, IQR %.4f.",
                                s.variants(),
                                s.min(),
                                s.median(),
                                s.max(),
                                s.iqr());
        return String.format(
                Locale.ROOT,
                "%s The model card's default ranks %d of %d; general mode ranks %d.",
                spread,
                s.cardRank(),
                s.ranked(),
                s.generalRank());
    }

    /** The selection in words: the held-out estimate beside the optimistic in-sample best. */
    static String selection(ExperimentResult.Selection s) {
        int folds = s.chosenCounts().values().stream().mapToInt(Integer::intValue).sum();
        String how =
                s.chosen() == null
                        ? "choosing the best variant on the other folds scores (chosen: "
                                + counts(s.chosenCounts())
                                + ")"
                        : folds > 1
                                ? "choosing on the other folds scores (chosen: "
                                        + counts(s.chosenCounts())
                                        + "; on every query: "
                                        + s.chosen()
                                        + ")"
                                : "the variant chosen on it, " + s.chosen() + ", scores";
        return String.format(
                Locale.ROOT,
                "Selection, %s: %s %.4f on held-out queries; the in-sample best, %s, scores %.4f"
                        + " on the queries it was picked on (optimistic).",
                s.method(),
                how,
                s.estimate(),
                s.inSampleBest(),
                s.inSampleMean());
    }

    /**
     * The recommendation in one plain sentence: use the variant chosen on held-out queries, by how
     * much it beats the baseline there, or keep the baseline.
     */
    static String recommendation(ExperimentResult.Recommendation r) {
        String chosen =
                r.of() > 1
                        ? r.chosen() + " (chosen in " + r.folds() + " of " + r.of() + " folds)"
                        : r.chosen();
        String figures =
                String.format(
                        Locale.ROOT,
                        "%+.4f [%+.4f, %+.4f] on held-out queries (p %s)",
                        r.delta(),
                        r.ci().low(),
                        r.ci().high(),
                        Significance.format(r.p()));
        if (r.adopt()) {
            return "Recommendation: use "
                    + chosen
                    + ". Chosen on queries it was not scored on, it beats "
                    + r.baseline()
                    + " by "
                    + figures
                    + ".";
        }
        if (r.chosen().equals(r.baseline())) {
            return "Recommendation: keep "
                    + r.baseline()
                    + ". Choosing on queries it was not scored on picks "
                    + chosen
                    + " itself; choosing scores "
                    + figures
                    + " against it.";
        }
        return "Recommendation: keep "
                + r.baseline()
                + ". The variant chosen on queries it was not scored on, "
                + chosen
                + ", does not beat it: "
                + figures
                + (r.delta() < 0 ? ", below the baseline." : ", no better than chance.");
    }

    /** {@code x} with {@code decimals} decimals, or a dash when there is none (NaN). */
    static String fixed(double x, int decimals) {
        return Double.isNaN(x) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", x);
    }

    private static String counts(Map<String, Integer> c) {
        List<String> parts = new ArrayList<>();
        c.forEach((k, v) -> parts.add(k + " ×" + v));
        return String.join(", ", parts);
    }

    /** What a search tried, e.g. "Search: 25 wordings proposed, …". */
    static String search(ExperimentResult.SearchTrace t) {
        long scored = t.steps().stream().map(ExperimentResult.SearchStep::name).distinct().count();
        return String.format(
                Locale.ROOT,
                "Search: %d wordings proposed%s, %d scored; %d (wording, query) evaluations in all,"
                        + " at most %d per search; %.1f s, %.1f s of it encoding %d texts the cache"
                        + " did not hold (search-trace.csv has every step).",
                t.proposed(),
                t.leftOut() == 0
                        ? ""
                        : " (" + t.leftOut() + " document-side ones left out by corpus-encodes)",
                scored,
                t.evaluations(),
                t.budget(),
                t.seconds(),
                t.encodingSeconds(),
                t.encoded());
    }
}
