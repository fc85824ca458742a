package org.taew.core.logic.search;

/**
 * One line of a search trace.
 *
 * @param round the halving round, from 1
 * @param candidate the candidate's index
 * @param queries how many queries the candidate has been scored on so far (cumulative over rounds)
 * @param mean its mean main measure over those queries
 * @param kept whether it went on to the next round; the winner's last line is kept as well
 */
public record Step(int round, int candidate, int queries, double mean, boolean kept) {}
