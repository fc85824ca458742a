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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
        try {
            List<Row> queryRows =
                    spark.read()
                            .parquet(queriesDir)
                            .select(VectorExchange.ID, VectorExchange.MODEL, VectorExchange.VECTOR)
                            .collectAsList();
            if (queryRows.isEmpty()) {
                throw WorkbenchException.badInput(queriesDir + " holds no query vectors");
            }
            String identity = queryRows.get(0).getString(1);
            int dim = ((byte[]) queryRows.get(0).get(2)).length / 4;
            JavaRDD<Row> docs =
                    spark.read()
                            .parquet(documentsDir)
                            .select(VectorExchange.ID, VectorExchange.MODEL, VectorExchange.VECTOR)
                            .javaRDD()
                            .persist(StorageLevel.MEMORY_AND_DISK());
            checkSameModel(queriesDir, queryRows, documentsDir, docs, identity, dim);
            long documents = docs.count();
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
                        docs.mapPartitionsToPair(
                                part ->
                                        searchPartition(
                                                part, shared.value(), depth, ignoreIdenticalIds));
                merged.putAll(partial.reduceByKey((a, b) -> Top.merge(a, b, depth)).collectAsMap());
                shared.destroy();
                blocks++;
            }
            Map<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();
            for (String id : order) {
                Top t = merged.get(id);
                rankings.put(id, t == null ? List.of() : t.list());
            }
            sink.accept(new Run(rankings));
            int partitions = docs.getNumPartitions();
            docs.unpersist();
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

    private static void checkSameModel(
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
            if (!ids.add(r.getString(0))) {
                throw WorkbenchException.badInput(
                        queriesDir + " holds query " + r.getString(0) + " twice");
            }
        }
        List<String> models = docs.map(r -> r.getString(1)).distinct().collect();
        if (models.size() != 1 || !models.get(0).equals(identity)) {
            throw WorkbenchException.badInput(
                    documentsDir
                            + " holds vectors of "
                            + (models.size() == 1 ? "another model" : models.size() + " models")
                            + " than the queries in "
                            + queriesDir
                            + "; encode both with the same model");
        }
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

    private static Iterator<Tuple2<String, Top>> searchPartition(
            Iterator<Row> part, Queries q, int depth, boolean ignoreIdenticalIds)
            throws WorkbenchException {
        List<String> ids = new ArrayList<>();
        List<byte[]> vectors = new ArrayList<>();
        while (part.hasNext()) {
            Row r = part.next();
            ids.add(r.getString(0));
            vectors.add((byte[]) r.get(2));
        }
        List<Tuple2<String, Top>> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out.iterator();
        }
        float[] data = new float[ids.size() * q.dim()];
        for (int i = 0; i < ids.size(); i++) {
            VectorExchange.fromBytes(vectors.get(i), data, i * q.dim());
        }
        Embeddings docs = Vectors.normalized(new Embeddings(data, ids.size(), q.dim()));
        Run run =
                Engines.vectorSearch()
                        .search(
                                q.ids(),
                                new Embeddings(q.data(), q.ids().size(), q.dim()),
                                ids,
                                docs,
                                depth,
                                ignoreIdenticalIds);
        for (Map.Entry<String, List<ScoredDoc>> e : run.rankings().entrySet()) {
            out.add(new Tuple2<>(e.getKey(), Top.of(e.getValue())));
        }
        return out.iterator();
    }
}
