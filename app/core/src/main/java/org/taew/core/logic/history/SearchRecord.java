package org.taew.core.logic.history;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * An instruction search as the run history keeps it (docs/formats.md, "Run history"): the data it
 * searched, the model, what it spent, the wording it chose and the recommendation judged on
 * held-out queries, and every scoring step — which wording, in which search and round, on how many
 * queries, how it scored and whether it went on. A step scores a wording on some of the queries
 * only, so steps are kept here and not as runs (a run is one arm evaluated on every query).
 *
 * @param id the history's id, 0 before it is recorded
 * @param data the split searched (the dev split when there is one)
 */
public record SearchRecord(
        long id, Instant created, RunRecord.Data data, RunRecord.Model model, Trace trace) {

    /**
     * What the search did and found.
     *
     * @param experiment the experiment file's name
     * @param measure the measure searched on
     * @param chosen the wording chosen (the final search's)
     * @param recommendation the experiment's recommendation, one sentence
     * @param steps every scoring step, in order
     */
    public record Trace(
            String experiment,
            String measure,
            Spent spent,
            String chosen,
            String recommendation,
            List<Step> steps) {
        public Trace {
            steps = List.copyOf(steps);
        }

        /** The same trace with other steps. */
        Trace withSteps(List<Step> other) {
            return new Trace(experiment, measure, spent, chosen, recommendation, other);
        }

        /** How many searches ran (the outer folds' and the final one, or one on a dev split). */
        public int searches() {
            return (int) steps.stream().mapToInt(Step::fold).distinct().count();
        }
    }

    /**
     * What the search spent.
     *
     * @param method how the wording was chosen and estimated, in words
     * @param proposed wordings proposed (the file's own variants included)
     * @param leftOut document-side wordings left out by the budget of corpus passes
     * @param budget the (wording, query) evaluations each search could spend
     * @param evaluations the evaluations spent, all searches together
     * @param encoded texts the model encoded (the cache served the rest)
     * @param seconds the searches' wall time
     * @param encodingSeconds the part of it spent encoding
     */
    public record Spent(
            String method,
            int proposed,
            int leftOut,
            int budget,
            int evaluations,
            int encoded,
            double seconds,
            double encodingSeconds) {}

    /**
     * One scoring step: in {@code round} of the search for {@code fold} (0: the final search on
     * every query, else the outer fold held out), a wording scored on its first {@code queries}
     * queries.
     *
     * @param origin where the wording came from (the grammar, the dataset's terms, an edit of the
     *     draft, the experiment file)
     * @param mean its mean on those queries (NaN when undefined)
     * @param kept whether it went on to the next round (the winner's last step: true)
     */
    public record Step(
            int fold,
            int round,
            String wording,
            String origin,
            RunRecord.Templates templates,
            int queries,
            double mean,
            boolean kept) {
        /**
         * The order the front ends show steps in: search by search (the final one first), round by
         * round, each round best first (an undefined mean last).
         */
        public static final Comparator<Step> SHOWN =
                Comparator.comparingInt(Step::fold)
                        .thenComparingInt(Step::round)
                        .thenComparingDouble(
                                s -> Double.isNaN(s.mean()) ? Double.POSITIVE_INFINITY : -s.mean());
    }
}
