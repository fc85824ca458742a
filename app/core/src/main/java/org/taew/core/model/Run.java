package org.taew.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A retrieval run: for each query id, its ranked documents in {@link ScoredDoc#TREC_ORDER}. */
public record Run(Map<String, List<ScoredDoc>> rankings) {
    public Run {
        Map<String, List<ScoredDoc>> copy = new LinkedHashMap<>();
        rankings.forEach((q, docs) -> copy.put(q, List.copyOf(docs)));
        rankings = Collections.unmodifiableMap(copy);
    }

    public List<ScoredDoc> of(String queryId) {
        return rankings.getOrDefault(queryId, List.of());
    }
}
