package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
    @TempDir Path tmp;

    private Path experiment(String name, String yaml) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** {@code taew experiment run} on the shipped workspace. */
    private static CliRun experimentRun(String... rest) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "experiment",
                                "run",
                                "--workspace",
                                CliRun.workspace().toString(),
                                "--no-progress"));
        args.addAll(List.of(rest));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void runPrintsTheLeaderboardAndWritesItsFiles() throws Exception {
        Path a =
                experiment(
                        "prefixes",
                        """
                        datasets: [helpdesk-mini]
                        models: [e5-small-v2]
                        variants:
                          - {name: query-both, query: "query: {text}", document: "query: {text}"}
                          - {name: search, query: "search_query: {text}", document: "search_document: {text}"}
                        """);
        Path b =
                experiment(
                        "card-baseline",
                        """
                        datasets: [helpdesk-mini]
                        models: [e5-small-v2]
                        baseline: card
                        variants:
                          - {name: plain-passage, query: "{text}", document: "passage: {text}"}
                        """);
        Path out = tmp.resolve("out");
        // an earlier run's folder (another model's MTEB results), and what a killed run left
        Files.createDirectories(out.resolve("prefixes/mteb/old-model"));
        Files.writeString(out.resolve("prefixes/experiment.json"), "{}");
        Files.createDirectories(out.resolve(".prefixes.partial-0badf00d/mteb"));
        Files.writeString(out.resolve(".prefixes.partial-0badf00d/experiment.json"), "{}");
        CliRun run =
                experimentRun(
                        "--permutations", "2000", a.toString(), b.toString(), "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("helpdesk-mini · e5-small-v2 (task retrieval, test split, 40 queries)")
                .contains(
                        "Task-aware templates: card — instruction file "
                                + CliRun.workspace().resolve("instructions/e5.yaml")
                                + " (it lists model \"e5-small-v2\"); the other variants —"
                                + " experiment variants of "
                                + a)
                .contains("Δ against general")
                .contains("Δ against card")
                .containsPattern(
                        "\\n  [1-5]  general +0\\.\\d{4}  \\[0\\.\\d{3}, [01]\\.\\d{3}\\] +baseline")
                // the lexical reference, compared with the baseline like a variant
                .containsPattern(
                        "\\n  [1-5]  bm25 +0\\.\\d{4}  \\[0\\.\\d{3}, [01]\\.\\d{3}\\] +[+-]0\\.\\d{4} ")
                .contains("Reference rows: bm25 — BM25 (k1 = 0.9, b = 0.4")
                .contains("query-both")
                .contains("search")
                .contains("Sensitivity to wording (")
                .contains("Selection, 5-fold cross-validation over queries (seed 42)")
                .containsPattern("\nRecommendation: (use|keep) [^\n]+ on held-out queries \\(p ")
                .contains("Wrote ");
        assertThat(out.resolve("prefixes/leaderboard.md"))
                .content()
                .containsPattern("\n\\*\\*Recommendation: (use|keep) ");
        // each experiment's folder replaced whole, the leftover of the killed run deleted
        assertThat(out.resolve("prefixes/mteb/old-model")).doesNotExist();
        assertThat(out.resolve("prefixes/experiment.json"))
                .content()
                .contains("\"schema_version\"")
                .contains("\"recommendation\": {")
                .contains("\"adopt\": ");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("prefixes", "card-baseline", "README.md");
        }
        assertThat(out.resolve("card-baseline/leaderboard.csv"))
                .content()
                .contains("plain-passage");
        assertThat(out.resolve("README.md"))
                .content()
                .contains("[helpdesk-mini](prefixes/leaderboard.md)")
                .contains("[helpdesk-mini](card-baseline/leaderboard.md)")
                .contains("| recommendation |");
    }

    @Test
    void aBrokenFileStopsTheRunBeforeAnyModelIsLoaded() throws Exception {
        Path good =
                experiment(
                        "good",
                        "datasets: [helpdesk-mini]\nvariants:\n"
                                + "  - {name: a, query: \"query: {text}\", document: \"{text}\"}\n");
        Path bad =
                experiment(
                        "bad",
                        "datasets: [helpdesk-mini]\nvariants:\n"
                                + "  - {name: a, query: \"query: {text}\", documents: \"{text}\"}\n");
        Path out = tmp.resolve("out");
        CliRun run = experimentRun(good.toString(), bad.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains(bad + ":3: unknown key \"documents\"")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutputFolderHoldingOtherFilesIsRefusedBeforeAnythingRuns() throws Exception {
        Path f =
                experiment(
                        "mine",
                        "datasets: [helpdesk-mini]\nmodels: [e5-small-v2]\nvariants:\n"
                                + "  - {name: a, query: \"query: {text}\", document: \"{text}\"}\n");
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("mine"));
        Files.writeString(out.resolve("mine/notes.md"), "my notes");
        CliRun run = experimentRun(f.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).doesNotContain("helpdesk-mini");
        assertThat(run.err())
                .contains(out.resolve("mine") + " holds notes.md, which no earlier run")
                .doesNotContain("Exception");
        assertThat(out.resolve("mine/notes.md")).hasContent("my notes");
    }

    @Test
    void anUnknownDatasetIsNamedBeforeAnyModelIsLoaded() throws Exception {
        Path f =
                experiment(
                        "typo",
                        "datasets: [helpdesk-mnii]\nmodels: [e5-small-v2]\nvariants:\n"
                                + "  - {name: a, query: \"query: {text}\", document: \"{text}\"}\n");
        CliRun run = experimentRun(f.toString(), "-o", tmp.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("helpdesk-mnii").doesNotContain("Exception");
    }
}
