package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.export.ResultsTable;

/** dataset.yaml as the default of eval and check, and the cross-dataset results table. */
class DatasetResultsCommandTest {
    @TempDir Path tmp;

    private List<String> common() {
        return List.of(
                "--workspace",
                CliRun.workspace().toString(),
                "--home",
                tmp.resolve("home").toString(),
                "--no-progress");
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common());
        return CliRun.of(all.toArray(new String[0]));
    }

    /** Six questions in three pairs of duplicates; every query is also a document. */
    private Path symmetric(String name, String settings) throws Exception {
        Path d = tmp.resolve(name);
        Files.createDirectories(d.resolve("qrels"));
        String[][] q = {
            {"a1", "How do I reset my VPN password?"},
            {"a2", "Forgot the password for the VPN, how to change it?"},
            {"b1", "How many vacation days do I get per year?"},
            {"b2", "What is my annual leave allowance?"},
            {"c1", "Where do I submit a travel expense claim?"},
            {"c2", "How do I get reimbursed for a business trip?"},
        };
        StringBuilder corpus = new StringBuilder();
        StringBuilder queries = new StringBuilder();
        for (String[] x : q) {
            corpus.append("{\"_id\": \"").append(x[0]).append("\", \"text\": \"").append(x[1]);
            corpus.append("\"}\n");
            queries.append("{\"_id\": \"").append(x[0]).append("\", \"text\": \"").append(x[1]);
            queries.append("\"}\n");
        }
        Files.writeString(d.resolve("corpus.jsonl"), corpus);
        Files.writeString(d.resolve("queries.jsonl"), queries);
        Files.writeString(
                d.resolve("qrels/test.tsv"),
                "query-id\tcorpus-id\tscore\na1\ta2\t2\na2\ta1\t2\nb1\tb2\t2\nb2\tb1\t2\n"
                        + "c1\tc2\t2\nc2\tc1\t1\n");
        if (settings != null) {
            Files.writeString(d.resolve("dataset.yaml"), settings);
        }
        Files.writeString(d.resolve("README.md"), "# " + name + "\n\nSix questions.\n");
        return d;
    }

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void evalTakesTaskAndIdenticalIdsFromDatasetYamlUnlessTold() throws Exception {
        Path d = symmetric("dups", "task: similarity\nignore-identical-ids: true\n");
        Path out = tmp.resolve("out");
        CliRun r = run("eval", "-d", d.toString(), "-o", out.toString(), "--permutations", "200");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("task \"similarity\"")
                .contains("task-aware: query \"query: {text}\", document \"query: {text}\"")
                .contains("A document with the query's own id is left out of its ranking.");
        assertThat(json(out.resolve("results.json")).get("ignore_identical_ids").getAsBoolean())
                .isTrue();
        // with its own id left out, each query's duplicate is the best it can find: MRR 1.0
        assertThat(r.out()).containsPattern("MRR@10 +1\\.0000 +1\\.0000");

        Path out2 = tmp.resolve("out2");
        CliRun told =
                run(
                        "eval",
                        "-d",
                        d.toString(),
                        "-o",
                        out2.toString(),
                        "--permutations",
                        "200",
                        "--no-ignore-identical-ids",
                        "--task",
                        "retrieval");
        assertThat(told.exitCode()).as(told.err()).isZero();
        assertThat(told.out()).contains("task \"retrieval\"").doesNotContain("own id is left out");
        assertThat(json(out2.resolve("results.json")).get("ignore_identical_ids").getAsBoolean())
                .isFalse();
        // each query now finds itself first, so its duplicate is second
        assertThat(told.out()).containsPattern("MRR@10 +0\\.5000 +0\\.5000");
    }

    @Test
    void checkReportsBadSettingsWithTheirLineAndWarnsAboutSelfMatches() throws Exception {
        Path bad = symmetric("bad", "task: similarity\nignore-identical-ids: sometimes\n");
        CliRun r = run("datasets", "check", bad.toString(), "--no-tokens");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out())
                .contains(
                        "error: "
                                + bad.resolve("dataset.yaml")
                                + ":2: ignore-identical-ids must be true or false, not \"sometimes\"");

        Path unsaid = symmetric("unsaid", null);
        CliRun w = run("datasets", "check", unsaid.toString(), "--no-tokens");
        assertThat(w.exitCode()).isZero();
        assertThat(w.out())
                .contains(
                        "6 of 6 queries are also documents and would find themselves first; say"
                                + " \"ignore-identical-ids: true\" in "
                                + unsaid.resolve("dataset.yaml"))
                .contains("0 errors, 1 warning: usable");

        Path self = symmetric("self", "ignore-identical-ids: true\n");
        Files.writeString(
                self.resolve("qrels/test.tsv"),
                "query-id\tcorpus-id\tscore\nb1\tb1\t2\na1\ta1\t1\n");
        CliRun s = run("datasets", "check", self.toString(), "--no-tokens");
        assertThat(s.exitCode()).isZero();
        assertThat(s.out())
                .contains(
                        "2 queries are judged relevant to themselves, which ignore-identical-ids leaves"
                                + " out of their rankings (first: a1)");

        Path good = symmetric("good", "task: similarity\nignore-identical-ids: true\n");
        CliRun ok = run("datasets", "check", good.toString(), "--no-tokens");
        assertThat(ok.out())
                .contains("dataset.yaml    task similarity; ignore identical ids true")
                .contains("0 errors, 0 warnings: usable");
    }

    @Test
    void resultsWritesOneTableAndTheCardsAndARerunChangesNothing() throws Exception {
        Path dups = symmetric("dups", "task: similarity\nignore-identical-ids: true\n");
        Path plain = symmetric("plain", "ignore-identical-ids: true\n");
        Files.delete(plain.resolve("README.md"));
        Path table = tmp.resolve("docs/results.md");
        Files.createDirectories(table.getParent());
        String[] args = {
            "datasets",
            "results",
            "-d",
            dups + "," + plain,
            "-m",
            "e5-small-v2,all-MiniLM-L6-v2",
            "-o",
            table.toString(),
            "--permutations",
            "500",
            "--update-cards"
        };
        CliRun r = run(args);
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        String md = Files.readString(table);
        assertThat(md)
                .contains("| dups | e5-small-v2 | similarity | 1.000 [1.000, 1.000] |")
                .contains("| dups | all-MiniLM-L6-v2 | similarity |")
                .contains("| plain | e5-small-v2 | retrieval |")
                .contains("- e5-small-v2 · similarity: `query: {text}` · `query: {text}`")
                .contains("- e5-small-v2 · retrieval: `query: {text}` · `passage: {text}`");
        assertThat(md.indexOf("| dups | all-MiniLM-L6-v2")).isLessThan(md.indexOf("| plain |"));
        String card = Files.readString(dups.resolve("README.md"));
        assertThat(card)
                .startsWith("# dups\n\nSix questions.\n\n## Measured\n\n" + ResultsTable.BEGIN)
                .contains("| e5-small-v2 | similarity: `query: {text}` · `query: {text}` | 1.000");
        assertThat(r.out()).contains("Updated " + dups.resolve("README.md"));
        // a dataset without a card gets one with the section only
        assertThat(Files.readString(plain.resolve("README.md")))
                .startsWith("## Measured\n\n" + ResultsTable.BEGIN);

        CliRun again = run(args);
        assertThat(again.exitCode()).isZero();
        assertThat(Files.readString(table)).isEqualTo(md);
        assertThat(Files.readString(dups.resolve("README.md"))).isEqualTo(card);
    }

    @Test
    void resultsRefusesATaskAModelDoesNotHaveBeforeEvaluatingAnything() throws Exception {
        // MiniLM's file has the negative-control task, e5's does not: nothing may run first
        Path d = symmetric("odd", "task: prefix-control\n");
        CliRun r =
                run(
                        "datasets",
                        "results",
                        "-d",
                        d.toString(),
                        "-m",
                        "all-MiniLM-L6-v2,e5-small-v2",
                        "-o",
                        tmp.resolve("t.md").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err())
                .contains("e5.yaml has no task \"prefix-control\"; its tasks are retrieval");
        assertThat(r.out()).doesNotContain("general");
        assertThat(tmp.resolve("t.md")).doesNotExist();
    }
}
