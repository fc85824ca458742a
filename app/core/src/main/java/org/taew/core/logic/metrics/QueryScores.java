package org.taew.core.logic.metrics;

import java.util.List;
import java.util.Map;
import org.taew.core.model.MetricId;

/**
 * Per-query values of each measure, over the queries that count (those with at least one relevant
 * judgment), and the queries left out of the means with the reason.
 *
 * @param queryIds the evaluated queries, in dataset order
 * @param values for each measure, one value per entry of {@code queryIds}
 * @param dropped queries not averaged, and why
 */
public record QueryScores(
        List<String> queryIds, Map<MetricId, double[]> values, List<DroppedQuery> dropped) {

    /** A query left out of the means. */
    public record DroppedQuery(String queryId, String reason) {}

    public double[] of(MetricId metric) {
        double[] v = values.get(metric);
        if (v == null) {
            throw new IllegalArgumentException(metric + " was not computed");
        }
        return v;
    }

    public double mean(MetricId metric) {
        double[] v = of(metric);
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
