package org.taew.core.logic.search;

/**
 * How much a search may spend.
 *
 * @param evaluations the most (candidate, query) pairs the search may score in all
 * @param rounds the most halving rounds; 0 means as many as halving needs to leave one candidate,
 *     {@code ceil(log2(candidates))}
 */
public record Budget(int evaluations, int rounds) {
    public Budget {
        if (evaluations < 1) {
            throw new IllegalArgumentException(
                    "A search budget needs at least 1 evaluation (a candidate scored on a query),"
                            + " got "
                            + evaluations
                            + ".");
        }
        if (rounds < 0) {
            throw new IllegalArgumentException(
                    "The number of search rounds must be 0 (as many as halving needs) or more, got "
                            + rounds
                            + ".");
        }
    }
}
