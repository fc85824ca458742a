package org.taew.core.logic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.taew.core.util.WorkbenchException;

/**
 * The nested estimate never sees its own fold: the search of fold f is never asked about fold f's
 * queries, and each query's held-out value is the measure of the candidate chosen without it.
 */
class NestedSearchTest {
    private static final int ARMS = 12;
    private static final int QUERIES = 203;
    private static final int FOLDS = 5;
    private static final Budget PER_FOLD = new Budget(480, 0);

    /** Candidate 7 is poor (0.3); the others 0.5 … 0.61, so 11 is the best. */
    private static double[] means() {
        double[] m = SyntheticArms.linear(ARMS, 0.5, 0.01);
        m[7] = 0.3;
        return m;
    }

    /**
     * The scorer that leaks: it knows the outer folds, and while fold f's search runs it gives
     * candidate 7 a perfect 1.0 on any query of fold f it is asked about (and notes the leak). The
     * call asking about exactly fold f's queries is the held-out scoring of fold f's winner: it is
     * answered honestly, and the next calls belong to fold f + 1's search.
     */
    private static final class Leaking implements CandidateScorer {
        final SyntheticArms arms = new SyntheticArms(3, means(), 0.1);
        final int[] foldOf;
        final List<String> leaks = new ArrayList<>();
        final List<int[]> heldOutCalls = new ArrayList<>();
        int fold;

        Leaking(int[] foldOf) {
            this.foldOf = foldOf.clone();
        }

        private int[] foldQueries(int f) {
            return IntStream.range(0, foldOf.length).filter(q -> foldOf[q] == f).toArray();
        }

        @Override
        public double[] score(int candidate, int[] queries) {
            double[] v = arms.score(candidate, queries);
            int[] sorted = queries.clone();
            Arrays.sort(sorted);
            if (Arrays.equals(sorted, foldQueries(fold))) {
                heldOutCalls.add(new int[] {fold, candidate});
                fold++;
                return v;
            }
            for (int i = 0; i < queries.length; i++) {
                if (foldOf[queries[i]] == fold) {
                    leaks.add("fold " + fold + " search asked about query " + queries[i]);
                    if (candidate == 7) {
                        v[i] = 1.0;
                    }
                }
            }
            return v;
        }
    }

    private static NestedSearch.Outcome run(long seed, CandidateScorer scorer)
            throws WorkbenchException {
        return NestedSearch.run(ARMS, QUERIES, FOLDS, seed, PER_FOLD, scorer, () -> false);
    }

    @Test
    void theSearchOfAFoldIsNeverAskedAboutItsOwnQueries() throws WorkbenchException {
        int[] foldOf = run(21, new SyntheticArms(3, means(), 0.1)).foldOf();
        Leaking leaking = new Leaking(foldOf);
        NestedSearch.Outcome o = run(21, leaking);

        assertThat(leaking.leaks).isEmpty();
        assertThat(o.foldOf()).isEqualTo(foldOf);
        assertThat(leaking.heldOutCalls).hasSize(FOLDS);
        for (int f = 0; f < FOLDS; f++) {
            assertThat(leaking.heldOutCalls.get(f)).containsExactly(f, o.chosen()[f]);
        }
        assertThat(o.chosen()).doesNotContain(7).hasSize(FOLDS);
        for (int q = 0; q < QUERIES; q++) {
            assertThat(o.heldOut()[q])
                    .as("query %d", q)
                    .isEqualTo(leaking.arms.value(o.chosen()[o.foldOf()[q]], q));
        }
        assertThat(o.traces()).hasSize(FOLDS);
    }

    @Test
    void theFoldsAreBalancedAndEveryQueryIsHeldOutOnce() throws WorkbenchException {
        NestedSearch.Outcome o = run(4, new SyntheticArms(1, means(), 0.1));
        int[] sizes = new int[FOLDS];
        for (int f : o.foldOf()) {
            sizes[f]++;
        }
        assertThat(sizes).containsExactlyInAnyOrder(41, 41, 41, 40, 40);
        assertThat(o.heldOut()).doesNotContain(Double.NaN);
        for (int c : o.chosen()) {
            assertThat(c).isBetween(0, ARMS - 1);
        }
    }

    @Test
    void evaluationsCountEachInnerSearchWithinItsBudgetAndTheHeldOutScoring()
            throws WorkbenchException {
        SyntheticArms arms = new SyntheticArms(2, means(), 0.1);
        NestedSearch.Outcome o = run(5, arms);
        assertThat(o.evaluations()).isEqualTo(arms.pairs());
        int inner = 0;
        for (List<Step> trace : o.traces()) {
            int spent = 0;
            int[] seen = new int[ARMS];
            for (Step s : trace) {
                spent += s.queries() - seen[s.candidate()];
                seen[s.candidate()] = s.queries();
            }
            assertThat(spent).isLessThanOrEqualTo(PER_FOLD.evaluations());
            inner += spent;
        }
        assertThat(o.evaluations()).isEqualTo(inner + QUERIES);
    }

    @Test
    void theSameSeedGivesTheSameOutcome() throws WorkbenchException {
        NestedSearch.Outcome a = run(9, new SyntheticArms(6, means(), 0.1));
        NestedSearch.Outcome b = run(9, new SyntheticArms(6, means(), 0.1));
        NestedSearch.Outcome c = run(10, new SyntheticArms(6, means(), 0.1));
        assertThat(b.chosen()).isEqualTo(a.chosen());
        assertThat(b.foldOf()).isEqualTo(a.foldOf());
        assertThat(b.heldOut()).isEqualTo(a.heldOut());
        assertThat(b.traces()).isEqualTo(a.traces());
        assertThat(b.evaluations()).isEqualTo(a.evaluations());
        assertThat(c.foldOf()).isNotEqualTo(a.foldOf());
    }

    @Test
    void cancelKeepsTheFinishedFoldsAndWhatTheInterruptedSearchScored() throws WorkbenchException {
        SyntheticArms arms = new SyntheticArms(8, means(), 0.1);
        boolean[] flag = {false};
        int[] calls = {0};
        // fold 0: a search of 12 + 6 + 3 + 2 calls and one held-out call; stop 5 calls into fold 1
        CandidateScorer scorer =
                (c, q) -> {
                    double[] v = arms.score(c, q);
                    flag[0] = ++calls[0] == 24 + 5;
                    return v;
                };
        NestedSearch.Outcome o =
                NestedSearch.run(ARMS, QUERIES, FOLDS, 1, PER_FOLD, scorer, () -> flag[0]);
        assertThat(arms.calls).hasSize(29);
        assertThat(o.chosen()).containsExactly(o.chosen()[0], -1, -1, -1, -1);
        assertThat(o.chosen()[0]).isBetween(0, ARMS - 1);
        assertThat(o.traces()).hasSize(2);
        assertThat(o.traces().get(1)).hasSize(5);
        assertThat(o.evaluations()).isEqualTo(arms.pairs());
        for (int q = 0; q < QUERIES; q++) {
            assertThat(Double.isNaN(o.heldOut()[q])).isEqualTo(o.foldOf()[q] != 0);
        }
    }

    @Test
    void fewerThanTwoFoldsOrQueriesAreRefused() {
        SyntheticArms arms = new SyntheticArms(1, means(), 0.1);
        assertThatThrownBy(() -> NestedSearch.run(ARMS, 10, 1, 1, PER_FOLD, arms, () -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A nested search needs at least 2 outer folds, got 1.");
        assertThatThrownBy(() -> NestedSearch.run(ARMS, 1, 5, 1, PER_FOLD, arms, () -> false))
                .hasMessageContaining("at least 2 queries");
        assertThat(arms.calls).isEmpty();
    }
}
