package org.taew.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.TestPaths;
import org.taew.core.formats.parquet.ParquetFile;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.encoding.EmbeddingCache;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.VectorExchange;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.RunFiles;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.PreparedText;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.Side;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;

/**
 * The Spark job in local mode ({@code local[2,2]}: two threads, a failed task tried again once) on
 * a shipped dataset: the vectors are the single-machine encoder's, the imported cache leaves
 * nothing to encode and gives the same numbers, the search gives core's run, a killed task leaves a
 * complete output, and bad inputs are refused with the file and line.
 */
class SparkJobsTest {
    private static SparkSession spark;
    private static final AtomicInteger FAILED_TASKS = new AtomicInteger();

    @TempDir static Path tmp;

    @BeforeAll
    static void startSpark() {
        spark =
                SparkSession.builder()
                        .master("local[2,2]")
                        .appName("taew-spark tests")
                        .config("spark.ui.enabled", "false")
                        .config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1")
                        .config("spark.sql.shuffle.partitions", "4")
                        .getOrCreate();
        spark.sparkContext()
                .addSparkListener(
                        new SparkListener() {
                            @Override
                            public void onTaskEnd(SparkListenerTaskEnd end) {
                                if (!end.taskInfo().successful()) {
                                    FAILED_TASKS.incrementAndGet();
                                }
                            }
                        });
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static Path dataset() {
        return TestPaths.workspace().resolve("datasets/helpdesk-mini");
    }

    /** Runs the job's command line; returns exit code, output and errors. */
    private static String[] taewSpark(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = TaewSpark.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new String[] {
            Integer.toString(code),
            out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)
        };
    }

    private static String[] encode(
            String input, String side, String mode, Path output, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "encode",
                                "--master",
                                "local[2,2]",
                                "--input",
                                input,
                                "--side",
                                side,
                                "--mode",
                                mode,
                                "--model",
                                "e5-small-v2",
                                "--workspace",
                                TestPaths.workspace().toString(),
                                "-o",
                                output.toString()));
        args.addAll(List.of(more));
        return taewSpark(args.toArray(String[]::new));
    }

    /** The rows of an output folder, read with the workbench's own parquet reader. */
    private static Map<String, float[]> vectors(Path dir) throws Exception {
        Map<String, float[]> out = new HashMap<>();
        for (Path part : VectorExchange.parts(dir)) {
            try (ParquetFile f = ParquetFile.open(part)) {
                ParquetFile.Rows r = f.rows(List.of(VectorExchange.ID, VectorExchange.VECTOR));
                while (r.next()) {
                    byte[] b = (byte[]) r.get(1);
                    float[] v = new float[b.length / 4];
                    VectorExchange.fromBytes(b, v, 0);
                    assertThat(out.put((String) r.get(0), v)).as("each id once").isNull();
                }
            }
        }
        return out;
    }

    /** The single-machine encoder's vectors of the same texts, by id. */
    private static Map<String, float[]> reference(
            List<TextItem> items, InstructionPair pair, Side side) throws Exception {
        SessionResolver resolver =
                new SessionResolver(Workspace.at(TestPaths.workspace()), WorkbenchHome.resolve());
        SessionSetup setup =
                resolver.resolveWithoutDataset(
                        SessionRequest.builder().optModel("e5-small-v2").optCache(false).build());
        Map<String, float[]> out = new HashMap<>();
        try (EvaluationSession s = EvaluationSession.open(setup, false)) {
            List<PreparedText> texts = RetrievalEvaluation.prepare(items, pair, side);
            Embeddings e = s.embedder().encode(texts, "reference", ProgressListener.NONE).vectors();
            for (int i = 0; i < items.size(); i++) {
                out.put(items.get(i).id(), e.row(i));
            }
        }
        return out;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void encodedVectorsAreTheSingleMachineEncodersAndTheImportedCacheLeavesNothingToEncode()
            throws Exception {
        Path docs = tmp.resolve("docs-general");
        Path queries = tmp.resolve("queries-general");
        String[] d =
                encode(dataset().resolve("corpus.jsonl").toString(), "document", "general", docs);
        assertThat(d[0]).as(d[2]).isEqualTo("0");
        assertThat(d[1]).contains("Encoded 64 texts").contains("template \"{text}\"");
        String[] q =
                encode(dataset().resolve("queries.jsonl").toString(), "query", "general", queries);
        assertThat(q[0]).as(q[2]).isEqualTo("0");

        RetrievalDataset data = BeirReader.read(dataset(), null);
        for (boolean documents : new boolean[] {true, false}) {
            Map<String, float[]> spark = vectors(documents ? docs : queries);
            Map<String, float[]> single =
                    reference(
                            documents ? data.documents() : data.queries(),
                            InstructionPair.GENERAL,
                            documents ? Side.DOCUMENT : Side.QUERY);
            assertThat(spark.keySet()).isEqualTo(single.keySet());
            for (String id : single.keySet()) {
                assertThat(cosine(spark.get(id), single.get(id)))
                        .as(id)
                        .isGreaterThanOrEqualTo(0.99999);
            }
        }

        // into an empty cache; then an evaluation encodes nothing and scores as one without a cache
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.createSymbolicLink(
                WorkbenchHome.models(home), WorkbenchHome.models(WorkbenchHome.resolve()));
        SessionResolver resolver = new SessionResolver(Workspace.at(TestPaths.workspace()), home);
        SessionRequest request =
                SessionRequest.builder()
                        .optDataset("helpdesk-mini")
                        .optModel("e5-small-v2")
                        .optModes(EnumSet.of(Mode.GENERAL))
                        .build();
        try (EvaluationSession s = EvaluationSession.open(resolver.resolve(request), false)) {
            VectorExchange.ImportReport r1 =
                    VectorExchange.importInto(docs, s.embedder(), ProgressListener.NONE);
            VectorExchange.ImportReport r2 =
                    VectorExchange.importInto(queries, s.embedder(), ProgressListener.NONE);
            assertThat(r1.added()).isEqualTo(64);
            assertThat(r2.added()).isEqualTo(40);
            assertThat(
                            VectorExchange.importInto(docs, s.embedder(), ProgressListener.NONE)
                                    .alreadyCached())
                    .as("a second import adds nothing")
                    .isEqualTo(64);
            RetrievalEvaluation.Result imported =
                    s.evaluateRetrieval(settings(s), ProgressListener.NONE);
            RetrievalEvaluation.ModeResult general = imported.modes().get(Mode.GENERAL);
            assertThat(general.documentEncoding().encoded()).isZero();
            assertThat(general.queryEncoding().encoded()).isZero();

            SessionRequest noCache =
                    SessionRequest.builder()
                            .optDataset("helpdesk-mini")
                            .optModel("e5-small-v2")
                            .optModes(EnumSet.of(Mode.GENERAL))
                            .optCache(false)
                            .build();
            try (EvaluationSession fresh =
                    EvaluationSession.open(resolver.resolve(noCache), false)) {
                RetrievalEvaluation.ModeResult alone =
                        fresh.evaluateRetrieval(settings(fresh), ProgressListener.NONE)
                                .modes()
                                .get(Mode.GENERAL);
                assertThat(alone.documentEncoding().encoded()).isEqualTo(64);
                for (MetricId m : SessionDefaults.metrics()) {
                    assertThat(general.scores().mean(m))
                            .as(m.toString())
                            .isEqualTo(alone.scores().mean(m));
                }
                assertThat(general.run().rankings()).isEqualTo(alone.run().rankings());

                // the Spark search: the run core's search gives on the same vectors
                Path runFile = tmp.resolve("spark.run");
                String[] search =
                        taewSpark(
                                "search",
                                "--master",
                                "local[2,2]",
                                "--queries",
                                queries.toString(),
                                "--documents",
                                docs.toString(),
                                "--depth",
                                "10",
                                "--block",
                                "16",
                                "-o",
                                runFile.toString());
                assertThat(search[0]).as(search[2]).isEqualTo("0");
                assertThat(search[1])
                        .contains("Searched 40 queries against 64 documents")
                        .contains("3 query blocks");
                // core's search on the same (imported) vectors: the same documents in the same
                // order; scores as equal as float32 products summed in another order can be
                Map<String, List<ScoredDoc>> sparkRun = readRun(runFile);
                Run coreRun = general.run();
                assertThat(sparkRun.keySet()).isEqualTo(coreRun.rankings().keySet());
                for (String qid : coreRun.rankings().keySet()) {
                    List<ScoredDoc> expected =
                            coreRun.of(qid).subList(0, Math.min(10, coreRun.of(qid).size()));
                    List<ScoredDoc> got = sparkRun.get(qid);
                    assertThat(got)
                            .extracting(ScoredDoc::docId)
                            .as(qid)
                            .isEqualTo(expected.stream().map(ScoredDoc::docId).toList());
                    for (int i = 0; i < got.size(); i++) {
                        assertThat((double) got.get(i).score())
                                .isCloseTo(expected.get(i).score(), within(2e-6));
                    }
                }
                // and scored as a run file (taew eval --run): the numbers of the in-memory
                // evaluation
                RunFiles.Result asFile =
                        RunFiles.score(
                                data,
                                List.of(new RunFiles.Named("spark", runFile)),
                                SessionDefaults.metrics(),
                                SessionDefaults.mainMetric(10),
                                false,
                                ModeComparison.Settings.DEFAULT);
                for (MetricId m : SessionDefaults.metrics()) {
                    if (m.k() <= 10) {
                        assertThat(asFile.runs().get(0).scores().mean(m))
                                .as(m.toString())
                                .isEqualTo(general.scores().mean(m));
                    }
                }
            }
        }
    }

    /** A run file as query → its documents and scores, in file order. */
    private static Map<String, List<ScoredDoc>> readRun(Path file) throws Exception {
        Map<String, List<ScoredDoc>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            out.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new ScoredDoc(f[2], Float.parseFloat(f[4])));
        }
        return out;
    }

    private static RetrievalEvaluation.Settings settings(EvaluationSession s) {
        return s.retrievalSettings(
                SessionDefaults.metrics(),
                SessionDefaults.mainMetric(10),
                SessionDefaults.DEPTH,
                ModeComparison.Settings.DEFAULT);
    }

    @Test
    void aTaskKilledOnItsFirstAttemptIsRetriedAndTheOutputIsCompleteWithoutDuplicates()
            throws Exception {
        int before = FAILED_TASKS.get();
        Path out = tmp.resolve("docs-fault");
        String[] r =
                encode(
                        dataset().resolve("corpus.jsonl").toString(),
                        "document",
                        "task-aware",
                        out,
                        "--fail-first-attempt-of-partition",
                        "0");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("template \"passage: {text}\"");
        assertThat(FAILED_TASKS.get() - before)
                .as("the injected fault happened")
                .isGreaterThanOrEqualTo(1);
        Map<String, float[]> v = vectors(out);
        assertThat(v).hasSize(64);
        Set<String> ids = new HashSet<>();
        for (TextItem t : BeirReader.read(dataset(), null).documents()) {
            ids.add(t.id());
        }
        assertThat(v.keySet()).isEqualTo(ids);
    }

    @Test
    void parquetInputWrittenByAnotherWriterGivesTheSameVectorsAsTheJsonLines() throws Exception {
        Path parquetDocs =
                TestPaths.project()
                        .resolve("app/core/src/test/resources/parquet/mteb-retrieval/corpus");
        Path out = tmp.resolve("docs-parquet");
        String[] r =
                encode(parquetDocs.toString(), "document", "general", out, "--format", "parquet");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        Map<String, float[]> fromParquet = vectors(out);
        assertThat(fromParquet).hasSize(64);
        // the keys are the texts the encoder saw: the same as from corpus.jsonl (title + text)
        Map<String, byte[]> keys = new HashMap<>();
        for (Path part : VectorExchange.parts(out)) {
            try (ParquetFile f = ParquetFile.open(part)) {
                ParquetFile.Rows rows = f.rows(List.of(VectorExchange.ID, VectorExchange.KEY));
                while (rows.next()) {
                    keys.put((String) rows.get(0), (byte[]) rows.get(1));
                }
            }
        }
        for (TextItem t : BeirReader.read(dataset(), null).documents()) {
            EmbeddingCache.Key k =
                    EmbeddingCache.key(InstructionPair.GENERAL.prepare(Side.DOCUMENT, t.text()));
            assertThat(keys.get(t.id())).as(t.id()).isEqualTo(k.bytes());
        }
    }

    @Test
    void badInputsAreRefusedWithTheFileAndLineAndLeaveNoOutputTakenForComplete() throws Exception {
        Path bad = tmp.resolve("bad-corpus.jsonl");
        Files.writeString(
                bad,
                "{\"_id\": \"a\", \"text\": \"one\"}\n"
                        + "{\"_id\": \"b\", \"text\": \"two\"}\n"
                        + "{\"_id\": \"c\", \"txt\": \"three\"}\n");
        Path out = tmp.resolve("bad-out");
        String[] r = encode(bad.toString(), "document", "general", out);
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[2]).contains("bad-corpus.jsonl, line 3: \"c\" has no text");
        assertThat(r[2]).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.resolve(VectorExchange.SUCCESS)).doesNotExist();
        if (Files.exists(out)) {
            assertThatThrownBy(() -> VectorExchange.parts(out))
                    .hasMessageContaining("did not finish");
        }

        Path existing = tmp.resolve("existing");
        Files.createDirectories(existing);
        String[] again =
                encode(dataset().resolve("queries.jsonl").toString(), "query", "general", existing);
        assertThat(again[0]).isEqualTo("3");
        assertThat(again[2]).contains("exists already");

        String[] noModel =
                taewSpark(
                        "encode",
                        "--master",
                        "local[2,2]",
                        "--input",
                        dataset().resolve("queries.jsonl").toString(),
                        "--side",
                        "query",
                        "--model",
                        tmp.resolve("no-such-model").toString(),
                        "--workspace",
                        TestPaths.workspace().toString(),
                        "-o",
                        tmp.resolve("never").toString());
        assertThat(noModel[0]).isNotEqualTo("0");
        assertThat(noModel[2]).contains("no-such-model").doesNotContain("\tat ");

        // an executor without the model folder says so, with its host
        ExecutorModels.Wanted missing =
                new ExecutorModels.Wanted(
                        tmp.resolve("missing-on-executor").toString(),
                        WorkbenchHome.resolve().toString(),
                        "fp32",
                        0,
                        1,
                        null);
        assertThatThrownBy(() -> ExecutorModels.encoder(missing))
                .isInstanceOf(JobFailure.class)
                .hasMessageStartingWith("On executor ")
                .hasMessageContaining("missing-on-executor");
    }

    @Test
    void vectorsOfAnotherModelIdentityAreRefusedByTheImport() throws Exception {
        Path queries = tmp.resolve("queries-full-length");
        String[] q =
                encode(dataset().resolve("queries.jsonl").toString(), "query", "general", queries);
        assertThat(q[0]).as(q[2]).isEqualTo("0");
        Path home = tmp.resolve("home-cut");
        Files.createDirectories(home);
        Files.createSymbolicLink(
                WorkbenchHome.models(home), WorkbenchHome.models(WorkbenchHome.resolve()));
        SessionResolver resolver = new SessionResolver(Workspace.at(TestPaths.workspace()), home);
        SessionSetup setup =
                resolver.resolveWithoutDataset(
                        SessionRequest.builder().optModel("e5-small-v2").optDimension(16).build());
        try (EvaluationSession s = EvaluationSession.open(setup, false)) {
            EmbeddingService service = s.embedder();
            assertThatThrownBy(
                            () ->
                                    VectorExchange.importInto(
                                            queries, service, ProgressListener.NONE))
                    .hasMessageContaining("row 1: vectors of model identity")
                    .hasMessageContaining("e5-small-v2 (as opened here)");
            assertThat(service.cache().size()).isZero();
        }
    }

    @Test
    void theSearchRefusesInputsThatWouldGiveAPlausibleRunOfTheWrongThing() throws Exception {
        Path docs = tmp.resolve("search-docs");
        Path queries = tmp.resolve("search-queries");
        assertThat(
                        encode(
                                dataset().resolve("corpus.jsonl").toString(),
                                "document",
                                "general",
                                docs)[0])
                .isEqualTo("0");
        assertThat(
                        encode(
                                dataset().resolve("queries.jsonl").toString(),
                                "query",
                                "general",
                                queries)[0])
                .isEqualTo("0");
        String[] swapped =
                taewSpark(
                        "search",
                        "--queries",
                        docs.toString(),
                        "--documents",
                        queries.toString(),
                        "-o",
                        tmp.resolve("swapped.run").toString());
        assertThat(swapped[0]).isEqualTo("3");
        assertThat(swapped[2])
                .contains("holds documents (encoded with --side document), not queries");
        assertThat(tmp.resolve("swapped.run")).doesNotExist();

        Path unfinished = tmp.resolve("unfinished-docs");
        Files.createDirectories(unfinished);
        try (var parts = Files.list(docs)) {
            for (Path p :
                    parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                Files.copy(p, unfinished.resolve(p.getFileName()));
            }
        }
        String[] partial =
                taewSpark(
                        "search",
                        "--queries",
                        queries.toString(),
                        "--documents",
                        unfinished.toString(),
                        "-o",
                        tmp.resolve("partial.run").toString());
        assertThat(partial[0]).isEqualTo("3");
        assertThat(partial[2]).contains("has no _SUCCESS marker");

        Path twice = tmp.resolve("twice-corpus.jsonl");
        Files.writeString(
                twice,
                "{\"_id\": \"a\", \"text\": \"one\"}\n{\"_id\": \"a\", \"text\": \"another\"}\n");
        Path twiceDocs = tmp.resolve("twice-docs");
        String[] repeated = encode(twice.toString(), "document", "general", twiceDocs);
        assertThat(repeated[0]).isEqualTo("3");
        assertThat(repeated[2])
                .contains("the id \"a\" is there more than once")
                .contains("nothing was written");
        assertThat(twiceDocs).doesNotExist();

        // an output with a part copied in (two outputs merged by hand): a document twice
        Path merged = tmp.resolve("merged-docs");
        Files.createDirectories(merged);
        try (var parts = Files.list(docs)) {
            for (Path p : parts.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                Files.copy(p, merged.resolve(p.getFileName()));
                if (p.getFileName().toString().startsWith("part-")) {
                    Files.copy(
                            p,
                            merged.resolve("part-99999-copy.parquet"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        String[] dup =
                taewSpark(
                        "search",
                        "--queries",
                        queries.toString(),
                        "--documents",
                        merged.toString(),
                        "-o",
                        tmp.resolve("dup.run").toString());
        assertThat(dup[0]).isEqualTo("3");
        assertThat(dup[2]).containsPattern("holds document D\\d+ more than once");

        String[] tag =
                taewSpark(
                        "search",
                        "--queries",
                        queries.toString(),
                        "--documents",
                        docs.toString(),
                        "--tag",
                        "two words",
                        "-o",
                        tmp.resolve("tag.run").toString());
        assertThat(tag[0]).isEqualTo("2");
        assertThat(tag[2]).contains("--tag must be one word");
    }

    @Test
    void theTaskIsTheDatasetsAsEvalTakesItAndAModelThatCannotOpenOnTheDriverIsOneSentence()
            throws Exception {
        Path faq = TestPaths.workspace().resolve("datasets/query-to-faq/queries.jsonl");
        Path out = tmp.resolve("faq-queries");
        String[] r = encode(faq.toString(), "query", "task-aware", out);
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("task faq-search");

        String[] cut =
                encode(
                        dataset().resolve("queries.jsonl").toString(),
                        "query",
                        "general",
                        tmp.resolve("too-long"),
                        "--dim",
                        "9999");
        assertThat(cut[0])
                .as("a bad --dim is the user's input, said before any Spark work")
                .isEqualTo("3");
        assertThat(cut[2]).contains("9999").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void theEncodersWorkersAreTheThreadsOfALocalMaster() {
        assertThat(SparkOptions.localThreads("local[3]")).isEqualTo(3);
        assertThat(SparkOptions.localThreads("local[2,4]")).isEqualTo(2);
        assertThat(SparkOptions.localThreads("local[*]"))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(SparkOptions.localThreads("local")).isEqualTo(1);
    }
}
