package org.taew.core.logic.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.model.Embeddings;
import org.taew.core.model.Mode;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;

/**
 * Query × document cosine similarities in both modes, for a heatmap. Rows are queries; columns are
 * first the judged documents, placed in the order of the first query that judges them (so judged
 * pairs lie on or near the diagonal), then the hard negatives: for each query the highest-ranked
 * unjudged documents of either mode.
 *
 * <p>Sampling, for large sets: at most {@code maxQueries} rows, taken evenly spaced through the
 * queries that have judgments (dataset order kept), and for each row {@code negativesPerQuery} hard
 * negatives. With 40 queries and a limit of 50 every query is shown.
 *
 * @param grades the judgment of each cell, 0 when unjudged
 * @param judgedColumns how many of the first columns are judged documents
 */
public record SimilarityMap(
        List<TextItem> queries,
        List<TextItem> documents,
        float[][] general,
        float[][] taskAware,
        int[][] grades,
        int judgedColumns,
        String sampling) {

    public static final int DEFAULT_MAX_QUERIES = 50;
    public static final int DEFAULT_NEGATIVES_PER_QUERY = 2;

    public int rows() {
        return queries.size();
    }

    public int columns() {
        return documents.size();
    }

    public float[][] of(Mode mode) {
        return mode == Mode.GENERAL ? general : taskAware;
    }

    /** Task-aware minus general, per cell. */
    public float difference(int row, int column) {
        return taskAware[row][column] - general[row][column];
    }

    public static SimilarityMap sample(
            LiveEvaluation.Snapshot snapshot, int maxQueries, int negativesPerQuery) {
        RetrievalDataset ds = snapshot.result().dataset();
        Map<String, Integer> queryRow = QuerySample.index(ds.queries());
        Map<String, Integer> docRow = QuerySample.index(ds.documents());
        List<TextItem> rows = QuerySample.judged(ds, maxQueries);
        Set<String> columns = new LinkedHashSet<>();
        for (TextItem q : rows) {
            ds.qrels().of(q.id()).entrySet().stream()
                    .filter(e -> docRow.containsKey(e.getKey()))
                    .sorted(
                            Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
                                    .thenComparing(Map.Entry::getKey))
                    .forEach(e -> columns.add(e.getKey()));
        }
        int judged = columns.size();
        for (TextItem q : rows) {
            Map<String, Integer> judgedHere = ds.qrels().of(q.id());
            List<ScoredDoc> a = snapshot.result().modes().get(Mode.TASK_AWARE).run().of(q.id());
            List<ScoredDoc> g = snapshot.result().modes().get(Mode.GENERAL).run().of(q.id());
            int added = 0;
            for (int i = 0; added < negativesPerQuery && (i < a.size() || i < g.size()); i++) {
                for (List<ScoredDoc> list : List.of(a, g)) {
                    if (i < list.size() && added < negativesPerQuery) {
                        String id = list.get(i).docId();
                        if (!judgedHere.containsKey(id) && columns.add(id)) {
                            added++;
                        }
                    }
                }
            }
        }
        List<TextItem> docs = new ArrayList<>();
        for (String id : columns) {
            docs.add(ds.documents().get(docRow.get(id)));
        }
        float[][] general = cosines(rows, docs, queryRow, docRow, snapshot, Mode.GENERAL);
        float[][] aware = cosines(rows, docs, queryRow, docRow, snapshot, Mode.TASK_AWARE);
        int[][] grades = new int[rows.size()][docs.size()];
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Integer> j = ds.qrels().of(rows.get(r).id());
            for (int c = 0; c < docs.size(); c++) {
                grades[r][c] = j.getOrDefault(docs.get(c).id(), 0);
            }
        }
        String sampling =
                rows.size() == ds.queries().size()
                        ? "all " + rows.size() + " queries"
                        : rows.size()
                                + " of "
                                + ds.queries().size()
                                + " queries (evenly spaced among those with judgments)";
        sampling +=
                "; "
                        + judged
                        + " judged documents, then "
                        + (docs.size() - judged)
                        + " hard negatives (top unjudged in either mode, "
                        + negativesPerQuery
                        + " per query)";
        return new SimilarityMap(rows, docs, general, aware, grades, judged, sampling);
    }

    private static float[][] cosines(
            List<TextItem> rows,
            List<TextItem> docs,
            Map<String, Integer> queryRow,
            Map<String, Integer> docRow,
            LiveEvaluation.Snapshot snapshot,
            Mode mode) {
        Embeddings q = snapshot.queries().get(mode).vectors();
        Embeddings d = snapshot.documents().get(mode).vectors();
        float[][] out = new float[rows.size()][docs.size()];
        for (int r = 0; r < rows.size(); r++) {
            int qRow = queryRow.get(rows.get(r).id());
            for (int c = 0; c < docs.size(); c++) {
                out[r][c] = (float) q.dot(qRow, d, docRow.get(docs.get(c).id()));
            }
        }
        return out;
    }
}
