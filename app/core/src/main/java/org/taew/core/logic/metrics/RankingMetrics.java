package org.taew.core.logic.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.taew.core.model.MetricId;

/**
 * Retrieval measures as trec_eval 10.0 computes them, as pure functions of one query's ranking and
 * judgments.
 *
 * <p>The ranking must already be in trec_eval order (score descending, then document id
 * descending). A grade ≥ 1 is relevant; the gain of nDCG is the grade itself (linear) and the ideal
 * ranking is built from all judged relevant documents, retrieved or not, cut at k like the run.
 * MAP@k divides by all relevant documents R (trec_eval {@code map_cut}), not by min(k, R). {@code
 * RR@k} is the reciprocal rank of the first relevant document within k ({@code trec_eval -M k -m
 * recip_rank}); {@code recip_rank} looks at the whole ranking, as trec_eval does at the run's
 * depth.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    public static double compute(
            MetricId metric, List<String> ranking, Map<String, Integer> judged) {
        int k = metric.k();
        return switch (metric.kind()) {
            case NDCG_CUT -> ndcgCut(ranking, judged, k);
            case MAP_CUT -> mapCut(ranking, judged, k);
            case RR_CUT -> recipRankCut(ranking, judged, k);
            case RECIP_RANK -> recipRankCut(ranking, judged, ranking.size());
            case RECALL -> recall(ranking, judged, k);
            case P -> precision(ranking, judged, k);
        };
    }

    static int grade(Map<String, Integer> judged, String docId) {
        Integer g = judged.get(docId);
        return g == null ? 0 : g;
    }

    static int relevantCount(Map<String, Integer> judged) {
        int r = 0;
        for (int g : judged.values()) {
            if (g >= 1) {
                r++;
            }
        }
        return r;
    }

    private static double discount(int rank) {
        return Math.log(rank + 1) / Math.log(2);
    }

    public static double ndcgCut(List<String> ranking, Map<String, Integer> judged, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            int g = grade(judged, ranking.get(i));
            if (g > 0) {
                dcg += g / discount(i + 1);
            }
        }
        List<Integer> gains = new ArrayList<>();
        for (int g : judged.values()) {
            if (g > 0) {
                gains.add(g);
            }
        }
        gains.sort(Comparator.reverseOrder());
        double idcg = 0;
        for (int i = 0; i < Math.min(k, gains.size()); i++) {
            idcg += gains.get(i) / discount(i + 1);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    public static double mapCut(List<String> ranking, Map<String, Integer> judged, int k) {
        int r = relevantCount(judged);
        if (r == 0) {
            return 0;
        }
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (grade(judged, ranking.get(i)) >= 1) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / r;
    }

    public static double recipRankCut(List<String> ranking, Map<String, Integer> judged, int k) {
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (grade(judged, ranking.get(i)) >= 1) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    public static double recall(List<String> ranking, Map<String, Integer> judged, int k) {
        int r = relevantCount(judged);
        return r == 0 ? 0 : (double) hitsAt(ranking, judged, k) / r;
    }

    public static double precision(List<String> ranking, Map<String, Integer> judged, int k) {
        return (double) hitsAt(ranking, judged, k) / k;
    }

    private static int hitsAt(List<String> ranking, Map<String, Integer> judged, int k) {
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (grade(judged, ranking.get(i)) >= 1) {
                hits++;
            }
        }
        return hits;
    }
}
