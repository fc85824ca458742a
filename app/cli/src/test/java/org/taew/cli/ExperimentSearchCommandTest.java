package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.util.WorkbenchHome;

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
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        // the bundled models extracted once for all tests; cache and history are this test's
        Files.createSymbolicLink(
                WorkbenchHome.models(home), WorkbenchHome.models(WorkbenchHome.resolve()));
        CliRun run =
                CliRun.of(
                        "experiment",
                        "search",
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--home",
                        home.toString(),
                        "--no-progress",
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
                .contains("Recommendation: ")
                .contains("and each search's trace (taew runs searches).");
        // the plan comes before anything is scored
        assertThat(run.out().indexOf("Searching ")).isLessThan(run.out().indexOf("  #  variant"));
        Path dir = out.resolve("proposals");
        List<String> trace = Files.readAllLines(dir.resolve("search-trace.csv"));
        assertThat(trace.get(0)).startsWith("dataset,model,fold,round,wording,origin");
        assertThat(trace).anyMatch(r -> r.startsWith("helpdesk-mini,bge-small-en-v1.5,0,1,card,"));
        assertThat(Files.readString(dir.resolve("report.html"))).contains("What the search tried");
        assertThat(Files.readString(dir.resolve("leaderboard.md"))).contains("Search: ");
        // the history keeps the trace: every step of search-trace.csv, and the leaderboard's runs
        CliRun listed = CliRun.of("runs", "searches", "--home", home.toString());
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out())
                .containsPattern(
                        "\\s+1  \\S+ \\S+ +proposals +helpdesk-mini/test +bge-small-en-v1\\.5")
                .contains("1 of 1 searches in ");
        CliRun shown = CliRun.of("runs", "searches", "1", "--home", home.toString());
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out())
                .contains("Search 1 (proposals): helpdesk-mini/test with bge-small-en-v1.5")
                .contains("4 searches of at most 90 (wording, query) evaluations each")
                .contains("The final search, on every query:")
                .contains("The search with fold 3 held out:")
                .containsPattern("Chosen: \\S+")
                .contains("Recommendation: ")
                .contains("Wordings:");
        long steps =
                shown.out()
                        .lines()
                        .filter(l -> l.matches("\\s+\\d+  .*\\s\\d+\\s+\\d\\.\\d{4}.*"))
                        .count();
        assertThat(steps).isEqualTo(trace.size() - 1);
        CliRun runs =
                CliRun.of("runs", "list", "--home", home.toString(), "--experiment", "proposals");
        assertThat(runs.out()).contains("general").contains("card");
        CliRun missing = CliRun.of("runs", "searches", "7", "--home", home.toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no search 7 in ");
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
