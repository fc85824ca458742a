package org.taew.core.logic.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.model.MetricId;
import org.taew.core.model.Qrels;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;

/**
 * Evaluates a run against judgments. Only queries with at least one relevant judgment are averaged
 * (as trec_eval, pytrec_eval and MTEB do); the others are listed in {@link QueryScores#dropped()}
 * so that a report can say how many were left out and why.
 */
public final class RetrievalEvaluator {
    private RetrievalEvaluator() {}

    /**
     * Scores every query that has a relevant judgment, and lists the others as dropped.
     *
     * @param queryIds every query of the dataset, in order
     */
    public static QueryScores evaluate(
            List<String> queryIds, Run run, Qrels qrels, List<MetricId> metrics) {
        List<String> kept = new ArrayList<>();
        List<QueryScores.DroppedQuery> dropped = new ArrayList<>();
        for (String q : queryIds) {
            Map<String, Integer> judged = qrels.of(q);
            if (judged.isEmpty()) {
                dropped.add(new QueryScores.DroppedQuery(q, "no judgments"));
            } else if (RankingMetrics.relevantCount(judged) == 0) {
                dropped.add(new QueryScores.DroppedQuery(q, "no document judged relevant"));
            } else {
                kept.add(q);
            }
        }
        Map<MetricId, double[]> values = new LinkedHashMap<>();
        for (MetricId m : metrics) {
            values.put(m, new double[kept.size()]);
        }
        for (int i = 0; i < kept.size(); i++) {
            String q = kept.get(i);
            List<ScoredDoc> ranked = run.of(q);
            List<String> ids = new ArrayList<>(ranked.size());
            for (ScoredDoc d : ranked) {
                ids.add(d.docId());
            }
            for (MetricId m : metrics) {
                values.get(m)[i] = RankingMetrics.compute(m, ids, qrels.of(q));
            }
        }
        return new QueryScores(List.copyOf(kept), values, List.copyOf(dropped));
    }
}
