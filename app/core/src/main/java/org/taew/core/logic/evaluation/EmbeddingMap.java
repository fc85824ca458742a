package org.taew.core.logic.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.retrieval.VectorSearch;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Mode;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.Side;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Where an instruction moves the texts: the session's query and document vectors at two ends — two
 * modes (general and task-aware by default), or any two experiment variants — projected to two
 * dimensions by one {@link Projection} fitted on both ends' vectors together, so that a query's
 * arrow from its position at one end to its position at the other is a movement in one picture, not
 * a change of picture.
 *
 * <p>Sampling, for large sets (as the heatmaps sample): at most {@code maxQueries} queries, evenly
 * spaced through those with judgments (dataset order kept); the documents are every judged document
 * of those queries and their top 10 at either end, then documents evenly spaced through the corpus
 * until {@code maxDocuments}.
 *
 * @param fromName what the arrows start from, e.g. general
 * @param toName what the arrows point to, e.g. task-aware
 * @param from each text's position at the {@code from} end: queries, then documents
 * @param to each text's position at the {@code to} end, in the same order
 * @param relevant per query, the indices (into {@code documents}) of its relevant documents
 * @param top10 per query, the indices of its top 10 documents at the {@code to} end, best first
 * @param projection the projection the positions come from (its variance shares)
 */
public record EmbeddingMap(
        String fromName,
        String toName,
        List<TextItem> queries,
        List<TextItem> documents,
        float[][] from,
        float[][] to,
        int[][] relevant,
        int[][] top10,
        Projection projection,
        String sampling) {
    public static final int DEFAULT_MAX_QUERIES = 100;
    public static final int DEFAULT_MAX_DOCUMENTS = 1000;

    /**
     * One end of the arrows: unit-length vectors of every query and document of the dataset (rows
     * in dataset order, all of one dimension) and their ranking, whose top 10 the map outlines.
     *
     * @param name what the end is called in the map's sentences, e.g. general or a variant's name
     */
    public record End(String name, Embeddings queries, Embeddings documents, Run run) {
        /** The end of a mode of an evaluation, named after the mode. */
        public static End of(LiveEvaluation.Snapshot snapshot, Mode mode) {
            return new End(
                    mode.label(),
                    snapshot.queries().get(mode).vectors(),
                    snapshot.documents().get(mode).vectors(),
                    snapshot.result().modes().get(mode).run());
        }

        /**
         * The end of {@code pair}'s templates on {@code dataset}: both sides encoded through {@code
         * embedder} (what was encoded before, e.g. by an experiment, is read from its cache) and
         * ranked by {@code search} as every evaluation ranks. Cancellation (thread interrupt) is
         * honoured between batches.
         */
        public static End encode(
                String name,
                RetrievalDataset dataset,
                InstructionPair pair,
                EmbeddingService embedder,
                VectorSearch search,
                RetrievalEvaluation.Settings settings,
                ProgressListener progress)
                throws WorkbenchException {
            Embeddings documents =
                    unit(embedder, dataset.documents(), pair, Side.DOCUMENT, name, progress);
            Embeddings queries =
                    unit(embedder, dataset.queries(), pair, Side.QUERY, name, progress);
            ProgressListener.checkCancelled();
            Run run = RetrievalEvaluation.rank(dataset, queries, documents, search, settings).run();
            return new End(name, queries, documents, run);
        }

        private static Embeddings unit(
                EmbeddingService embedder,
                List<TextItem> items,
                InstructionPair pair,
                Side side,
                String name,
                ProgressListener progress)
                throws WorkbenchException {
            EmbeddingService.Result r =
                    embedder.encode(
                            RetrievalEvaluation.prepare(items, pair, side),
                            name + " " + side.label() + "s",
                            progress);
            return Vectors.unit(embedder.model(), r.vectors());
        }
    }

    /** The position of query {@code q} at the {@code from} end. */
    public float[] queryFrom(int q) {
        return from[q];
    }

    /** The position of query {@code q} at the {@code to} end. */
    public float[] queryTo(int q) {
        return to[q];
    }

    /** The position of document {@code d} at the {@code to} end. */
    public float[] documentTo(int d) {
        return to[queries.size() + d];
    }

    /** The axes in words: how much of the variance of both ends' vectors each keeps. */
    public String axes() {
        return String.format(
                Locale.ROOT,
                "PCA fitted once on the vectors of %s and %s together: axis 1 keeps %.1f %% of"
                        + " their variance, axis 2 %.1f %%",
                fromName,
                toName,
                100 * projection.share()[0],
                100 * projection.share()[1]);
    }

    /** General mode to task-aware mode of an evaluation. */
    public static EmbeddingMap of(
            LiveEvaluation.Snapshot snapshot, int maxQueries, int maxDocuments) {
        return of(
                snapshot.result().dataset(),
                End.of(snapshot, Mode.GENERAL),
                End.of(snapshot, Mode.TASK_AWARE),
                maxQueries,
                maxDocuments);
    }

    /**
     * The arrows from {@code from} to {@code to} on {@code ds}, whose texts both ends' rows are.
     *
     * @throws IllegalArgumentException when an end's rows are not the dataset's texts or the two
     *     ends' vectors differ in dimension
     */
    public static EmbeddingMap of(
            RetrievalDataset ds, End from, End to, int maxQueries, int maxDocuments) {
        check(ds, from, to);
        List<TextItem> rows = QuerySample.judged(ds, maxQueries);
        Map<String, Integer> docRow = QuerySample.index(ds.documents());
        Set<String> docs = new LinkedHashSet<>();
        for (TextItem q : rows) {
            for (String id : ds.qrels().of(q.id()).keySet()) {
                if (docRow.containsKey(id)) {
                    docs.add(id);
                }
            }
            for (End e : List.of(from, to)) {
                List<ScoredDoc> run = e.run().of(q.id());
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
        List<float[]> fromRows = vectors(sample, from);
        List<float[]> toRows = vectors(sample, to);
        List<float[]> all = new ArrayList<>(fromRows);
        all.addAll(toRows);
        Projection p = Projection.fit(all);
        return new EmbeddingMap(
                from.name(),
                to.name(),
                rows,
                documents,
                project(p, fromRows),
                project(p, toRows),
                relevant(rows, documents, ds),
                top10(rows, documents, to.run()),
                p,
                sampling(rows.size(), ds.queries().size(), documents.size(), corpus));
    }

    private static void check(RetrievalDataset ds, End from, End to) {
        for (End e : List.of(from, to)) {
            if (e.queries().rows() != ds.queries().size()
                    || e.documents().rows() != ds.documents().size()) {
                throw new IllegalArgumentException(
                        e.name()
                                + " has "
                                + e.queries().rows()
                                + " query and "
                                + e.documents().rows()
                                + " document vectors; "
                                + ds.name()
                                + " has "
                                + ds.queries().size()
                                + " queries and "
                                + ds.documents().size()
                                + " documents");
            }
        }
        int dim = from.queries().dim();
        if (from.documents().dim() != dim
                || to.queries().dim() != dim
                || to.documents().dim() != dim) {
            throw new IllegalArgumentException(
                    "one projection needs vectors of one dimension: "
                            + from.name()
                            + " has "
                            + dim
                            + ", "
                            + to.name()
                            + " "
                            + to.queries().dim());
        }
    }

    /** An end's vectors of the sampled queries, then of the sampled documents. */
    private static List<float[]> vectors(Sample sample, End end) {
        List<float[]> out = rows(sample.queries(), sample.queryRow(), end.queries());
        out.addAll(rows(sample.documents(), sample.docRow(), end.documents()));
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

    private static int[][] top10(List<TextItem> queries, List<TextItem> documents, Run ranking) {
        Map<String, Integer> at = QuerySample.index(documents);
        int[][] out = new int[queries.size()][];
        for (int q = 0; q < out.length; q++) {
            List<ScoredDoc> run = ranking.of(queries.get(q).id());
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
                                + " documents (the queries' judged documents and top 10 at either"
                                + " end, then evenly spaced through the corpus)");
    }
}
