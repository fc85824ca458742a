package org.taew.core.logic.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.model.ScoredDoc;

/** Made-up runs for the history's tests. */
final class Runs {
    private Runs() {}

    /**
     * A run over queries q1..qN whose nDCG@10 per query is {@code values}, P@10 half of it, and
     * whose top documents are d1..d3 in the given order for every query.
     */
    static RunRecord run(String label, String queryTemplate, double[] values, String... top) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            queries.add("q" + (i + 1));
        }
        return run(label, queryTemplate, "fp-1", queries, values, top);
    }

    static RunRecord run(
            String label,
            String queryTemplate,
            String fingerprint,
            List<String> queries,
            double[] values,
            String... top) {
        double[] half = new double[values.length];
        double ndcg = 0;
        double p = 0;
        for (int i = 0; i < values.length; i++) {
            half[i] = values[i] / 2;
            ndcg += values[i];
            p += half[i];
        }
        Map<String, Double> means = new LinkedHashMap<>();
        means.put("ndcg_cut.10", ndcg / values.length);
        means.put("P.10", p / values.length);
        Map<String, double[]> perQuery = new LinkedHashMap<>();
        perQuery.put("ndcg_cut.10", values);
        perQuery.put("P.10", half);
        Map<String, List<ScoredDoc>> ranked = new LinkedHashMap<>();
        for (String q : queries) {
            List<ScoredDoc> docs = new ArrayList<>();
            for (int i = 0; i < top.length; i++) {
                docs.add(new ScoredDoc(top[i], 0.9f - i * 0.1f));
            }
            ranked.put(q, docs);
        }
        return RunRecord.of(
                new RunRecord.Origin(RunRecord.Origin.EVAL, label, null),
                new RunRecord.Data(
                        "mini", "/data/mini", "test", fingerprint, queries.size(), 3, "retrieval"),
                new RunRecord.Model("m", "0123456789abcdef0123", "OnnxRuntime on CPU", "test"),
                new RunRecord.Templates(queryTemplate, "{text}", false),
                new RunRecord.Settings("ndcg_cut.10", 100, false),
                new RunRecord.Scores(means, queries, perQuery, ranked));
    }
}
