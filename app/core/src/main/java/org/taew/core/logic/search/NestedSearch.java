package org.taew.core.logic.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.taew.core.util.WorkbenchException;

/**
 * An honest estimate of what a search finds: nested cross-validation over the queries. The queries
 * are dealt into K outer folds (shuffled by the seed, round-robin, as the experiments'
 * cross-validation deals them); for each fold a {@link SuccessiveHalving} search runs on the
 * queries of the other folds only, and its winner is then scored on the fold's own queries. Every
 * query's held-out value thus comes from a choice made without it, so the mean of the held-out
 * values estimates what searching does on unseen queries, not how well the search fitted the
 * queries it saw.
 *
 * <p>The search of fold f never asks the scorer about fold f's queries. The held-out scoring of
 * each winner counts in the outcome's evaluations but not in the per-fold search budget.
 */
public final class NestedSearch {
    private NestedSearch() {}

    /**
     * The nested search's answer. A fold the search did not finish (cancelled) has {@code chosen}
     * -1 and its queries' held-out values NaN; a finished fold has both.
     *
     * @param chosen per outer fold, the candidate its inner search chose
     * @param foldOf per query, its outer fold
     * @param heldOut per query, the main measure of the candidate chosen by the search that did not
     *     see this query
     * @param traces per fold reached, its inner search's trace
     * @param evaluations the (candidate, query) pairs scored in all: every inner search's and the
     *     held-out scoring of every winner
     */
    public record Outcome(
            int[] chosen,
            int[] foldOf,
            double[] heldOut,
            List<List<Step>> traces,
            int evaluations) {
        public Outcome {
            traces = List.copyOf(traces);
        }
    }

    /**
     * Runs the nested search.
     *
     * @param candidates how many candidates there are; they are 0..candidates-1 to the scorer
     * @param queries how many queries there are; they are 0..queries-1 to the scorer
     * @param folds how many outer folds (at least 2; at most one per query: more are cut to the
     *     number of queries)
     * @param seed the seed of the folds and of each inner search's shuffle
     * @param perFold the budget of each fold's inner search
     * @param scorer the main measure of a candidate on queries
     * @param cancelled asked before each scorer call; a cancel keeps the folds finished
     * @throws IllegalArgumentException when there are fewer than 2 folds or queries, or the
     *     per-fold budget cannot give every candidate one query in the first round
     * @throws WorkbenchException from the scorer, or cancelled before anything was scored
     */
    public static Outcome run(
            int candidates,
            int queries,
            int folds,
            long seed,
            Budget perFold,
            CandidateScorer scorer,
            BooleanSupplier cancelled)
            throws WorkbenchException {
        if (folds < 2) {
            throw new IllegalArgumentException(
                    "A nested search needs at least 2 outer folds, got " + folds + ".");
        }
        if (queries < 2) {
            throw new IllegalArgumentException(
                    "A nested search needs at least 2 queries (one to choose on, one to score the"
                            + " choice on), got "
                            + queries
                            + ".");
        }
        int k = Math.min(folds, queries);
        int[] foldOf = QueryOrder.folds(queries, k, seed);
        int[] chosen = new int[k];
        Arrays.fill(chosen, -1);
        double[] heldOut = new double[queries];
        Arrays.fill(heldOut, Double.NaN);
        List<List<Step>> traces = new ArrayList<>();
        int evaluations = 0;
        for (int f = 0; f < k; f++) {
            if (f > 0 && cancelled.getAsBoolean()) {
                break;
            }
            Result inner;
            try {
                inner =
                        SuccessiveHalving.run(
                                candidates,
                                members(foldOf, f, false),
                                perFold,
                                QueryOrder.derived(seed, f),
                                scorer,
                                cancelled);
            } catch (WorkbenchException e) {
                if (f > 0 && e.kind() == WorkbenchException.Kind.CANCELLED) {
                    break;
                }
                throw e;
            }
            traces.add(inner.trace());
            evaluations += inner.evaluations();
            if (cancelled.getAsBoolean()) {
                break;
            }
            int[] own = members(foldOf, f, true);
            double[] values = SuccessiveHalving.scored(scorer, inner.best(), own);
            evaluations += own.length;
            chosen[f] = inner.best();
            for (int i = 0; i < own.length; i++) {
                heldOut[own[i]] = values[i];
            }
        }
        return new Outcome(chosen, foldOf, heldOut, traces, evaluations);
    }

    /** The queries in fold f (inside) or in the other folds, ascending. */
    private static int[] members(int[] foldOf, int f, boolean inside) {
        int[] out = new int[foldOf.length];
        int n = 0;
        for (int q = 0; q < foldOf.length; q++) {
            if ((foldOf[q] == f) == inside) {
                out[n++] = q;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
