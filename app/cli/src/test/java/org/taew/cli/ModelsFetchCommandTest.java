package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.testing.HubFixture;
import org.taew.core.testing.TinyModels;

/** `taew models fetch` against a stand-in of the Hub on the loopback address, then `eval` on it. */
class ModelsFetchCommandTest {
    private static final String COMMIT = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir Path tmp;

    @Test
    void fetchedSafetensorsAndOnnxModelsAreListedAndEvaluatedByName() throws Exception {
        String home = tmp.resolve("home").toString();
        try (HubFixture hub = HubFixture.start()) {
            hub.serve("org/tiny-qwen3", COMMIT, HubFixture.filesOf(TinyModels.copy("qwen3", tmp)));
            // an ONNX repository in sentence-transformers' layout: the bundled MiniLM's files
            Path minilm = Path.of(System.getProperty("taew.home"), "models", "all-MiniLM-L6-v2");
            Path st = tmp.resolve("st");
            Files.createDirectories(st.resolve("1_Pooling"));
            Files.writeString(
                    st.resolve("modules.json"),
                    "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
                            + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"},"
                            + "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Normalize\",\"type\":\"sentence_transformers.models.Normalize\"}]");
            Files.writeString(
                    st.resolve("1_Pooling/config.json"),
                    "{\"word_embedding_dimension\": 384, \"pooling_mode_mean_tokens\": true}");
            Files.writeString(st.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 256}");
            Map<String, Path> onnx = new LinkedHashMap<>();
            onnx.put("onnx/model.onnx", minilm.resolve("model.onnx"));
            onnx.put("tokenizer.json", minilm.resolve("tokenizer.json"));
            onnx.put("config.json", minilm.resolve("config.json"));
            onnx.put("modules.json", st.resolve("modules.json"));
            onnx.put("1_Pooling/config.json", st.resolve("1_Pooling/config.json"));
            onnx.put("sentence_bert_config.json", st.resolve("sentence_bert_config.json"));
            hub.serve("sentence-transformers/all-MiniLM-L6-v2", COMMIT, onnx);

            for (String repo :
                    new String[] {"org/tiny-qwen3", "sentence-transformers/all-MiniLM-L6-v2"}) {
                CliRun fetch =
                        CliRun.of(
                                "models",
                                "fetch",
                                repo,
                                "--endpoint",
                                hub.endpoint(),
                                "--home",
                                home,
                                "--no-progress");
                assertThat(fetch.exitCode()).as(fetch.err()).isZero();
                assertThat(fetch.out())
                        .contains("Fetched " + repo + "@main (commit fedcba987654")
                        .contains("Use it with --model " + repo);
                CliRun eval =
                        CliRun.of(
                                "eval",
                                "--workspace",
                                CliRun.workspace().toString(),
                                "--home",
                                home,
                                "--no-progress",
                                "-m",
                                repo,
                                "--mode",
                                "general",
                                "-o",
                                tmp.resolve("out-" + repo.replace('/', '_')).toString());
                assertThat(eval.exitCode()).as(eval.err()).isZero();
                assertThat(eval.out()).contains("nDCG@10");
            }
            CliRun again =
                    CliRun.of(
                            "models",
                            "fetch",
                            "org/tiny-qwen3",
                            "--endpoint",
                            hub.endpoint(),
                            "--home",
                            home,
                            "--no-progress");
            assertThat(again.out()).startsWith("Already fetched: org/tiny-qwen3@main");

            CliRun list = CliRun.of("models", "--home", home);
            assertThat(list.out())
                    .contains("fetched: org/tiny-qwen3@main, commit fedcba987654")
                    .contains("fetched: sentence-transformers/all-MiniLM-L6-v2@main");

            CliRun missing =
                    CliRun.of(
                            "models",
                            "fetch",
                            "org/nothing",
                            "--endpoint",
                            hub.endpoint(),
                            "--home",
                            home,
                            "--no-progress");
            assertThat(missing.exitCode()).isEqualTo(ExitCodes.MODEL);
            assertThat(missing.err())
                    .contains("No model org/nothing at revision main")
                    .doesNotContain("Exception");
        }
    }
}
