package org.taew.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.cli.Main;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.model.ModelSpec;
import org.taew.core.testing.ShippedWorkspace;
import org.taew.core.util.WorkbenchHome;
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
                        "--no-progress",
                        "-o",
                        cliOut.toString()));
        int code = Main.run(args.toArray(new String[0]));
        assertThat(code).isZero();

        SessionViewModel session =
                new SessionViewModel(
                        context,
                        new DirectTaskRunner(),
                        new RecordingDialogs(),
                        Debouncer.IMMEDIATE,
                        new AtomicLong()::incrementAndGet);
        session.start(d, m);
        Path desktopOut = dir.resolve("desktop");
        session.export(desktopOut);
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
