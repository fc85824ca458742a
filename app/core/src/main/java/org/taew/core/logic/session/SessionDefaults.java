package org.taew.core.logic.session;

import java.util.ArrayList;
import java.util.List;
import org.taew.core.model.MetricId;

/**
 * The defaults both front ends share, written once (docs/formats.md, "Sessions"): what is evaluated
 * when the user names nothing.
 */
public final class SessionDefaults {
    /** The dataset when none is named. (The model is the first bundled one: ModelCatalog.) */
    public static final String DATASET = "helpdesk-mini";

    /** The task of a retrieval dataset whose dataset.yaml names none. */
    public static final String RETRIEVAL_TASK = "retrieval";

    /** The task of an STS pair file. */
    public static final String STS_TASK = "similarity";

    /** The measures of an evaluation, by name (a constant, so options can show it). */
    public static final String METRICS = "ndcg_cut.10,map_cut.10,RR@10,recall.10,recall.100,P.10";

    /** The measure that decides per-query wins and losses. */
    public static final String MAIN_METRIC = "ndcg_cut.10";

    /** The second figure Anserini's BEIR regressions publish for BM25 (R@100). */
    public static final String RECALL_100 = "recall.100";

    /** Documents kept per query in every ranking (and run file). */
    public static final int DEPTH = 100;

    /** The cut-offs the desktop offers, and the one it starts with. */
    public static final List<Integer> CUTOFFS = List.of(1, 3, 5, 10, 20, 50, 100);

    public static final int CUTOFF = 10;

    private SessionDefaults() {}

    /** {@link #METRICS}, parsed. */
    public static List<MetricId> metrics() {
        List<MetricId> m = new ArrayList<>();
        for (String name : METRICS.split(",")) {
            m.add(MetricId.parse(name));
        }
        return m;
    }

    /** The main measure at a cut-off: nDCG@k. */
    public static MetricId mainMetric(int k) {
        return new MetricId(MetricId.Kind.NDCG_CUT, k);
    }
}
