package org.taew.core.logic.search;

import org.taew.core.util.WorkbenchException;

/**
 * What a search asks of the outside world: the main measure of one candidate on some queries. The
 * search knows nothing of models or encodings; the caller's scorer encodes the candidate's wording
 * and ranks.
 */
@FunctionalInterface
public interface CandidateScorer {
    /**
     * The main measure (for example nDCG@10, in [0, 1]) of candidate {@code candidate} on each of
     * the given query indices (indices into the dataset's evaluated queries), in the order given.
     * The returned array has one finite value per query.
     */
    double[] score(int candidate, int[] queries) throws WorkbenchException;
}
