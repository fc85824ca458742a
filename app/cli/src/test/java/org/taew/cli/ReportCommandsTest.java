package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.util.WorkbenchHome;
import org.taew.report.html.Html;

/** The HTML reports from the command line: eval --report, experiment run --report, runs report. */
class ReportCommandsTest {
    @TempDir Path tmp;

    private Path home() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.createSymbolicLink(
                WorkbenchHome.models(home), WorkbenchHome.models(WorkbenchHome.resolve()));
        return home;
    }

    private static CliRun taew(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(
                List.of(
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--home",
                        home.toString(),
                        "--no-progress"));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void evalWritesTheReportBesideItsResultsWithTheSameNumbersAndRunsReportComparesTwoRuns()
            throws Exception {
        Path home = home();
        Path out = tmp.resolve("out");
        CliRun eval =
                taew(
                        home,
                        "eval",
                        "--report",
                        "--mode",
                        "general,task-aware",
                        "-o",
                        out.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("report.html}");
        String html = Files.readString(out.resolve("report.html"));
        JsonObject results =
                JsonParser.parseString(Files.readString(out.resolve("results.json")))
                        .getAsJsonObject();
        JsonObject ndcg =
                results.getAsJsonObject("comparison")
                        .getAsJsonArray("metrics")
                        .get(0)
                        .getAsJsonObject();
        assertThat(ndcg.get("metric").getAsString()).isEqualTo("ndcg_cut.10");
        // the page shows results.json's numbers: one record, two renderings
        assertThat(html)
                .contains("<title>e5-small-v2 on helpdesk-mini</title>")
                .contains(String.format(Locale.ROOT, "%.4f", ndcg.get("general").getAsDouble()))
                .contains(String.format(Locale.ROOT, "%.4f", ndcg.get("task_aware").getAsDouble()))
                .contains(String.format(Locale.ROOT, "%+.4f", ndcg.get("delta").getAsDouble()))
                .contains("forgot the password for remote access from home")
                .contains("<code>query: {text}</code>")
                .doesNotContain("<script");
        assertThat(html.split("<svg ", -1)).hasSize(3);

        Path page = tmp.resolve("pages/runs.html");
        CliRun report =
                taew(
                        home,
                        "runs",
                        "report",
                        "1",
                        "2",
                        "--permutations",
                        "500",
                        "-o",
                        page.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("Wrote " + page);
        assertThat(Files.readString(page))
                .contains("<title>Run 1 vs run 2</title>")
                .contains("A: run 1")
                .contains(String.format(Locale.ROOT, "%+.4f", ndcg.get("delta").getAsDouble()))
                .contains("How the top 10 of Q021 moved, A → B");

        CliRun folder = taew(home, "runs", "report", "1", "2", "-o", tmp.toString());
        assertThat(folder.exitCode()).isNotZero();
        assertThat(folder.err()).contains(tmp + " is a folder: give the report a file name");
    }

    @Test
    void runFilesAreReportedFromTheHistoryNotByEval() throws Exception {
        CliRun refused = taew(home(), "eval", "--report", "--run", "a=" + tmp.resolve("a.run"));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("make their report with taew runs report A B");
    }

    @Test
    void anExperimentsReportHoldsItsRecommendationAndLeaderboard() throws Exception {
        Path file = tmp.resolve("tiny.yaml");
        Files.writeString(
                file,
                """
                datasets: [helpdesk-mini]
                models: [e5-small-v2]
                variants:
                  - {name: search, query: "search_query: {text}", document: "search_document: {text}"}
                """);
        Path out = tmp.resolve("experiments");
        Path home = home();
        CliRun run =
                taew(
                        home,
                        "experiment",
                        "run",
                        "--report",
                        "--permutations",
                        "500",
                        "-o",
                        out.toString(),
                        file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String md = Files.readString(out.resolve("tiny/leaderboard.md"));
        String sentence =
                md.lines().filter(l -> l.startsWith("**Recommendation")).findFirst().orElseThrow();
        String html = Files.readString(out.resolve("tiny/report.html"));
        assertThat(html)
                .contains("<title>Experiment tiny</title>")
                .contains(Html.escape(sentence.substring(2, sentence.length() - 2)))
                .contains("<code>search_query: {text}</code>")
                .contains("Forest plot");
        // the folder stays replaceable: a second run replaces it, report and all
        CliRun again =
                taew(
                        home,
                        "experiment",
                        "run",
                        "--permutations",
                        "500",
                        "-o",
                        out.toString(),
                        file.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(out.resolve("tiny/report.html")).doesNotExist();
    }
}
