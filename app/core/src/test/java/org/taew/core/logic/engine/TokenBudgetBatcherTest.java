package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBudgetBatcherTest {
    @Test
    void textsAreSortedByLengthAndPackedUnderThePaddedTokenBudget() {
        TokenBudgetBatcher.Plan plan = TokenBudgetBatcher.plan(new int[] {5, 1, 3, 8, 2}, 10, 10);
        assertThat(plan.order()).containsExactly(1, 4, 2, 0, 3);
        // 1, 2, 3 pad to 3 × 3 = 9; adding 5 would pad to 5 × 4 = 20; 8 alone is over, and alone
        assertThat(plan.batches())
                .containsExactly(new int[] {0, 3}, new int[] {3, 4}, new int[] {4, 5});
    }

    @Test
    void aBatchHoldsAtMostMaxBatchSizeTextsAndEqualLengthsKeepTheirOrder() {
        TokenBudgetBatcher.Plan plan = TokenBudgetBatcher.plan(new int[] {2, 2, 2}, 2, 1000);
        assertThat(plan.order()).containsExactly(0, 1, 2);
        assertThat(plan.batches()).containsExactly(new int[] {0, 2}, new int[] {2, 3});
        assertThat(TokenBudgetBatcher.plan(new int[0], 2, 1000).batches()).isEmpty();
    }
}
