package org.taew.core.logic.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.taew.core.util.WorkbenchException;

/**
 * Budgeted search over candidates by successive halving (Karnin, Koren and Somekh 2013, "Almost
 * optimal exploration in multi-armed bandits"; Jamieson and Talwalkar 2016, "Non-stochastic best
 * arm identification and hyperparameter optimization").
 *
 * <p><b>Why successive halving.</b> Searching wordings is a best-arm problem with a fixed budget:
 * every (candidate, query) pair costs an encode, the user states how many the search may spend, and
 * nothing is known beforehand about which wording is good (no prior on the arm means, so no
 * Bayesian scheme has anything to start from). Per-query scores are noisy — one query's nDCG says
 * little about a wording — so a candidate must be judged on many queries, but most candidates are
 * clearly worse after a few. Halving spends few queries on every candidate, drops the worse half,
 * and gives the survivors more queries each round, so most of the budget goes to the contenders,
 * where the differences are small and the noise matters. It needs no tuning beyond the budget and
 * the number of rounds, is deterministic for a seed, and its guarantee (the best arm is found with
 * high probability once the budget exceeds the problem's difficulty up to a log factor) holds
 * without assumptions on the score distribution beyond being bounded.
 *
 * <p><b>Budget accounting.</b> The queries are shuffled once by the seed; every candidate is scored
 * on a prefix of that one order, so candidates in a round are compared on the same queries and a
 * query scored in an earlier round is never scored again (the scorer is asked only about the new
 * slice). With {@code R} rounds — the budget's rounds, or {@code ceil(log2(candidates))} when it
 * says 0 or more than halving needs — each round may spend {@code floor(evaluations / R)}. A round
 * gives each of its {@code s} survivors {@code floor(roundBudget / s)} new queries, the next slice
 * of the order after the prefix the survivors share (Jamieson and Talwalkar's "r_k additional
 * pulls"), but never past the last query; so a round spends at most its share and the search at
 * most the budget. What a round leaves unspent (the rounding, or queries run out) is not carried
 * over. The refusal of a budget whose share cannot give each candidate one query in round 1 keeps
 * every later round at one or more, since survivors only get fewer. After each round the better
 * half, {@code ceil(s / 2)} by mean (ties to the lower index), goes on; after the last round the
 * best by mean wins. The evaluations reported are the pairs actually scored.
 *
 * <p><b>Cancel</b> is checked before each scorer call. Once something has been scored, a cancel
 * returns the best so far among the candidates still in the running that have been scored (by mean
 * over what each was scored on) with the trace so far: the interrupted round has lines for the
 * candidates it reached, and only the returned best is marked kept. A cancel before the first call
 * has nothing to keep and throws {@link WorkbenchException#cancelled()}.
 */
public final class SuccessiveHalving {
    private SuccessiveHalving() {}

    /**
     * Runs the search.
     *
     * @param candidates how many candidates there are; they are 0..candidates-1 to the scorer
     * @param queries the query indices the search may score on (no repeats)
     * @param budget the most evaluations and rounds
     * @param seed the seed of the one shuffle of the queries
     * @param scorer the main measure of a candidate on queries
     * @param cancelled asked before each scorer call
     * @throws IllegalArgumentException when the budget cannot give every candidate one query in the
     *     first round (the message says how many evaluations that needs), or the inputs are empty
     * @throws WorkbenchException from the scorer, or cancelled before anything was scored
     */
    public static Result run(
            int candidates,
            int[] queries,
            Budget budget,
            long seed,
            CandidateScorer scorer,
            BooleanSupplier cancelled)
            throws WorkbenchException {
        if (candidates < 1) {
            throw new IllegalArgumentException(
                    "A search needs at least 1 candidate, got " + candidates + ".");
        }
        requireDistinct(queries);
        int needed = Math.max(1, ceilLog2(candidates));
        int rounds = budget.rounds() == 0 ? needed : Math.min(budget.rounds(), needed);
        int perRound = budget.evaluations() / rounds;
        if (perRound < candidates) {
            throw new IllegalArgumentException(
                    "A budget of "
                            + budget.evaluations()
                            + " evaluations over "
                            + rounds
                            + (rounds == 1 ? " round" : " rounds")
                            + " gives round 1 only "
                            + perRound
                            + ", but round 1 needs "
                            + candidates
                            + " evaluations (one query for each of "
                            + candidates
                            + " candidates): raise the budget to at least "
                            + (long) candidates * rounds
                            + (rounds > 1 ? " or use fewer rounds." : "."));
        }
        Race race = new Race(candidates, QueryOrder.shuffled(queries, seed), scorer, cancelled);
        return race.run(rounds, perRound);
    }

    /** The scorer's values for a candidate on queries, checked to be one finite value per query. */
    static double[] scored(CandidateScorer scorer, int candidate, int[] queries)
            throws WorkbenchException {
        double[] values = scorer.score(candidate, queries);
        if (values == null || values.length != queries.length) {
            throw new IllegalStateException(
                    "The scorer returned "
                            + (values == null ? "nothing" : values.length + " values")
                            + " for candidate "
                            + candidate
                            + " on "
                            + queries.length
                            + " queries; it must return one value per query.");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalStateException(
                        "The scorer returned "
                                + values[i]
                                + " for candidate "
                                + candidate
                                + " on query "
                                + queries[i]
                                + "; a search needs a finite measure per query.");
            }
        }
        return values;
    }

    private static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    private static void requireDistinct(int[] queries) {
        if (queries.length == 0) {
            throw new IllegalArgumentException("A search needs at least 1 query to score on.");
        }
        Set<Integer> seen = new HashSet<>();
        for (int q : queries) {
            if (!seen.add(q)) {
                throw new IllegalArgumentException(
                        "Query " + q + " is given twice; a search scores each query once.");
            }
        }
    }

    /** The mutable state of one search: what each candidate has been scored on so far. */
    private static final class Race {
        private final int[] order;
        private final CandidateScorer scorer;
        private final BooleanSupplier cancelled;
        private final double[] sum;
        private final int[] seen;
        private final List<Step> trace = new ArrayList<>();
        private int evaluations;

        Race(int candidates, int[] order, CandidateScorer scorer, BooleanSupplier cancelled) {
            this.order = order;
            this.scorer = scorer;
            this.cancelled = cancelled;
            this.sum = new double[candidates];
            this.seen = new int[candidates];
        }

        Result run(int rounds, int perRound) throws WorkbenchException {
            Integer[] alive = new Integer[sum.length];
            Arrays.setAll(alive, i -> i);
            int prefix = 0;
            for (int round = 1; ; round++) {
                // every survivor has been scored on the same prefix; the round adds its share
                int quota = Math.min(order.length, prefix + perRound / alive.length);
                prefix = quota;
                List<Integer> done = new ArrayList<>();
                for (int c : alive) {
                    if (seen[c] < quota) {
                        if (cancelled.getAsBoolean()) {
                            if (evaluations == 0) {
                                throw WorkbenchException.cancelled();
                            }
                            return stopped(alive, round, done);
                        }
                        extend(c, quota);
                    }
                    done.add(c);
                }
                Arrays.sort(alive, this::better);
                int keep = round == rounds ? 1 : (alive.length + 1) / 2;
                Set<Integer> kept = new HashSet<>(Arrays.asList(alive).subList(0, keep));
                for (int c : done) {
                    trace.add(new Step(round, c, seen[c], mean(c), kept.contains(c)));
                }
                alive = Arrays.copyOf(alive, keep);
                Arrays.sort(alive); // the next round asks in index order
                if (keep == 1) {
                    return new Result(alive[0], trace, evaluations);
                }
            }
        }

        /** Scores candidate c on the queries of the order it has not seen, up to the quota. */
        private void extend(int c, int quota) throws WorkbenchException {
            int[] slice = Arrays.copyOfRange(order, seen[c], quota);
            for (double v : scored(scorer, c, slice)) {
                sum[c] += v;
            }
            seen[c] = quota;
            evaluations += slice.length;
        }

        /**
         * The result of a cancelled round: the best scored contender, the trace so far with the
         * lines of the candidates the round had reached.
         */
        private Result stopped(Integer[] alive, int round, List<Integer> done) {
            int best = -1;
            for (int c : alive) {
                if (seen[c] > 0 && (best < 0 || better(c, best) < 0)) {
                    best = c;
                }
            }
            for (int c : done) {
                trace.add(new Step(round, c, seen[c], mean(c), c == best));
            }
            return new Result(best, trace, evaluations);
        }

        private double mean(int c) {
            return seen[c] == 0 ? Double.NaN : sum[c] / seen[c];
        }

        /** Negative when a ranks before b: the higher mean, ties to the lower index. */
        private int better(int a, int b) {
            int byMean = Double.compare(mean(b), mean(a));
            return byMean != 0 ? byMean : Integer.compare(a, b);
        }
    }
}
