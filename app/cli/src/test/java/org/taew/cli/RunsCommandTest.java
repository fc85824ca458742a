package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.util.WorkbenchHome;

class RunsCommandTest {
    @TempDir Path tmp;

    Path home;

    @BeforeEach
    void homeWithTheExtractedModels() throws Exception {
        home = tmp.resolve("home");
        Files.createDirectories(home);
        // the bundled models extracted once for all tests; cache and history are this test's
        Files.createSymbolicLink(
                WorkbenchHome.models(home), WorkbenchHome.models(WorkbenchHome.resolve()));
    }

    private CliRun eval(String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "eval",
                                "--workspace",
                                CliRun.workspace().toString(),
                                "--home",
                                home.toString(),
                                "--no-progress",
                                "--permutations",
                                "500",
                                "-o",
                                tmp.resolve("out").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private CliRun runs(String... args) {
        List<String> all = new ArrayList<>(List.of("runs", args[0], "--home", home.toString()));
        all.addAll(List.of(args).subList(1, args.length));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void evalRecordsBothModesAndAnyTwoRunsCompare() throws Exception {
        assertThat(runs("list").out()).startsWith("No runs recorded yet");
        CliRun first = eval();
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("Recorded as runs 1, 2, 3 in " + WorkbenchHome.history(home));
        CliRun again = eval();
        assertThat(again.out()).contains("Recorded as runs 1, 2, 3 in");
        CliRun edited =
                eval(
                        "--mode",
                        "task-aware",
                        "--instructions",
                        CliRun.workspace().resolve("instructions/bge.yaml").toString(),
                        "-m",
                        "bge-small-en-v1.5");
        assertThat(edited.exitCode()).as(edited.err()).isZero();
        assertThat(edited.out()).contains("Recorded as run 4 in");

        CliRun list = runs("list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out())
                .contains("helpdesk-mini/test")
                .contains("e5-small-v2")
                .contains("bge-small-en-v1.5")
                .contains("\"query: {text}\" | \"passage: {text}\"")
                .containsPattern("bm25 +helpdesk-mini/test +BM25 +nDCG@10 0\\.8069")
                .contains("4 of 4 runs in");
        assertThat(runs("list", "-m", "bge-small-en-v1.5").out()).contains("1 of 4 runs");

        CliRun show = runs("show", "2", "--queries");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out())
                .contains("Run 2: task-aware")
                .contains("(2 times) by eval")
                .contains("query      \"query: {text}\"")
                .contains("nDCG@10    0.9704  (main)")
                .containsPattern("Q001 +1\\.0000  D001");

        CliRun lexical = runs("compare", "3", "2", "--permutations", "500");
        assertThat(lexical.exitCode()).as(lexical.err()).isZero();
        assertThat(lexical.out())
                .contains("A: run 3, bm25 · helpdesk-mini/test · BM25")
                .contains("B: run 2, task-aware · helpdesk-mini/test · e5-small-v2")
                .containsPattern("nDCG@10 +0\\.8069 +0\\.9704 +\\+0\\.1635");

        CliRun compare = runs("compare", "1", "4", "--permutations", "500");
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        assertThat(compare.out())
                .contains("A: run 1, general · helpdesk-mini/test · e5-small-v2")
                .contains("B: run 4, task-aware · helpdesk-mini/test · bge-small-en-v1.5")
                .contains("Compared on 40 queries")
                .containsPattern("nDCG@10 +0\\.9605 +0\\.9559 +-0\\.0046")
                .contains("Per query (nDCG@10): B better on")
                .contains("A → B:");

        Path csv = tmp.resolve("runs.csv");
        assertThat(runs("export", "-o", csv.toString()).out()).contains("Wrote 4 runs");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0))
                .startsWith("id,created,evaluated,times,source,label")
                .endsWith("P.10");
        Path perQuery = tmp.resolve("per-query.csv");
        runs("export", "-o", perQuery.toString(), "--per-query", "--model", "bge-small-en-v1.5");
        assertThat(Files.readAllLines(perQuery))
                .hasSize(1 + 6 * 40)
                .contains("4,ndcg_cut.10,Q001,1.0");

        CliRun prune = runs("prune", "--keep", "1");
        assertThat(prune.out()).contains("Deleted 3 runs; 1 remain in");
        CliRun gone = runs("show", "1");
        assertThat(gone.exitCode()).isEqualTo(3);
        assertThat(gone.err()).contains("no run 1 in");
    }

    @Test
    void aBrokenHistoryDoesNotStopAnEvaluation() throws Exception {
        Path history = WorkbenchHome.history(home);
        Files.writeString(history, "my notes, not a database\n".repeat(300));
        byte[] before = Files.readAllBytes(history);
        CliRun run = eval();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Wrote ")
                .contains("Warning: " + history + ": not a readable history database")
                .contains("this session's runs are not recorded.");
        assertThat(tmp.resolve("out/results.json")).exists();
        assertThat(Files.readAllBytes(history)).isEqualTo(before);
        CliRun list = runs("list");
        assertThat(list.exitCode()).isEqualTo(5);
        assertThat(list.err())
                .contains("not a readable history database")
                .doesNotContain("Exception");
    }

    @Test
    void noHistoryMeansNothingIsRecorded() {
        CliRun run = eval("--no-history");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("Recorded");
        assertThat(WorkbenchHome.history(home)).doesNotExist();
    }
}
