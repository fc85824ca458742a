package org.taew.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.cli.Main;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.experiments.ExperimentReader;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentRunner;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.ScoredDoc;
import org.taew.core.testing.ShippedWorkspace;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;
import org.taew.desktop.DesktopViewModels;
import org.taew.desktop.DirectTaskRunner;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.TestWorkspace;
import org.taew.desktop.util.Debouncer;

/**
 * The command line and the desktop resolve the same input through core's session, so they write the
 * same results.json scores: a bundled model, a model folder with sentence-transformers prompts and
 * no instruction file of its own, a symmetric dataset (queries are documents).
 */
class SameNumbersTest {
    @TempDir Path dir;
    WorkbenchContext context;

    @BeforeEach
    void workspace() throws Exception {
        context = TestWorkspace.create(dir);
        ShippedWorkspace.copy(
                "datasets/similar-questions",
                context.workspace().datasets().resolve("similar-questions"));
        // listed before helpdesk-mini: the default must be core's, not the first in the list
        ShippedWorkspace.copy(
                "datasets/code-search", context.workspace().datasets().resolve("code-search"));
    }

    /**
     * An e5 model as users download it: Hugging Face files, sentence-transformers modules and
     * prompts, under a name no instruction file lists.
     */
    static Path promptedModel(Path dir) throws Exception {
        ModelSpec e5 = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2");
        Path m = dir.resolve("acme-embed");
        Files.createDirectories(m.resolve("1_Pooling"));
        Files.createSymbolicLink(m.resolve("model.onnx"), e5.weights());
        Files.copy(e5.tokenizer(), m.resolve("tokenizer.json"));
        Files.copy(e5.dir().resolve("config.json"), m.resolve("config.json"));
        Files.writeString(
                m.resolve("modules.json"),
                "[{\"idx\": 0, \"name\": \"0\", \"path\": \"\", \"type\":"
                        + " \"sentence_transformers.models.Transformer\"},"
                        + " {\"idx\": 1, \"name\": \"1\", \"path\": \"1_Pooling\", \"type\":"
                        + " \"sentence_transformers.models.Pooling\"},"
                        + " {\"idx\": 2, \"name\": \"2\", \"path\": \"2_Normalize\", \"type\":"
                        + " \"sentence_transformers.models.Normalize\"}]");
        Files.writeString(
                m.resolve("1_Pooling/config.json"),
                "{\"word_embedding_dimension\": 384, \"pooling_mode_mean_tokens\": true}");
        Files.writeString(
                m.resolve("config_sentence_transformers.json"),
                "{\"prompts\": {\"query\": \"query: \", \"passage\": \"passage: \"}}");
        return m;
    }

    @ParameterizedTest
    @CsvSource({
        "DEFAULT, DEFAULT",
        "helpdesk-mini, e5-small-v2",
        "helpdesk-mini, PROMPTED",
        "similar-questions, bge-small-en-v1.5"
    })
    void theCommandLineAndTheDesktopWriteTheSameScores(String dataset, String model)
            throws Exception {
        String m =
                model.equals("PROMPTED")
                        ? promptedModel(dir).toString()
                        : model.equals("DEFAULT") ? null : model;
        String d = dataset.equals("DEFAULT") ? null : dataset;
        Path cliOut = dir.resolve("cli");
        List<String> args = new ArrayList<>(List.of("eval"));
        if (d != null) {
            args.addAll(List.of("-d", d));
        }
        if (m != null) {
            args.addAll(List.of("-m", m));
        }
        args.addAll(
                List.of(
                        "--workspace",
                        context.workspace().root().toString(),
                        "-k",
                        "10",
                        // the arms the desktop evaluates: the hybrid is RRF k 60 with task-aware
                        "--mode",
                        "general,task-aware,bm25,hybrid",
                        "--no-progress",
                        "-o",
                        cliOut.toString()));
        int code = Main.run(args.toArray(new String[0]));
        assertThat(code).isZero();

        SessionViewModel session = newSession();
        session.start(d, m);
        Path desktopOut = dir.resolve("desktop");
        ResultsWriter.write(desktopOut, session.report());
        session.close();

        JsonObject cli = json(cliOut.resolve("results.json"));
        JsonObject desktop = json(desktopOut.resolve("results.json"));
        assertThat(desktop.getAsJsonObject("dataset")).isEqualTo(cli.getAsJsonObject("dataset"));
        // the same model (the homes differ: the desktop's test home links the shared models)
        JsonObject desktopModel = desktop.getAsJsonObject("model").deepCopy();
        JsonObject cliModel = cli.getAsJsonObject("model").deepCopy();
        desktopModel.remove("path");
        cliModel.remove("path");
        assertThat(desktopModel).isEqualTo(cliModel);
        for (String key :
                List.of(
                        "schema_version",
                        "task",
                        "ignore_identical_ids",
                        "identical_ids",
                        "instructions")) {
            assertThat(desktop.get(key)).as(key).isEqualTo(cli.get(key));
        }
        assertThat(scores(desktop)).isEqualTo(scores(cli)).isNotEmpty();
        assertThat(desktop.getAsJsonObject("comparison").get("metrics"))
                .isEqualTo(cli.getAsJsonObject("comparison").get("metrics"));
        if (model.equals("PROMPTED")) {
            assertThat(
                            cli.getAsJsonObject("instructions")
                                    .getAsJsonObject("task_aware")
                                    .get("query")
                                    .getAsString())
                    .isEqualTo("query: {text}");
        }
    }

    /**
     * One configuration (helpdesk-mini, e5-small-v2, its instruction file's templates) three ways —
     * an experiment variant equal to the card, the desktop's live evaluation, and {@code taew eval}
     * — gives the same nDCG@10 of every query and the same top 10 of every query's ranking, in both
     * modes.
     */
    @Test
    void evalTheLiveEvaluationAndAnExperimentVariantScoreAndRankAlike() throws Exception {
        MetricId ndcg = MetricId.parse("ndcg_cut.10");
        Path file = dir.resolve("same.yaml");
        Files.writeString(
                file,
                """
                datasets: [helpdesk-mini]
                models: [e5-small-v2]
                variants:
                  - {name: as-card, query: "query: {text}", document: "passage: {text}"}
                """);
        // the experiment first: its rankings are read from the run history before anything else
        // records there
        ExperimentResult.ModelResult experiment =
                ExperimentRunner.run(
                                ExperimentReader.read(file),
                                new SessionResolver(context.workspace(), context.home()),
                                SessionRequest.builder()
                                        .optRecordAs(RunRecord.Origin.EXPERIMENT)
                                        .build(),
                                ModeComparison.Settings.DEFAULT,
                                ProgressListener.NONE)
                        .results()
                        .get(0);
        Map<Mode, Map<String, List<ScoredDoc>>> experimentTop = new EnumMap<>(Mode.class);
        try (RunHistory history =
                RunHistory.openForReading(WorkbenchHome.history(context.home()))) {
            experimentTop.put(
                    Mode.GENERAL,
                    history.get(experiment.variant("general").runId()).scores().top());
            experimentTop.put(
                    Mode.TASK_AWARE,
                    history.get(experiment.variant("as-card").runId()).scores().top());
        }
        assertThat(experiment.variant("as-card").perQuery())
                .isEqualTo(experiment.variant("card").perQuery());

        SessionViewModel session = newSession();
        session.start("helpdesk-mini", "e5-small-v2");
        RetrievalEvaluation.Result live = session.snapshotProperty().get().result();
        session.close();

        Path cliOut = dir.resolve("cli");
        assertThat(
                        Main.run(
                                "eval",
                                "-d",
                                "helpdesk-mini",
                                "-m",
                                "e5-small-v2",
                                "--workspace",
                                context.workspace().root().toString(),
                                "--no-progress",
                                "-o",
                                cliOut.toString()))
                .isZero();
        Map<String, Map<String, Double>> evalPerQuery = perQuery(cliOut.resolve("per-query.csv"));

        for (Mode mode : List.of(Mode.GENERAL, Mode.TASK_AWARE)) {
            String arm = mode == Mode.GENERAL ? "general" : "as-card";
            RetrievalEvaluation.ModeResult liveMode = live.modes().get(mode);
            List<String> queries = liveMode.scores().queryIds();
            assertThat(experiment.queryIds()).as(mode.label()).isEqualTo(queries);
            // per query: the experiment and the live evaluation bit for bit, eval's file to its
            // six decimals
            assertThat(experiment.variant(arm).perQuery())
                    .as(mode.label() + ": experiment vs live, nDCG@10 per query")
                    .isEqualTo(liveMode.scores().of(ndcg));
            Map<String, List<ScoredDoc>> evalRun =
                    runFile(cliOut.resolve("run-" + mode.label() + ".trec"));
            for (int i = 0; i < queries.size(); i++) {
                String q = queries.get(i);
                assertThat(evalPerQuery.get(q).get(ndcg.name() + ":" + mode.label()))
                        .as(mode.label() + " " + q + ": eval vs live")
                        .isCloseTo(liveMode.scores().of(ndcg)[i], within(5e-7));
                List<ScoredDoc> liveTop = liveMode.run().of(q).subList(0, 10);
                assertThat(experimentTop.get(mode).get(q))
                        .as(mode.label() + " " + q + ": experiment vs live top 10")
                        .isEqualTo(liveTop);
                List<ScoredDoc> evalTop = evalRun.get(q).subList(0, 10);
                assertThat(evalTop)
                        .extracting(ScoredDoc::docId)
                        .as(mode.label() + " " + q + ": eval vs live top 10")
                        .isEqualTo(liveTop.stream().map(ScoredDoc::docId).toList());
                for (int r = 0; r < 10; r++) {
                    assertThat((double) evalTop.get(r).score())
                            .isCloseTo(liveTop.get(r).score(), within(5e-7));
                }
            }
        }
    }

    /** A TREC run file's rankings as written, line by line (qid Q0 docid rank score tag). */
    private static Map<String, List<ScoredDoc>> runFile(Path file) throws Exception {
        Map<String, List<ScoredDoc>> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\\s+");
            out.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new ScoredDoc(f[2], Float.parseFloat(f[4])));
        }
        return out;
    }

    /** per-query.csv as query id → column → value (ids and numbers hold no commas here). */
    private static Map<String, Map<String, Double>> perQuery(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Map<String, Double> row = new HashMap<>();
            int numbers = header.length - 2;
            for (int c = 0; c < numbers; c++) {
                row.put(header[2 + c], Double.parseDouble(f[f.length - numbers + c]));
            }
            out.put(f[0], row);
        }
        return out;
    }

    /** A desktop session on the test workspace, its work run at once. */
    private SessionViewModel newSession() {
        return DesktopViewModels.create(
                        context,
                        new DirectTaskRunner(),
                        new RecordingDialogs(),
                        Debouncer.IMMEDIATE,
                        new AtomicLong()::incrementAndGet)
                .session();
    }

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    /** Every measure of every mode, as "mode measure" → value. */
    private static Map<String, Double> scores(JsonObject results) {
        Map<String, Double> out = new TreeMap<>();
        JsonObject s = results.getAsJsonObject("scores");
        for (String mode : s.keySet()) {
            JsonObject measures = s.getAsJsonObject(mode).getAsJsonObject("measures");
            for (String m : measures.keySet()) {
                out.put(mode + " " + m, measures.get(m).getAsDouble());
            }
            out.put(mode + " main_score", s.getAsJsonObject(mode).get("main_score").getAsDouble());
        }
        return out;
    }
}
