package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code taew experiment search}: the plan first, the leaderboard, the trace, the files. */
class ExperimentSearchCommandTest {
    @TempDir Path tmp;

    @Test
    void aSearchSaysItsPlanThenWritesTheExperimentsFilesAndItsTrace() throws Exception {
        Path file = tmp.resolve("proposals.yaml");
        Files.writeString(
                file,
                """
                datasets: [helpdesk-mini]
                models: [bge-small-en-v1.5]
                selection: {dev: none, folds: 3, seed: 1}
                search: {candidates: 6, budget: 90, seed: 2}
                variants: []
                """);
        Path out = tmp.resolve("out");
        CliRun run =
                CliRun.of(
                        "experiment",
                        "search",
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--no-progress",
                        "--no-history",
                        "--report",
                        "--permutations",
                        "500",
                        "-o",
                        out.toString(),
                        file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("Searching \\d+ wordings for bge-small-en-v1.5 on helpdesk-mini")
                .contains("4 searches of at most 90 (wording, query) evaluations")
                .contains("Selection, instruction search (successive halving), nested 3-fold")
                .containsPattern("Search: \\d+ wordings proposed, \\d+ scored")
                .contains("Recommendation: ");
        // the plan comes before anything is scored
        assertThat(run.out().indexOf("Searching ")).isLessThan(run.out().indexOf("  #  variant"));
        Path dir = out.resolve("proposals");
        List<String> trace = Files.readAllLines(dir.resolve("search-trace.csv"));
        assertThat(trace.get(0)).startsWith("dataset,model,fold,round,wording,origin");
        assertThat(trace).anyMatch(r -> r.startsWith("helpdesk-mini,bge-small-en-v1.5,0,1,card,"));
        assertThat(Files.readString(dir.resolve("report.html"))).contains("What the search tried");
        assertThat(Files.readString(dir.resolve("leaderboard.md"))).contains("Search: ");
        // experiment run has no variants to run in it
        CliRun refused =
                CliRun.of(
                        "experiment",
                        "run",
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--no-progress",
                        "-o",
                        out.toString(),
                        file.toString());
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err())
                .contains(file + ": no variants to run, only a search block: propose wordings");
    }
}
