package org.taew.core.logic.experiments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search's choice as the leaderboard states every choice ({@link VariantSelection.Outcome}): the
 * wording chosen, and per evaluated query what choosing scored on queries the search never saw.
 */
final class SearchSelection {
    private SearchSelection() {}

    /**
     * @param chosen the wording the search chose on every searched query (the dev split's, or the
     *     final search's): the one to adopt, which the recommendation names
     * @param foldChoices each outer fold's choice, or null when the search ran on the dev split
     * @param heldOut per query id, the main measure of the wording chosen without that query
     *     (nested folds), or null when the search ran on the dev split (then the chosen wording's
     *     scores on the scored split are the held-out values)
     */
    static VariantSelection.Outcome outcome(
            String method,
            List<ExperimentSpec.Variant> variants,
            List<String> queryIds,
            List<double[]> perQuery,
            String chosen,
            List<String> foldChoices,
            Map<String, Double> heldOut) {
        int inSample = 0;
        for (int v = 1; v < variants.size(); v++) {
            if (LeaderboardStatistics.mean(perQuery.get(v))
                    > LeaderboardStatistics.mean(perQuery.get(inSample)) + 1e-12) {
                inSample = v;
            }
        }
        double[] values;
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (heldOut == null) {
            values = perQuery.get(index(variants, chosen));
            counts.put(chosen, 1);
        } else {
            values = new double[queryIds.size()];
            for (int i = 0; i < values.length; i++) {
                Double v = heldOut.get(queryIds.get(i));
                if (v == null) {
                    throw new IllegalStateException(
                            "the search did not score query " + queryIds.get(i));
                }
                values[i] = v;
            }
            foldChoices.forEach(f -> counts.merge(f, 1, Integer::sum));
        }
        return new VariantSelection.Outcome(
                new ExperimentResult.Selection(
                        method,
                        variants.get(inSample).name(),
                        LeaderboardStatistics.mean(perQuery.get(inSample)),
                        chosen,
                        LeaderboardStatistics.mean(values),
                        counts),
                values);
    }

    private static int index(List<ExperimentSpec.Variant> variants, String name) {
        for (int i = 0; i < variants.size(); i++) {
            if (variants.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no variant " + name);
    }
}
