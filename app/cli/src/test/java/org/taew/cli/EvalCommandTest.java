package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.taew.core.logic.engine.Engines;
import org.taew.core.testing.TinyModels;

class EvalCommandTest {
    @TempDir Path tmp;

    private String[] eval(Path out, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "eval",
                                "--workspace",
                                CliRun.workspace().toString(),
                                "--home",
                                tmp.resolve("home").toString(),
                                "--no-progress",
                                "--permutations",
                                "2000",
                                "-o",
                                out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @ParameterizedTest
    @ValueSource(strings = {"t5", "qwen3", "gemma3"})
    void aModelFolderOfEachArchitectureEvaluatesBothModesAndCutsItsDimensions(String arch)
            throws Exception {
        Path model = TinyModels.copy(arch, tmp);
        Path out = tmp.resolve("out-" + arch);
        CliRun run = CliRun.of(eval(out, "--model", model.toString(), "--dim", "16"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("task-aware").contains("nDCG@10");
        JsonObject results = json(out.resolve("results.json"));
        JsonObject m = results.getAsJsonObject("model");
        assertThat(m.get("engine").getAsString())
                .contains("native " + (arch.equals("gemma3") ? "gemma3_text" : arch) + " encoder")
                .contains("first 16 dimensions");
        assertThat(m.get("dimension").getAsInt()).isEqualTo(16);
        assertThat(results.getAsJsonObject("scores").keySet())
                .containsExactly("general", "task_aware", "bm25");
        // only EmbeddingGemma's card (the fixture's README) claims Matryoshka training
        assertThat(results.toString().contains("does not say it was trained for Matryoshka"))
                .isEqualTo(!arch.equals("gemma3"));

        CliRun tooWide =
                CliRun.of(eval(tmp.resolve("wide"), "--model", model.toString(), "--dim", "999"));
        assertThat(tooWide.exitCode()).isNotZero();
        assertThat(tooWide.err())
                .contains("Dimension 999: the vectors of tiny-" + arch + " have 32 dimensions")
                .doesNotContain("Exception");
    }

    @Test
    void aFolderThatCutsItsVectorsIsEvaluatedCutUnlessAnotherDimensionIsAsked() throws Exception {
        // as sentence-transformers reads it: truncate_dim in config_sentence_transformers.json
        Path model = TinyModels.copy("qwen3", tmp);
        Path cfg = model.resolve("config_sentence_transformers.json");
        Files.writeString(cfg, Files.readString(cfg).replaceFirst("\\{", "{\"truncate_dim\": 16,"));
        Path cut = tmp.resolve("cut");
        CliRun run = CliRun.of(eval(cut, "--model", model.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject m = json(cut.resolve("results.json")).getAsJsonObject("model");
        assertThat(m.get("dimension").getAsInt()).isEqualTo(16);
        assertThat(m.get("engine").getAsString()).contains("first 16 dimensions");

        Path whole = tmp.resolve("whole");
        CliRun full = CliRun.of(eval(whole, "--model", model.toString(), "--dim", "32"));
        assertThat(full.exitCode()).as(full.err()).isZero();
        JsonObject w = json(whole.resolve("results.json")).getAsJsonObject("model");
        assertThat(w.get("dimension").getAsInt()).isEqualTo(32);
        assertThat(w.get("engine").getAsString()).doesNotContain("first");

        // a cut beyond the vectors' length keeps them whole, as sentence-transformers' slice does
        Files.writeString(
                cfg,
                Files.readString(cfg).replace("\"truncate_dim\": 16,", "\"truncate_dim\": 64,"));
        Path beyond = tmp.resolve("beyond");
        CliRun wide = CliRun.of(eval(beyond, "--model", model.toString()));
        assertThat(wide.exitCode()).as(wide.err()).isZero();
        JsonObject b = json(beyond.resolve("results.json")).getAsJsonObject("model");
        assertThat(b.get("dimension").getAsInt()).isEqualTo(32);
        assertThat(b.get("engine").getAsString()).doesNotContain("first");
    }

    /**
     * An onnx-community-style folder of each architecture (onnx/model.onnx, model_quantized.onnx,
     * model_q4.onnx; Gemma 3's fp32 weights in model.onnx_data) evaluates both modes in fp32 on
     * ONNX Runtime and as an int8 and a q4 draft.
     */
    @ParameterizedTest
    @ValueSource(strings = {"t5", "qwen3", "gemma3"})
    void theOnnxExportsOfEachArchitectureEvaluateInEveryPrecision(String arch) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : List.of("model.onnx", "model_quantized.onnx", "model_q4.onnx")) {
            files.put(f, f);
        }
        if (arch.equals("gemma3")) {
            files.put("model.onnx_data", "model.onnx_data");
        }
        Path model = TinyModels.withOnnx(arch, tmp, files);
        for (String precision : List.of("fp32", "int8", "q4")) {
            Path out = tmp.resolve("out-" + arch + "-" + precision);
            CliRun run =
                    CliRun.of(eval(out, "--model", model.toString(), "--precision", precision));
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonObject results = json(out.resolve("results.json"));
            JsonObject m = results.getAsJsonObject("model");
            assertThat(m.get("engine").getAsString())
                    .contains("OnnxRuntime")
                    .endsWith(precision.equals("fp32") ? "on CPU" : ", " + precision + " weights");
            assertThat(m.get("precision").getAsString()).isEqualTo(precision);
            assertThat(m.get("draft").getAsBoolean()).isEqualTo(!precision.equals("fp32"));
            assertThat(results.getAsJsonObject("scores").keySet())
                    .contains("general", "task_aware");
        }
    }

    @Test
    void aFolderNamedLikeAFamilyUsesItsOwnPromptsUnlessTheFamilyFileIsNamed() throws Exception {
        // the folder's name (tiny-st6-qwen3) suggests the qwen3 family, and instructions/ has
        // qwen3.yaml with another wording; the folder's own prompts are the model author's
        Path model = TinyModels.copy("st6-qwen3", tmp);
        Path prompts = model.resolve("config_sentence_transformers.json");
        Path own = tmp.resolve("own");
        CliRun run = CliRun.of(eval(own, "--model", model.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "task-aware: query \"Instruct: Given a web search query, retrieve relevant"
                                + " passages that answer the query\\nQuery:{text}\", document"
                                + " \"{text}\"")
                .contains(
                        "Task-aware templates: model prompts "
                                + prompts
                                + " (the model folder's own; qwen3.yaml matches the folder's name"
                                + " but applies only when chosen)");
        JsonObject taskAware =
                json(own.resolve("results.json"))
                        .getAsJsonObject("instructions")
                        .getAsJsonObject("task_aware");
        assertThat(taskAware.get("source").getAsString()).isEqualTo(prompts.toString());
        assertThat(taskAware.get("from").getAsString()).startsWith("model prompts " + prompts);

        Path file = CliRun.workspace().resolve("instructions/qwen3.yaml");
        Path named = tmp.resolve("named");
        CliRun chosen =
                CliRun.of(
                        eval(
                                named,
                                "--model",
                                model.toString(),
                                "--instructions",
                                file.toString()));
        assertThat(chosen.exitCode()).as(chosen.err()).isZero();
        assertThat(chosen.out())
                .contains(
                        "Task-aware templates: instruction file "
                                + file
                                + " (named with --instructions)");
        assertThat(
                        json(named.resolve("results.json"))
                                .getAsJsonObject("instructions")
                                .getAsJsonObject("task_aware")
                                .get("source")
                                .getAsString())
                .isEqualTo(file.toString());
    }

    @Test
    void evalPrintsTheComparisonAndWritesResultsRunsAndPerQueryRows() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of(eval(out));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "e5-small-v2 on helpdesk-mini (test split: 40 queries, 64 documents), task \"retrieval\"")
                .contains("task-aware: query \"query: {text}\", document \"passage: {text}\"")
                .contains("nDCG@10")
                .contains("95% CI of delta")
                .containsPattern(
                        "Per query on nDCG@10: \\d+ better with instructions, \\d+ worse, \\d+ tied");

        JsonObject results = json(out.resolve("results.json"));
        assertThat(results.getAsJsonObject("model").get("name").getAsString())
                .isEqualTo("e5-small-v2");
        assertThat(
                        results.getAsJsonObject("instructions")
                                .getAsJsonObject("task_aware")
                                .get("query")
                                .getAsString())
                .isEqualTo("query: {text}");
        double general =
                results.getAsJsonObject("scores")
                        .getAsJsonObject("general")
                        .getAsJsonObject("measures")
                        .get("ndcg_cut.10")
                        .getAsDouble();
        assertThat(general).isBetween(0.5, 1.0);
        assertThat(results.getAsJsonObject("comparison").getAsJsonArray("metrics")).hasSize(6);

        List<String> perQuery =
                Files.readAllLines(out.resolve("per-query.csv"), StandardCharsets.UTF_8);
        assertThat(perQuery).hasSize(41);
        assertThat(perQuery.get(0))
                .startsWith(
                        "query_id,query,ndcg_cut.10:general,ndcg_cut.10:task-aware,ndcg_cut.10:bm25,"
                                + "ndcg_cut.10:delta");

        List<String> trec = Files.readAllLines(out.resolve("run-task-aware.trec"));
        assertThat(trec).hasSize(40 * 64); // depth 100 > 64 documents
        assertThat(trec.get(0)).matches("Q001 Q0 D\\d{3} 1 -?\\d\\.\\d{6} e5-small-v2_task-aware");
    }

    @Test
    void changingOnlyTheQueryInstructionReEncodesOnlyTheQueries() throws Exception {
        CliRun first = CliRun.of(eval(tmp.resolve("first")));
        assertThat(first.exitCode()).as(first.err()).isZero();

        Path custom = tmp.resolve("e5-edited.yaml");
        Files.writeString(
                custom,
                """
                family: e5
                models: [e5-small-v2]
                tasks:
                  retrieval:
                    query: "query: helpdesk question: {text}"
                    document: "passage: {text}"
                """);
        Path out = tmp.resolve("second");
        CliRun second = CliRun.of(eval(out, "--instructions", custom.toString()));
        assertThat(second.exitCode()).as(second.err()).isZero();
        JsonObject enc = json(out.resolve("results.json")).getAsJsonObject("encoding");
        JsonObject taskAware = enc.getAsJsonObject("task_aware");
        assertThat(taskAware.getAsJsonObject("documents").get("encoded").getAsInt()).isZero();
        assertThat(taskAware.getAsJsonObject("documents").get("from_cache").getAsInt())
                .isEqualTo(64);
        assertThat(taskAware.getAsJsonObject("queries").get("encoded").getAsInt()).isEqualTo(40);
        JsonObject general = enc.getAsJsonObject("general");
        assertThat(general.getAsJsonObject("queries").get("encoded").getAsInt()).isZero();
        assertThat(general.getAsJsonObject("documents").get("encoded").getAsInt()).isZero();
    }

    @Test
    void stsFileGivesSpearmanForBothModes() throws Exception {
        Path sts = tmp.resolve("pairs.csv");
        Files.writeString(
                sts,
                """
                g\tf\ty\t1\t5.0\tA man is playing a guitar.\tA man plays the guitar.
                g\tf\ty\t2\t0.2\tA man is playing a guitar.\tThe stock market fell sharply today.
                g\tf\ty\t3\t3.0\tA woman is slicing an onion.\tA woman is cutting vegetables.
                g\tf\ty\t4\t1.0\tA dog runs in the park.\tA cat sleeps on the sofa.
                """);
        Path out = tmp.resolve("sts");
        CliRun run = CliRun.of(eval(out, "--dataset", sts.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("task \"similarity\"")
                .contains("Spearman")
                .contains("general")
                .contains("task-aware")
                .contains(
                        "Task-aware templates: instruction file "
                                + CliRun.workspace().resolve("instructions/e5.yaml")
                                + " (it lists model \"e5-small-v2\")");
        assertThat(
                        json(out.resolve("results.json"))
                                .getAsJsonObject("instructions")
                                .getAsJsonObject("task_aware")
                                .get("from")
                                .getAsString())
                .startsWith("instruction file ")
                .endsWith("e5.yaml (it lists model \"e5-small-v2\")");
        assertThat(
                        json(out.resolve("results.json"))
                                .getAsJsonObject("scores")
                                .getAsJsonObject("general")
                                .get("cosine_spearman")
                                .getAsDouble())
                .isGreaterThan(0.5);
    }

    @Test
    void malformedDatasetExitsWithCode3AndNamesFileAndLine() throws Exception {
        Path ds = tmp.resolve("broken");
        Files.createDirectories(ds.resolve("qrels"));
        Files.writeString(
                ds.resolve("corpus.jsonl"),
                "{\"_id\": \"d1\", \"text\": \"fine\"}\n{\"_id\": \"d2\", \"text\": }\n");
        Files.writeString(ds.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"q\"}\n");
        Files.writeString(ds.resolve("qrels/test.tsv"), "q1\td1\t1\n");
        CliRun run = CliRun.of(eval(tmp.resolve("o"), "--dataset", ds.toString()));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .startsWith("error: " + ds.resolve("corpus.jsonl") + ":2: is not valid JSON");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownModelExitsWithCode4AndWrongOptionWithCode2() {
        CliRun model = CliRun.of(eval(tmp.resolve("o"), "--model", "no-such-model"));
        assertThat(model.exitCode()).isEqualTo(4);
        assertThat(model.err()).contains("Unknown model \"no-such-model\"");
        CliRun mode = CliRun.of(eval(tmp.resolve("o"), "--mode", "sometimes"));
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err())
                .contains(
                        "--mode takes general, task-aware, bm25, hybrid, both (general,task-aware) or"
                                + " all, not 'sometimes'");
        CliRun fusion = CliRun.of(eval(tmp.resolve("o"), "--mode", "all", "--fusion", "max"));
        assertThat(fusion.exitCode()).isEqualTo(2);
        assertThat(fusion.err()).contains("--fusion takes rrf or convex, not 'max'");
        CliRun weight =
                CliRun.of(
                        eval(
                                tmp.resolve("o"),
                                "--mode",
                                "all",
                                "--fusion",
                                "convex",
                                "--bm25-weight",
                                "1.5"));
        assertThat(weight.exitCode()).isEqualTo(2);
        assertThat(weight.err()).contains("between 0 and 1, not 1.5");
        CliRun metric = CliRun.of(eval(tmp.resolve("o"), "--metrics", "bleu.4"));
        assertThat(metric.exitCode()).isEqualTo(2);
        assertThat(metric.err()).contains("unknown measure 'bleu'");
    }

    @Test
    void theNativeEncoderGivesTheSameScoresAsOnnxRuntimeAndSaysSoInTheResults() throws Exception {
        CliRun ort = CliRun.of(eval(tmp.resolve("ort")));
        CliRun nat = CliRun.of(eval(tmp.resolve("native"), "--engine", "native", "--no-cache"));
        assertThat(nat.exitCode()).as(nat.err()).isZero();
        JsonObject a = json(tmp.resolve("ort/results.json"));
        JsonObject b = json(tmp.resolve("native/results.json"));
        for (String mode : List.of("general", "task_aware")) {
            double x =
                    a.getAsJsonObject("scores")
                            .getAsJsonObject(mode)
                            .getAsJsonObject("measures")
                            .get("ndcg_cut.10")
                            .getAsDouble();
            double y =
                    b.getAsJsonObject("scores")
                            .getAsJsonObject(mode)
                            .getAsJsonObject("measures")
                            .get("ndcg_cut.10")
                            .getAsDouble();
            assertThat(y).as(mode).isCloseTo(x, Assertions.within(1e-4));
        }
        assertThat(a.getAsJsonObject("model").get("engine").getAsString())
                .startsWith("OnnxRuntime")
                .endsWith("on CPU");
        assertThat(b.getAsJsonObject("model").get("engine").getAsString())
                .startsWith("PyTorch")
                .contains("(native bert encoder) on CPU");
        assertThat(ort.exitCode()).isZero();
    }

    @Test
    void aDeviceOrPrecisionThatCannotBeHadIsAClearError() {
        Assumptions.assumeTrue(Engines.gpuCount() == 0, "this machine has a GPU");
        CliRun gpu = CliRun.of(eval(tmp.resolve("gpu"), "--device", "gpu"));
        assertThat(gpu.exitCode()).isEqualTo(4);
        assertThat(gpu.err())
                .contains("--device gpu: DJL's PyTorch engine sees no CUDA GPU")
                .contains("PYTORCH_LIBRARY_PATH");
        CliRun half = CliRun.of(eval(tmp.resolve("half"), "--half"));
        assertThat(half.exitCode()).isEqualTo(4);
        assertThat(half.err()).contains("Half precision is for the native encoder on a GPU");
        CliRun bad = CliRun.of(eval(tmp.resolve("bad"), "--engine", "tensorrt"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Invalid value for option '--engine'");
    }
}
