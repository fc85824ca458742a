package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** int8 weights from the command line: chosen with --precision, marked as drafts wherever shown. */
class PrecisionCommandTest {
    @TempDir Path tmp;

    @Test
    void anInt8EvaluationIsMarkedAsADraftInItsReportFilesAndHistory() throws Exception {
        String home = tmp.resolve("home").toString();
        Path out = tmp.resolve("out");
        CliRun run =
                CliRun.of(
                        "eval",
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--home",
                        home,
                        "--no-progress",
                        "--precision",
                        "int8",
                        "-o",
                        out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("e5-small-v2 (int8 draft) on helpdesk-mini")
                .contains("Warning: DRAFT: made with int8 weights (onnx/model_quantized.onnx)")
                .contains("confirm in fp32 before reporting");
        String json = Files.readString(out.resolve("results.json"), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"precision\": \"int8\"")
                .contains("\"draft\": true")
                .contains("\"engine\": \"OnnxRuntime 1.21.1 on CPU, int8 weights\"")
                .contains("DRAFT: made with int8 weights");

        CliRun fp32 =
                CliRun.of(
                        "eval",
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--home",
                        home,
                        "--no-progress",
                        "-o",
                        tmp.resolve("fp32").toString());
        assertThat(fp32.exitCode()).as(fp32.err()).isZero();
        assertThat(fp32.out()).doesNotContain("DRAFT").doesNotContain("int8");
        assertThat(Files.readString(tmp.resolve("fp32/results.json"), StandardCharsets.UTF_8))
                .contains("\"precision\": \"fp32\"")
                .contains("\"draft\": false");

        CliRun runs = CliRun.of("runs", "list", "--home", home);
        assertThat(runs.exitCode()).as(runs.err()).isZero();
        assertThat(runs.out().lines().filter(l -> l.contains("e5-small-v2 (int8 draft)")))
                .as(runs.out())
                .hasSize(2);
        assertThat(
                        runs.out()
                                .lines()
                                .filter(l -> l.contains("e5-small-v2 ") && !l.contains("draft")))
                .as("fp32 runs are recorded apart from the drafts")
                .hasSize(2);

        CliRun compare =
                CliRun.of("runs", "compare", "2", "4", "--home", home, "--permutations", "500");
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        assertThat(compare.out())
                .contains("A: run 2, task-aware · helpdesk-mini/test · e5-small-v2 (int8 draft)")
                .contains("Warning: run 2 is a draft made with int8 weights");
        assertThat(Files.readString(out.resolve("run-task-aware.trec"), StandardCharsets.UTF_8))
                .as("the run tag says int8")
                .contains(" e5-small-v2_int8_task-aware");

        CliRun models = CliRun.of("models", "--home", home);
        assertThat(models.out()).contains("fp32,int8");
    }

    @Test
    void reproduceAndTheNativeEngineRefuseInt8WithAReason() {
        CliRun reproduce =
                CliRun.of(
                        "reproduce",
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--home",
                        tmp.toString(),
                        "--precision",
                        "int8",
                        "helpdesk-mini");
        assertThat(reproduce.exitCode()).isNotZero();
        assertThat(reproduce.err()).contains("expected figures are of fp32 weights");

        CliRun nativeInt8 =
                CliRun.of(
                        "eval",
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--home",
                        tmp.toString(),
                        "--no-progress",
                        "--precision",
                        "int8",
                        "--engine",
                        "native",
                        "-o",
                        tmp.resolve("n").toString());
        assertThat(nativeInt8.exitCode()).isEqualTo(ExitCodes.MODEL);
        assertThat(nativeInt8.err()).contains("run in ONNX Runtime on the CPU");

        CliRun cards =
                CliRun.of(
                        "datasets",
                        "results",
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--home",
                        tmp.toString(),
                        "--precision",
                        "int8",
                        "--update-cards",
                        "-o",
                        tmp.resolve("table.md").toString());
        assertThat(cards.exitCode()).isNotZero();
        assertThat(cards.err()).contains("reference figures, which are of fp32 weights");

        CliRun bad = CliRun.of("eval", "--precision", "int4");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("fp32").contains("int8");
    }
}
