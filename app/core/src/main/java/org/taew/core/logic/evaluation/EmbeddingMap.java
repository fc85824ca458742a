package org.taew.core.logic.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.taew.core.model.Embeddings;
import org.taew.core.model.Mode;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;

/**
 * Where an instruction moves the texts: the session's query and document vectors in general and
 * task-aware mode projected to two dimensions by one {@link Projection} fitted on both modes
 * together, so that a query's arrow from its general to its task-aware position is a movement in
 * one picture, not a change of picture.
 *
 * <p>Sampling, for large sets (as the heatmaps sample): at most {@code maxQueries} queries, evenly
 * spaced through those with judgments (dataset order kept); the documents are every judged document
 * of those queries and their top 10 in either mode, then documents evenly spaced through the corpus
 * until {@code maxDocuments}.
 *
 * @param general each text's position in general mode: queries, then documents
 * @param taskAware each text's position in task-aware mode, in the same order
 * @param relevant per query, the indices (into {@code documents}) of its relevant documents
 * @param top10 per query, the indices of its top 10 documents in task-aware mode, best first
 * @param projection the projection the positions come from (its variance shares)
 */
public record EmbeddingMap(
        List<TextItem> queries,
        List<TextItem> documents,
        float[][] general,
        float[][] taskAware,
        int[][] relevant,
        int[][] top10,
        Projection projection,
        String sampling) {
    public static final int DEFAULT_MAX_QUERIES = 100;
    public static final int DEFAULT_MAX_DOCUMENTS = 1000;

    /** The position of query {@code q} in {@code mode}. */
    public float[] query(int q, Mode mode) {
        return (mode == Mode.GENERAL ? general : taskAware)[q];
    }

    /** The position of document {@code d} in {@code mode}. */
    public float[] document(int d, Mode mode) {
        return (mode == Mode.GENERAL ? general : taskAware)[queries.size() + d];
    }

    /** The axes in words: how much of the variance of both modes' vectors each keeps. */
    public String axes() {
        return String.format(
                Locale.ROOT,
                "PCA fitted once on both modes' vectors: axis 1 keeps %.1f %% of their variance,"
                        + " axis 2 %.1f %%",
                100 * projection.share()[0],
                100 * projection.share()[1]);
    }

    public static EmbeddingMap of(
            LiveEvaluation.Snapshot snapshot, int maxQueries, int maxDocuments) {
        RetrievalDataset ds = snapshot.result().dataset();
        List<TextItem> rows = QuerySample.judged(ds, maxQueries);
        Map<String, Integer> docRow = QuerySample.index(ds.documents());
        Set<String> docs = new LinkedHashSet<>();
        for (TextItem q : rows) {
            for (String id : ds.qrels().of(q.id()).keySet()) {
                if (docRow.containsKey(id)) {
                    docs.add(id);
                }
            }
            for (Mode m : Mode.values()) {
                List<ScoredDoc> run = snapshot.result().modes().get(m).run().of(q.id());
                for (int i = 0; i < Math.min(10, run.size()); i++) {
                    docs.add(run.get(i).docId());
                }
            }
        }
        int corpus = ds.documents().size();
        int wanted = Math.min(corpus, Math.max(maxDocuments, docs.size()));
        for (int i = 0; docs.size() < wanted && i < corpus; i++) {
            docs.add(ds.documents().get((int) ((long) i * corpus / wanted) % corpus).id());
        }
        for (int i = 0; docs.size() < wanted && i < corpus; i++) {
            docs.add(ds.documents().get(i).id()); // evenly spaced ones may repeat: fill in order
        }
        List<TextItem> documents = new ArrayList<>();
        for (String id : docs) {
            documents.add(ds.documents().get(docRow.get(id)));
        }
        Map<String, Integer> queryRow = QuerySample.index(ds.queries());
        Sample sample = new Sample(rows, documents, queryRow, docRow);
        List<float[]> generalRows = vectors(sample, snapshot, Mode.GENERAL);
        List<float[]> awareRows = vectors(sample, snapshot, Mode.TASK_AWARE);
        List<float[]> all = new ArrayList<>(generalRows);
        all.addAll(awareRows);
        Projection p = Projection.fit(all);
        return new EmbeddingMap(
                rows,
                documents,
                project(p, generalRows),
                project(p, awareRows),
                relevant(rows, documents, ds),
                top10(rows, documents, snapshot),
                p,
                sampling(rows.size(), ds.queries().size(), documents.size(), corpus));
    }

    /** Each mode's vectors of the sampled queries, then of the sampled documents. */
    private static List<float[]> vectors(
            Sample sample, LiveEvaluation.Snapshot snapshot, Mode mode) {
        List<float[]> out =
                rows(sample.queries(), sample.queryRow(), snapshot.queries().get(mode).vectors());
        out.addAll(
                rows(
                        sample.documents(),
                        sample.docRow(),
                        snapshot.documents().get(mode).vectors()));
        return out;
    }

    private static List<float[]> rows(
            List<TextItem> texts, Map<String, Integer> rowOf, Embeddings vectors) {
        List<float[]> out = new ArrayList<>();
        for (TextItem t : texts) {
            out.add(vectors.row(rowOf.get(t.id())));
        }
        return out;
    }

    /** The sampled texts and where each id sits in the dataset's vectors. */
    private record Sample(
            List<TextItem> queries,
            List<TextItem> documents,
            Map<String, Integer> queryRow,
            Map<String, Integer> docRow) {}

    private static float[][] project(Projection p, List<float[]> rows) {
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.apply(rows.get(i));
        }
        return out;
    }

    private static int[][] relevant(
            List<TextItem> queries, List<TextItem> documents, RetrievalDataset ds) {
        Map<String, Integer> at = QuerySample.index(documents);
        int[][] out = new int[queries.size()][];
        for (int q = 0; q < out.length; q++) {
            out[q] =
                    ds.qrels().of(queries.get(q).id()).entrySet().stream()
                            .filter(e -> e.getValue() > 0 && at.containsKey(e.getKey()))
                            .mapToInt(e -> at.get(e.getKey()))
                            .toArray();
        }
        return out;
    }

    private static int[][] top10(
            List<TextItem> queries, List<TextItem> documents, LiveEvaluation.Snapshot snapshot) {
        Map<String, Integer> at = QuerySample.index(documents);
        int[][] out = new int[queries.size()][];
        for (int q = 0; q < out.length; q++) {
            List<ScoredDoc> run =
                    snapshot.result().modes().get(Mode.TASK_AWARE).run().of(queries.get(q).id());
            out[q] =
                    run.subList(0, Math.min(10, run.size())).stream()
                            .mapToInt(s -> at.get(s.docId()))
                            .toArray();
        }
        return out;
    }

    private static String sampling(int queries, int allQueries, int documents, int corpus) {
        return (queries == allQueries
                        ? "all " + queries + " queries"
                        : queries
                                + " of "
                                + allQueries
                                + " queries (evenly spaced among those with judgments)")
                + "; "
                + (documents == corpus
                        ? "all " + documents + " documents"
                        : documents
                                + " of "
                                + corpus
                                + " documents (the queries' judged documents and top 10 in either"
                                + " mode, then evenly spaced through the corpus)");
    }
}
