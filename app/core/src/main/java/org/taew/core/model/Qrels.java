package org.taew.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgments: query id → (document id → grade). A grade ≥ 1 is relevant, a judged 0 is
 * non-relevant (trec_eval). Iteration order is the order the judgments were read.
 */
public final class Qrels {
    private final Map<String, Map<String, Integer>> judgments;

    public Qrels(Map<String, Map<String, Integer>> judgments) {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        judgments.forEach(
                (q, docs) -> copy.put(q, Collections.unmodifiableMap(new LinkedHashMap<>(docs))));
        this.judgments = Collections.unmodifiableMap(copy);
    }

    /** The judgments of one query; empty if it has none. */
    public Map<String, Integer> of(String queryId) {
        return judgments.getOrDefault(queryId, Map.of());
    }

    /** Number of documents judged relevant (grade ≥ 1) for the query. */
    public int relevantCount(String queryId) {
        int n = 0;
        for (int grade : of(queryId).values()) {
            if (grade >= 1) {
                n++;
            }
        }
        return n;
    }

    public Set<String> queryIds() {
        return judgments.keySet();
    }

    public Map<String, Map<String, Integer>> asMap() {
        return judgments;
    }

    /** Total number of (query, document) judgments. */
    public int size() {
        int n = 0;
        for (Map<String, Integer> docs : judgments.values()) {
            n += docs.size();
        }
        return n;
    }
}
