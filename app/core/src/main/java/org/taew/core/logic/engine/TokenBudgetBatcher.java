package org.taew.core.logic.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The encoder's batchifier: sorts texts by token length and packs neighbours into batches whose
 * padded size (longest text × rows) stays under a token budget, since padding to the longest text
 * of an unsorted batch can cost ten times the useful work.
 */
final class TokenBudgetBatcher {
    private TokenBudgetBatcher() {}

    /**
     * The texts in length order ({@code order} indexes the inputs) and the batches, each {@code
     * [from, to)} over that order, shortest first.
     */
    record Plan(Integer[] order, List<int[]> batches) {}

    /**
     * @param lengths each text's number of tokens
     * @param maxBatchSize the most texts in a batch
     * @param tokenBudget the most padded tokens in a batch (a longer single text gets its own)
     */
    static Plan plan(int[] lengths, int maxBatchSize, int tokenBudget) {
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(lengths[a], lengths[b]));
        List<int[]> batches = new ArrayList<>();
        int i = 0;
        while (i < order.length) {
            int j = i;
            int longest = 0;
            while (j < order.length && j - i < maxBatchSize) {
                int len = lengths[order[j]];
                int padded = Math.max(longest, len) * (j - i + 1);
                if (j > i && padded > tokenBudget) {
                    break;
                }
                longest = Math.max(longest, len);
                j++;
            }
            batches.add(new int[] {i, j});
            i = j;
        }
        return new Plan(order, batches);
    }
}
