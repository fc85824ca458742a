package org.taew.core.logic.lexical;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;

/**
 * Hybrid runs: a lexical run fused with a dense one, per query. Reciprocal rank fusion (Cormack et
 * al. 2009; k = 60 as there and in Elasticsearch and OpenSearch) sums {@code 1 / (k + rank)} over
 * the runs that retrieved a document, each run ranked in trec_eval's order; a convex combination
 * sums {@code w · lexical + (1 − w) · dense} of scores min-max normalised per query and run (all
 * equal scores normalise to 1; a document a run did not retrieve counts 0 there). The fused run is
 * in trec_eval's order, ties broken as trec_eval breaks them.
 */
public final class Fusion {
    /** The constant of reciprocal rank fusion. */
    public static final int RRF_K = 60;

    /** How two runs are fused. */
    public enum Method {
        /** Reciprocal rank fusion. */
        RRF("rrf"),
        /** A convex combination of min-max normalised scores. */
        CONVEX("convex");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The method named {@code rrf} or {@code convex}, or null. */
        public static Method find(String name) {
            for (Method m : values()) {
                if (m.label.equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
            return null;
        }
    }

    private Fusion() {}

    /** Reciprocal rank fusion of {@code a} and {@code b}, the top {@code depth} per query. */
    public static Run reciprocalRank(Run a, Run b, int k, int depth) {
        Map<String, List<ScoredDoc>> out = new LinkedHashMap<>();
        for (String q : queries(a, b)) {
            Map<String, Double> fused = new HashMap<>();
            for (Run r : List.of(a, b)) {
                List<ScoredDoc> ranked = ranked(r.of(q));
                for (int i = 0; i < ranked.size(); i++) {
                    fused.merge(ranked.get(i).docId(), 1.0 / (k + i + 1), Double::sum);
                }
            }
            out.put(q, top(fused, depth));
        }
        return new Run(out);
    }

    /**
     * The convex combination {@code lexicalWeight · lexical + (1 − lexicalWeight) · dense} of
     * min-max normalised scores, the top {@code depth} per query.
     */
    public static Run convex(Run lexical, Run dense, double lexicalWeight, int depth) {
        if (!(lexicalWeight >= 0 && lexicalWeight <= 1)) {
            throw new IllegalArgumentException(
                    "the lexical weight is between 0 and 1, not " + lexicalWeight);
        }
        Map<String, List<ScoredDoc>> out = new LinkedHashMap<>();
        for (String q : queries(lexical, dense)) {
            Map<String, Double> fused = new HashMap<>();
            add(fused, lexical.of(q), lexicalWeight);
            add(fused, dense.of(q), 1 - lexicalWeight);
            out.put(q, top(fused, depth));
        }
        return new Run(out);
    }

    private static void add(Map<String, Double> fused, List<ScoredDoc> docs, double weight) {
        if (docs.isEmpty()) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ScoredDoc d : docs) {
            min = Math.min(min, d.score());
            max = Math.max(max, d.score());
        }
        for (ScoredDoc d : docs) {
            double norm = max > min ? (d.score() - min) / (max - min) : 1.0;
            fused.merge(d.docId(), weight * norm, Double::sum);
        }
    }

    private static Set<String> queries(Run a, Run b) {
        Set<String> q = new LinkedHashSet<>(a.rankings().keySet());
        q.addAll(b.rankings().keySet());
        return q;
    }

    private static List<ScoredDoc> ranked(List<ScoredDoc> docs) {
        List<ScoredDoc> r = new ArrayList<>(docs);
        r.sort(ScoredDoc.TREC_ORDER);
        return r;
    }

    private static List<ScoredDoc> top(Map<String, Double> fused, int depth) {
        List<ScoredDoc> out = new ArrayList<>(fused.size());
        fused.forEach((id, s) -> out.add(new ScoredDoc(id, (float) (double) s)));
        out.sort(ScoredDoc.TREC_ORDER);
        return out.size() > depth ? List.copyOf(out.subList(0, depth)) : out;
    }
}
