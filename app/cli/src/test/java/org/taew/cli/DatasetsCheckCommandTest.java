package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsCheckCommandTest {
    @TempDir Path tmp;

    private CliRun check(Path dir, String... extra) {
        String[] base = {
            "datasets",
            "check",
            dir.toString(),
            "--workspace",
            CliRun.workspace().toString(),
            "--home",
            tmp.resolve("home").toString(),
            "--no-progress"
        };
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private Path dataset(String corpus, String queries, String qrels) throws Exception {
        Path d = tmp.resolve("ds");
        Files.createDirectories(d.resolve("qrels"));
        Files.writeString(d.resolve("corpus.jsonl"), corpus);
        Files.writeString(d.resolve("queries.jsonl"), queries);
        Files.writeString(d.resolve("qrels/test.tsv"), qrels);
        return d;
    }

    @Test
    void everyProblemIsReportedWithFileAndLineAndTheExitCodeIs3() throws Exception {
        Path d =
                dataset(
                        "{\"_id\": \"d1\", \"title\": \"VPN\", \"text\": \"Reset the VPN password.\"}\n"
                                + "{\"_id\": \"d1\", \"text\": \"duplicate id\"}\n"
                                + "{\"_id\": \"d2\", \"text\": \"broken\"\n"
                                + "{\"text\": \"no id\"}\n",
                        "{\"_id\": \"q1\", \"text\": \"vpn password\"}\n"
                                + "{\"_id\": \"q2\", \"text\": \"never judged\"}\n",
                        "query-id\tcorpus-id\tscore\n"
                                + "q1\td1\t2\n"
                                + "q1\td9\t1\n"
                                + "q7\td1\t1\n"
                                + "q1\td1\thigh\n");
        Files.write(
                d.resolve("queries.jsonl"),
                ("{\"_id\": \"q1\", \"text\": \"vpn password\"}\n"
                                + "{\"_id\": \"q2\", \"text\": \"never judged\"}\n"
                                + "{\"_id\": \"q3\", \"text\": \"caf\u00e9\"}\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = check(d, "--no-tokens");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        String c = d.resolve("corpus.jsonl").toString();
        String q = d.resolve("queries.jsonl").toString();
        String r = d.resolve("qrels/test.tsv").toString();
        assertThat(run.out())
                .contains("error: " + c + ":2: duplicate id \"d1\" (first seen on line 1)")
                .contains("error: " + c + ":3: is not valid JSON")
                .contains("error: " + c + ":4: missing field \"_id\"")
                .contains("error: " + q + ":3: is not valid UTF-8 text")
                .contains("error: " + r + ":3: corpus id \"d9\" is not in corpus.jsonl")
                .contains("error: " + r + ":4: query id \"q7\" is not in queries.jsonl")
                .contains("error: " + r + ":5: score \"high\" is not a whole number")
                .contains("warning: " + q + ":2: query \"q2\" has no judgments in any split")
                .contains("7 errors, 1 warning: not usable until the errors are fixed");
    }

    @Test
    void aUsableDatasetWithWarningsExitsZeroAndReportsTokensAndTruncation() throws Exception {
        String longText = String.join(" ", Collections.nCopies(700, "retrieval"));
        Path d =
                dataset(
                        "{\"_id\": \"d1\", \"text\": \"Reset the VPN password in the portal.\"}\n"
                                + "{\"_id\": \"d2\", \"text\": \""
                                + longText
                                + "\"}\n",
                        "{\"_id\": \"q1\", \"text\": \"vpn password\"}\n"
                                + "{\"_id\": \"q2\", \"text\": \"unjudged\"}\n",
                        "q1\td1\t2\n");
        CliRun run = check(d);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("corpus.jsonl    2 documents (1 never judged)")
                .contains("qrels/test.tsv  1 judgments for 1 queries; grades 2 ×1")
                .contains("Tokens (e5-small-v2, limit 512):")
                .contains("max 512 · truncated 1 (50.0%)")
                .contains("documents are longer than 512 tokens and would be truncated")
                .contains("query \"q2\" has no judgments")
                .contains("0 errors, 2 warnings: usable");
    }

    @Test
    void aFolderThatIsNotADatasetSaysWhatIsMissing() throws Exception {
        Path d = tmp.resolve("empty");
        Files.createDirectories(d);
        CliRun run = check(d, "--no-tokens");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out())
                .contains("corpus.jsonl: missing (BEIR layout")
                .contains("qrels: no <split>.tsv file");
    }

    @Test
    void importedPairsPassTheCheckAndEvaluate() throws Exception {
        Path pairs = tmp.resolve("pairs.csv");
        Files.writeString(
                pairs,
                "question,answer\n"
                        + "how do I reset my vpn password,Open the self-service portal and choose Reset credentials.\n"
                        + "printer jammed on floor 3,Open tray 2 of the printer and remove the stuck paper.\n"
                        + "how many leave days do new staff get,New employees get 25 days of annual leave.\n");
        Path out = tmp.resolve("imported");
        CliRun imp = CliRun.of("datasets", "import", pairs.toString(), "--out", out.toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out())
                .contains(
                        "Wrote " + out + ": 3 queries, 3 documents, 3 judgments in qrels/test.tsv");
        assertThat(check(out, "--no-tokens").exitCode()).isZero();
        CliRun eval =
                CliRun.of(
                        "eval",
                        "-d",
                        out.toString(),
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--home",
                        tmp.resolve("home").toString(),
                        "--no-progress",
                        "-o",
                        tmp.resolve("r").toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("imported (test split: 3 queries, 3 documents)");
        CliRun again = CliRun.of("datasets", "import", pairs.toString(), "--out", out.toString());
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("already exists");
    }
}
