package org.taew.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.taew.core.logic.encoding.VectorExchange;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.Embeddings;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.util.WorkbenchException;
import scala.Tuple2;

/**
 * {@code search}: exact top-k by cosine for a query set against a corpus of any size, both as
 * written by {@code encode}. Queries go to the executors in blocks (broadcast); each corpus
 * partition ranks its own documents with core's search and keeps its top {@code depth} per query;
 * the partial lists are merged per query in trec_eval's order (score descending, then document id
 * descending), so the result is the run core's search gives on one machine.
 */
public final class SearchJob {
    private SearchJob() {}

    /** A block of queries, normalised. */
    record Queries(List<String> ids, float[] data, int dim) implements Serializable {}

    /** One query's best documents from one or more partitions, in trec_eval's order. */
    record Top(String[] docs, float[] scores) implements Serializable {
        static Top of(List<ScoredDoc> list) {
            String[] d = new String[list.size()];
            float[] s = new float[list.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = list.get(i).docId();
                s[i] = list.get(i).score();
            }
            return new Top(d, s);
        }

        List<ScoredDoc> list() {
            List<ScoredDoc> out = new ArrayList<>(docs.length);
            for (int i = 0; i < docs.length; i++) {
                out.add(new ScoredDoc(docs[i], scores[i]));
            }
            return out;
        }

        static Top merge(Top a, Top b, int depth) {
            List<ScoredDoc> all = a.list();
            all.addAll(b.list());
            all.sort(ScoredDoc.TREC_ORDER);
            return of(all.subList(0, Math.min(depth, all.size())));
        }
    }

    /** What a search did. */
    public record Summary(
            int queries, long documents, int blocks, int partitions, double seconds) {}

    /** One partition's documents, normalised once and kept for every query block. */
    record Block(List<String> ids, float[] data, int dim) implements Serializable {}

    public static Summary run(
            SparkSession spark,
            String queriesDir,
            String documentsDir,
            int depth,
            boolean ignoreIdenticalIds,
            int blockSize,
            RunSink sink)
            throws WorkbenchException {
        long start = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Outputs.requireFinished(spark, queriesDir);
        Outputs.requireFinished(spark, documentsDir);
        try {
            List<Row> queryRows = columns(spark.read().parquet(queriesDir)).collectAsList();
            if (queryRows.isEmpty()) {
                throw WorkbenchException.badInput(queriesDir + " holds no query vectors");
            }
            String identity = queryRows.get(0).getString(1);
            int dim = ((byte[]) queryRows.get(0).get(2)).length / 4;
            JavaRDD<Row> raw = columns(spark.read().parquet(documentsDir)).javaRDD();
            checkInputs(queriesDir, queryRows, documentsDir, raw, identity, dim);
            JavaRDD<Block> docs =
                    raw.mapPartitions(part -> List.of(block(part, dim)).iterator())
                            .persist(StorageLevel.MEMORY_AND_DISK());
            long documents = docs.map(b -> (long) b.ids().size()).fold(0L, Long::sum);
            Map<String, Top> merged = new LinkedHashMap<>();
            List<String> order = new ArrayList<>();
            int blocks = 0;
            for (int from = 0; from < queryRows.size(); from += blockSize) {
                List<Row> block =
                        queryRows.subList(from, Math.min(queryRows.size(), from + blockSize));
                Queries q = queries(block, dim);
                order.addAll(q.ids());
                Broadcast<Queries> shared = sc.broadcast(q);
                JavaPairRDD<String, Top> partial =
                        docs.flatMapToPair(
                                b -> searchBlock(b, shared.value(), depth, ignoreIdenticalIds));
                merged.putAll(partial.reduceByKey((a, b) -> Top.merge(a, b, depth)).collectAsMap());
                shared.destroy();
                blocks++;
            }
            Map<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();
            for (String id : order) {
                Top t = merged.get(id);
                rankings.put(id, t == null ? List.of() : t.list());
            }
            int partitions = docs.getNumPartitions();
            docs.unpersist();
            sink.accept(new Run(rankings));
            return new Summary(
                    queryRows.size(),
                    documents,
                    blocks,
                    partitions,
                    (System.nanoTime() - start) / 1e9);
        } catch (Exception e) { // Spark (Scala) throws SparkException undeclared
            throw Failures.of(e, spark);
        }
    }

    /** Where the merged run goes (a TREC run file, or a test's hands). */
    public interface RunSink {
        void accept(Run run) throws WorkbenchException;
    }

    /** id, model, vector, side (an output written before sides were recorded: "" for side). */
    private static Dataset<Row> columns(Dataset<Row> frame) {
        Column side =
                List.of(frame.columns()).contains(VectorExchange.SIDE)
                        ? functions.col(VectorExchange.SIDE)
                        : functions.lit("");
        return frame.select(
                functions.col(VectorExchange.ID),
                functions.col(VectorExchange.MODEL),
                functions.col(VectorExchange.VECTOR),
                side);
    }

    /**
     * Both inputs of one model and dimension, each on its side, the queries and documents each
     * once: a mix-up here would give a plausible run of the wrong thing.
     */
    private static void checkInputs(
            String queriesDir,
            List<Row> queryRows,
            String documentsDir,
            JavaRDD<Row> docs,
            String identity,
            int dim)
            throws WorkbenchException {
        Set<String> ids = new HashSet<>();
        for (Row r : queryRows) {
            if (!identity.equals(r.getString(1)) || ((byte[]) r.get(2)).length != 4 * dim) {
                throw WorkbenchException.badInput(
                        queriesDir + " mixes vectors of more than one model or dimension");
            }
            if (r.getString(3).equals("document")) {
                throw WorkbenchException.badInput(
                        queriesDir
                                + " holds documents (encoded with --side document), not queries");
            }
            if (!ids.add(r.getString(0))) {
                throw WorkbenchException.badInput(
                        queriesDir + " holds query " + r.getString(0) + " twice");
            }
        }
        List<String> kinds =
                docs.map(r -> r.getString(1) + "\t" + r.getString(3)).distinct().collect();
        for (String k : kinds) {
            String[] f = k.split("\t", -1);
            if (!f[0].equals(identity)) {
                throw WorkbenchException.badInput(
                        documentsDir
                                + " holds vectors of another model than the queries in "
                                + queriesDir
                                + "; encode both with the same model");
            }
            if (f[1].equals("query")) {
                throw WorkbenchException.badInput(
                        documentsDir + " holds queries (encoded with --side query), not documents");
            }
        }
        List<String> twice =
                docs.mapToPair(r -> new Tuple2<>(r.getString(0), 1))
                        .reduceByKey(Integer::sum)
                        .filter(t -> t._2() > 1)
                        .keys()
                        .take(1);
        if (!twice.isEmpty()) {
            throw WorkbenchException.badInput(
                    documentsDir + " holds document " + twice.get(0) + " more than once");
        }
    }

    private static Block block(Iterator<Row> part, int dim) {
        List<String> ids = new ArrayList<>();
        List<byte[]> vectors = new ArrayList<>();
        while (part.hasNext()) {
            Row r = part.next();
            ids.add(r.getString(0));
            vectors.add((byte[]) r.get(2));
        }
        float[] data = new float[ids.size() * dim];
        for (int i = 0; i < ids.size(); i++) {
            VectorExchange.fromBytes(vectors.get(i), data, i * dim);
        }
        Embeddings e = Vectors.normalized(new Embeddings(data, ids.size(), dim));
        return new Block(ids, e.data(), dim);
    }

    private static Queries queries(List<Row> rows, int dim) {
        float[] data = new float[rows.size() * dim];
        List<String> ids = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ids.add(rows.get(i).getString(0));
            VectorExchange.fromBytes((byte[]) rows.get(i).get(2), data, i * dim);
        }
        Embeddings e = Vectors.normalized(new Embeddings(data, rows.size(), dim));
        return new Queries(ids, e.data(), dim);
    }

    private static Iterator<Tuple2<String, Top>> searchBlock(
            Block b, Queries q, int depth, boolean ignoreIdenticalIds) throws WorkbenchException {
        List<Tuple2<String, Top>> out = new ArrayList<>();
        if (b.ids().isEmpty()) {
            return out.iterator();
        }
        Run run =
                Engines.vectorSearch()
                        .search(
                                q.ids(),
                                new Embeddings(q.data(), q.ids().size(), q.dim()),
                                b.ids(),
                                new Embeddings(b.data(), b.ids().size(), b.dim()),
                                depth,
                                ignoreIdenticalIds);
        for (Map.Entry<String, List<ScoredDoc>> e : run.rankings().entrySet()) {
            out.add(new Tuple2<>(e.getKey(), Top.of(e.getValue())));
        }
        return out.iterator();
    }
}
