package org.taew.core.logic.experiments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.SideTemplate;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.logic.search.QueryOrder;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.Embeddings;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Chooses the best variant on data it is not scored on — the dev split, else K-fold over the
 * queries — and says what the choice scores beside the optimistic in-sample best.
 */
final class VariantSelection {
    private VariantSelection() {}

    /**
     * A selection and what it scores per query on queries it was not chosen on: per query, the main
     * measure of the variant chosen without that query (its fold's choice, or the dev split's
     * choice).
     */
    record Outcome(ExperimentResult.Selection selection, double[] heldOut) {}

    /**
     * Adopt the held-out choice only when it beats the baseline on the same held-out queries: its
     * paired bootstrap interval above zero and its randomization test below the level.
     */
    static ExperimentResult.Recommendation recommend(
            Outcome o, ExperimentResult.VariantResult baseline, ModeComparison.Settings s) {
        double[] base = baseline.perQuery();
        String chosen = o.selection().chosen();
        int folds = 1;
        int of = 1;
        int total =
                o.selection().chosenCounts().values().stream().mapToInt(Integer::intValue).sum();
        if (chosen != null && total > 1) {
            // a search's final choice on every query, and how many folds' searches agreed
            folds = o.selection().chosenCounts().getOrDefault(chosen, 0);
            of = total;
        } else if (chosen == null) {
            of = 0;
            for (Map.Entry<String, Integer> e : o.selection().chosenCounts().entrySet()) {
                of += e.getValue();
                if (chosen == null || e.getValue() > folds) {
                    chosen = e.getKey();
                    folds = e.getValue();
                }
            }
        }
        LeaderboardStatistics.Paired d = LeaderboardStatistics.paired(base, o.heldOut(), s);
        boolean adopt =
                !chosen.equals(baseline.name())
                        && d.ci().low() > 0
                        && Significance.belowAlpha(d.p());
        return new ExperimentResult.Recommendation(
                chosen, folds, of, baseline.name(), d.delta(), d.ci(), d.p(), adopt);
    }

    /**
     * K-fold over the queries: the variant with the best mean on the other folds is scored on the
     * held-out fold; the estimate is the mean over all queries of what was so chosen.
     */
    static Outcome crossValidate(
            ExperimentSpec.Selection sel,
            List<ExperimentSpec.Variant> variants,
            List<double[]> perQuery) {
        int n = perQuery.get(0).length;
        int folds = Math.min(sel.folds(), Math.max(2, n));
        int[] fold = QueryOrder.folds(n, folds, sel.seed());
        double total = 0;
        double[] heldOut = new double[n];
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (int f = 0; f < folds; f++) {
            int best = -1;
            double bestMean = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < perQuery.size(); v++) {
                double s = 0;
                int c = 0;
                for (int q = 0; q < n; q++) {
                    if (fold[q] != f) {
                        s += perQuery.get(v)[q];
                        c++;
                    }
                }
                double m = c == 0 ? 0 : s / c;
                if (m > bestMean + 1e-12) {
                    bestMean = m;
                    best = v;
                }
            }
            chosen.merge(variants.get(best).name(), 1, Integer::sum);
            for (int q = 0; q < n; q++) {
                if (fold[q] == f) {
                    total += perQuery.get(best)[q];
                    heldOut[q] = perQuery.get(best)[q];
                }
            }
        }
        int inSample = argmax(perQuery);
        return new Outcome(
                new ExperimentResult.Selection(
                        folds + "-fold cross-validation over queries (seed " + sel.seed() + ")",
                        variants.get(inSample).name(),
                        LeaderboardStatistics.mean(perQuery.get(inSample)),
                        null,
                        n == 0 ? Double.NaN : total / n,
                        chosen),
                heldOut);
    }

    /** Chooses on the dev split, scores the choice on the test split. */
    static Outcome onDev(
            ExperimentSpec spec,
            EvaluationSession session,
            SessionSetup dev,
            List<ExperimentSpec.Variant> variants,
            Map<SideTemplate, Embeddings> docs,
            List<double[]> testPerQuery,
            ProgressListener progress)
            throws WorkbenchException {
        VariantScorer.Scored d =
                VariantScorer.score(
                        spec,
                        session,
                        dev.retrieval(),
                        variants,
                        docs,
                        dev.identicalIds().ignore(),
                        progress);
        int best = argmax(d.perQuery());
        int inSample = argmax(testPerQuery);
        return new Outcome(
                new ExperimentResult.Selection(
                        "chosen on the " + dev.retrieval().split() + " split",
                        variants.get(inSample).name(),
                        LeaderboardStatistics.mean(testPerQuery.get(inSample)),
                        variants.get(best).name(),
                        LeaderboardStatistics.mean(testPerQuery.get(best)),
                        Map.of(variants.get(best).name(), 1)),
                testPerQuery.get(best));
    }

    private static int argmax(List<double[]> perQuery) {
        int best = 0;
        for (int v = 1; v < perQuery.size(); v++) {
            if (LeaderboardStatistics.mean(perQuery.get(v))
                    > LeaderboardStatistics.mean(perQuery.get(best)) + 1e-12) {
                best = v;
            }
        }
        return best;
    }
}
