package org.taew.core.logic.search;

import java.util.List;

/**
 * What a budgeted search found.
 *
 * @param best the index of the chosen candidate
 * @param trace what was tried, in which round and how it scored, in the order it happened
 * @param evaluations the (candidate, query) pairs actually scored; never more than the budget
 */
public record Result(int best, List<Step> trace, int evaluations) {
    public Result {
        trace = List.copyOf(trace);
    }
}
