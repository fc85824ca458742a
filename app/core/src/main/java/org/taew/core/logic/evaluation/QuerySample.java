package org.taew.core.logic.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TextItem;

/** How the heatmaps and the map sample a large dataset's queries, and look texts up by id. */
final class QuerySample {
    private QuerySample() {}

    /**
     * At most {@code max} queries, evenly spaced through those with judgments (dataset order kept);
     * all of them when there are no more than {@code max}.
     */
    static List<TextItem> judged(RetrievalDataset ds, int max) {
        List<TextItem> judged = new ArrayList<>();
        for (TextItem q : ds.queries()) {
            if (!ds.qrels().of(q.id()).isEmpty()) {
                judged.add(q);
            }
        }
        List<TextItem> rows = new ArrayList<>();
        int n = judged.size();
        int take = Math.min(max, n);
        for (int i = 0; i < take; i++) {
            rows.add(judged.get((int) ((long) i * n / take)));
        }
        return rows;
    }

    /** Each text's position by id. */
    static Map<String, Integer> index(List<TextItem> items) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            m.put(items.get(i).id(), i);
        }
        return m;
    }
}
