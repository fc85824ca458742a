package org.taew.spark;

import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.logic.encoding.EmbeddingCache;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.VectorExchange;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.PreparedText;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.Side;
import org.taew.core.model.StsPair;
import org.taew.core.util.CpuInfo;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;

/**
 * The Spark job against the single-process workbench on the same texts in the same run: encoding
 * with {@code local[1]} and {@code local[2]} (job wall time, model loading included, and texts per
 * second), and the search of 100,000 synthetic document vectors. Texts: documents of two or three
 * STS-Benchmark sentences picked at random (seeded), the only public text on these machines.
 *
 * <pre>
 * TAEW_SPARK_CLASS=org.taew.spark.SparkBenchmark tools/spark-submit.sh \
 *     [--docs N] [--search-docs N] [--queries N] [--sts DIR] [--write-corpus FILE] [--only search]
 * </pre>
 */
public final class SparkBenchmark {
    private SparkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int docs = 10_000;
        int searchDocs = 100_000;
        int queries = 1_000;
        Path sts = Path.of("../shared/reference-data/stsbenchmark");
        Path writeOnly = null;
        String only = "";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(args[i + 1]);
                case "--search-docs" -> searchDocs = Integer.parseInt(args[i + 1]);
                case "--queries" -> queries = Integer.parseInt(args[i + 1]);
                case "--sts" -> sts = Path.of(args[i + 1]);
                case "--write-corpus" -> writeOnly = Path.of(args[i + 1]);
                case "--only" -> only = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (writeOnly != null) {
            // only the synthetic corpus, as corpus.jsonl, for a spark-submit run of its own
            writeCorpus(writeOnly, syntheticDocuments(sts, docs, 7));
            System.out.printf(
                    Locale.ROOT, "wrote %,d synthetic documents to %s%n", docs, writeOnly);
            return;
        }
        System.out.println("CPU: " + CpuInfo.describe());
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors());
        Path dir = Files.createTempDirectory("taew-spark-bench");
        if (only.equals("search")) {
            search(dir, searchDocs, queries);
            return;
        }
        Path corpus = dir.resolve("corpus.jsonl");
        List<String> texts = syntheticDocuments(sts, docs, 7);
        writeCorpus(corpus, texts);
        System.out.printf(
                Locale.ROOT, "encode: %,d synthetic documents (2-3 STS-B sentences each)%n", docs);

        // single process: core's encoder with its default two workers, model already loaded
        long load0 = System.nanoTime();
        ExecutorModels.Wanted single =
                new ExecutorModels.Wanted(
                        "e5-small-v2", WorkbenchHome.resolve().toString(), "fp32", 0, 2, null);
        Encoder encoder = ExecutorModels.open(single);
        double loadSeconds = (System.nanoTime() - load0) / 1e9;
        List<PreparedText> prepared = new ArrayList<>();
        for (String t : texts) {
            prepared.add(InstructionPair.GENERAL.prepare(Side.DOCUMENT, t));
        }
        long t0 = System.nanoTime();
        Encoder.Encoded e = encoder.encode(prepared, ProgressListener.NONE);
        double singleSeconds = (System.nanoTime() - t0) / 1e9;
        long tokens = e.tokens().stream().mapToLong(Encoder.TokenCount::tokens).sum();
        encoder.close();
        System.out.printf(
                Locale.ROOT,
                "  single process (2 workers): %.1f s, %,.0f tokens/s (%,d tokens; model load %.1f s not counted)%n",
                singleSeconds,
                tokens / singleSeconds,
                tokens,
                loadSeconds);
        for (int threads : new int[] {1, 2}) {
            SparkSession spark = session("local[" + threads + "]");
            long s0 = System.nanoTime();
            int code =
                    TaewSpark.run(
                            "encode",
                            "--input",
                            corpus.toString(),
                            "--side",
                            "document",
                            "--model",
                            "e5-small-v2",
                            "-o",
                            dir.resolve("out-" + threads).toString());
            double seconds = (System.nanoTime() - s0) / 1e9;
            spark.stop();
            System.out.printf(
                    Locale.ROOT,
                    "  Spark local[%d]: %.1f s job wall time (model load included), %,.0f tokens/s, %.2f× the"
                            + " single process's time (exit %d)%n",
                    threads,
                    seconds,
                    tokens / seconds,
                    seconds / singleSeconds,
                    code);
        }
        search(dir, searchDocs, queries);
    }

    private static void search(Path dir, int n, int q) throws Exception {
        int dim = 384;
        Random random = new Random(11);
        float[] docs = randomUnit(random, n, dim);
        float[] queries = randomUnit(random, q, dim);
        SparkSession spark = session("local[2]");
        write(spark, dir.resolve("search-docs"), "d", "document", docs, n, dim);
        write(spark, dir.resolve("search-queries"), "q", "query", queries, q, dim);
        List<String> docIds = ids("d", n);
        List<String> queryIds = ids("q", q);
        long c0 = System.nanoTime();
        Run core =
                Engines.vectorSearch()
                        .search(
                                queryIds,
                                Vectors.normalized(new Embeddings(queries, q, dim)),
                                docIds,
                                Vectors.normalized(new Embeddings(docs, n, dim)),
                                100,
                                false);
        double coreSeconds = (System.nanoTime() - c0) / 1e9;
        Run[] got = new Run[1];
        long s0 = System.nanoTime();
        SearchJob.Summary r =
                SearchJob.run(
                        spark,
                        dir.resolve("search-queries").toString(),
                        dir.resolve("search-docs").toString(),
                        100,
                        false,
                        1024,
                        run -> got[0] = run);
        double sparkSeconds = (System.nanoTime() - s0) / 1e9;
        spark.stop();
        int same = 0;
        for (String id : queryIds) {
            List<String> a = core.of(id).stream().map(ScoredDoc::docId).toList();
            List<String> b = got[0].of(id).stream().map(ScoredDoc::docId).toList();
            same += a.equals(b) ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "search: %,d queries × %,d documents (dim %d, top 100): core %.2f s; Spark local[2] %.2f s"
                        + " (%d partitions, reading the parquet vectors included) = %.1f× core; identical top-100"
                        + " lists for %d of %d queries%n",
                q,
                n,
                dim,
                coreSeconds,
                sparkSeconds,
                r.partitions(),
                sparkSeconds / coreSeconds,
                same,
                q);
    }

    private static void write(
            SparkSession spark, Path out, String prefix, String side, float[] v, int n, int dim) {
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(
                    RowFactory.create(
                            new EmbeddingCache.Key(i, 0, 0, 0).bytes(),
                            prefix + i,
                            "{text}",
                            side,
                            "synthetic",
                            0,
                            false,
                            VectorExchange.toBytes(v, i * dim, dim)));
        }
        spark.createDataFrame(rows, EncodeJob.schema())
                .repartition(8)
                .write()
                .parquet(out.toString());
    }

    private static List<String> ids(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static float[] randomUnit(Random r, int n, int dim) {
        float[] v = new float[n * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static SparkSession session(String master) {
        return SparkSession.builder()
                .master(master)
                .appName("taew-spark benchmark")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
    }

    /** Documents of two or three STS-B sentences picked at random (seeded). */
    static List<String> syntheticDocuments(Path stsDir, int n, long seed) throws Exception {
        Set<String> unique = new LinkedHashSet<>();
        for (String name : new String[] {"sts-dev.csv", "sts-test.csv"}) {
            for (StsPair p : StsReader.readStsBenchmark(stsDir.resolve(name)).pairs()) {
                unique.add(p.first());
                unique.add(p.second());
            }
        }
        List<String> sentences = new ArrayList<>(unique);
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = 2 + r.nextInt(2);
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < k; s++) {
                sb.append(s == 0 ? "" : " ").append(sentences.get(r.nextInt(sentences.size())));
            }
            out.add(sb.toString());
        }
        return out;
    }

    static void writeCorpus(Path file, List<String> texts) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < texts.size(); i++) {
                JsonObject o = new JsonObject();
                o.addProperty("_id", "doc" + i);
                o.addProperty("title", "");
                o.addProperty("text", texts.get(i));
                w.write(o.toString());
                w.write('\n');
            }
        }
    }
}
