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

/**
 * Where the tooling around the measures could change the question without a word: an import that
 * drops the unjudged documents, identical ids judged by id alone, a name trec_eval reads otherwise.
 */
class SilentNumbersTest {
    @TempDir Path tmp;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(
                List.of(
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--home",
                        tmp.resolve("home").toString(),
                        "--no-progress"));
        return CliRun.of(all.toArray(new String[0]));
    }

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static final String[][] DOCS = {
        {"1", "Reset your VPN password in the self-service portal under Credentials."},
        {"2", "A jammed printer: open tray 2 and remove the stuck paper."},
        {"3", "New employees get 25 days of annual leave."},
        {"4", "Expense claims for travel go through the finance portal within 30 days."},
        {"5", "The canteen on floor 2 opens at 11:30."},
        {"6", "Parking permits are issued by reception."},
        {"7", "Laptops are replaced every four years."},
        {"8", "To book a meeting room use the calendar's room finder."}
    };
    private static final String[][] QUERIES = {
        {"1", "how many leave days do I get"},
        {"2", "printer is jammed"},
        {"3", "where do I claim travel costs"},
        {"4", "how do I reset my vpn password"}
    };
    // TREC qrels; query 2's relevant document happens to be document 2
    private static final String QRELS = "1 0 3 2\n2 0 2 1\n3 0 4 2\n3 0 1 0\n4 0 1 2\n";

    /** The collection as a user has it: corpus lines with ids, a queries TSV, TREC qrels. */
    private Path collection() throws Exception {
        Path dir = tmp.resolve("raw");
        Files.createDirectories(dir);
        StringBuilder corpus = new StringBuilder();
        for (String[] d : DOCS) {
            corpus.append(d[0]).append('\t').append(d[1]).append('\n');
        }
        Files.writeString(dir.resolve("docs.txt"), corpus);
        StringBuilder queries = new StringBuilder("qid\tquery\n");
        for (String[] q : QUERIES) {
            queries.append(q[0]).append('\t').append(q[1]).append('\n');
        }
        Files.writeString(dir.resolve("topics.tsv"), queries);
        Files.writeString(dir.resolve("qrels.txt"), QRELS);
        return dir;
    }

    /** The same collection written in BEIR layout by hand, its judgments as TREC's test.txt. */
    private Path byHand() throws Exception {
        Path dir = tmp.resolve("by-hand");
        Files.createDirectories(dir.resolve("qrels"));
        StringBuilder corpus = new StringBuilder();
        for (String[] d : DOCS) {
            corpus.append("{\"_id\": \"")
                    .append(d[0])
                    .append("\", \"title\": \"\", \"text\": \"")
                    .append(d[1])
                    .append("\"}\n");
        }
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        StringBuilder queries = new StringBuilder();
        for (String[] q : QUERIES) {
            queries.append("{\"_id\": \"")
                    .append(q[0])
                    .append("\", \"text\": \"")
                    .append(q[1])
                    .append("\"}\n");
        }
        Files.writeString(dir.resolve("queries.jsonl"), queries);
        Files.writeString(dir.resolve("qrels/test.txt"), QRELS);
        return dir;
    }

    private JsonObject evalScores(Path dataset, String name) throws Exception {
        Path out = tmp.resolve("results-" + name);
        CliRun r =
                run(
                        "eval",
                        "-d",
                        dataset.toString(),
                        "--permutations",
                        "200",
                        "--metrics",
                        "ndcg_cut.10,RR@10,recip_rank,recall.100",
                        "-o",
                        out.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return json(out.resolve("results.json")).getAsJsonObject("scores");
    }

    private static double measure(JsonObject scores, String mode, String measure) {
        return scores.getAsJsonObject(mode).getAsJsonObject("measures").get(measure).getAsDouble();
    }

    @Test
    void aCollectionImportedFromCorpusQueriesAndQrelsScoresAsTheOneBuiltByHand() throws Exception {
        Path raw = collection();
        Path imported = tmp.resolve("imported");
        CliRun imp =
                run(
                        "datasets",
                        "import",
                        "--corpus",
                        raw.resolve("docs.txt").toString(),
                        "--queries",
                        raw.resolve("topics.tsv").toString(),
                        "--qrels",
                        raw.resolve("qrels.txt").toString(),
                        "-o",
                        imported.toString());
        assertThat(imp.exitCode()).as(imp.out() + imp.err()).isZero();
        assertThat(imp.out())
                .contains(
                        "Wrote "
                                + imported
                                + ": 8 documents (4 judged by no query), 4 queries (0 without"
                                + " judgments), 5 judgments in qrels/test.tsv")
                .doesNotContain("WARNING");
        JsonObject a = evalScores(imported, "imported");
        JsonObject b = evalScores(byHand(), "by-hand");
        for (String mode : List.of("general", "task_aware")) {
            for (String m : List.of("ndcg_cut.10", "RR@10", "recip_rank", "recall.100")) {
                assertThat(measure(a, mode, m)).as(mode + " " + m).isEqualTo(measure(b, mode, m));
            }
        }
        assertThat(run("datasets", "check", imported.toString(), "--no-tokens").out())
                .contains("0 errors, 0 warnings: usable");
    }

    @Test
    void pairsAloneWarnLoudlyThatTheCorpusIsJudgedDocumentsOnly() throws Exception {
        Path pairs = tmp.resolve("pairs.csv");
        Files.writeString(
                pairs,
                "question,answer\nhow do I reset my vpn password,"
                        + DOCS[0][1]
                        + "\nprinter is jammed,"
                        + DOCS[1][1]
                        + "\n");
        Path out = tmp.resolve("from-pairs");
        CliRun imp = run("datasets", "import", pairs.toString(), "-o", out.toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out())
                .contains("WARNING: " + out.resolve("corpus.jsonl") + " holds only the documents")
                .contains("scores are optimistic");
        assertThat(Files.readString(out.resolve("README.md"))).contains("Only judged documents");
        CliRun check = run("datasets", "check", out.toString(), "--no-tokens");
        assertThat(check.out())
                .contains(
                        "dataset.yaml    task (not set); ignore identical ids (not set); corpus"
                                + " judged-only")
                .contains("warning: " + out.resolve("corpus.jsonl") + " holds only the documents");
        CliRun eval = run("eval", "-d", out.toString(), "-o", tmp.resolve("e").toString());
        assertThat(eval.out())
                .contains("Warning: " + out.resolve("corpus.jsonl") + " holds only the documents");
    }

    @Test
    void idsThatMerelyCoincideAreNeitherAdvisedNorIgnored() throws Exception {
        Path data = byHand();
        CliRun check = run("datasets", "check", data.toString(), "--no-tokens");
        assertThat(check.out())
                .contains(
                        "ids and texts   4 of 4 query ids are also document ids, but none of them"
                                + " carry the same text")
                .doesNotContain("ignore-identical-ids: true")
                .contains("0 errors, 0 warnings: usable");
        CliRun eval = run("eval", "-d", data.toString(), "-o", tmp.resolve("e").toString());
        assertThat(eval.out())
                .contains("Ignore identical ids: no (4 of 4 query ids are also document ids")
                .doesNotContain("Warning");
        // told to ignore them, the judged-relevant document 2 leaves query 2's ranking: said
        CliRun told =
                run(
                        "eval",
                        "-d",
                        data.toString(),
                        "--ignore-identical-ids",
                        "-o",
                        tmp.resolve("f").toString());
        assertThat(told.out())
                .contains("Ignore identical ids: yes (as chosen).")
                .contains(
                        "Warning: 1 query is judged relevant to the document with their own id,"
                                + " which ignoring identical ids removes from their rankings: 2.");
    }

    @Test
    void reciprocalRankCutAtTenIsRrAtTenAndRecipRankDotTenIsRefused() throws Exception {
        Path out = tmp.resolve("rr");
        CliRun r = run("eval", "--mode", "general", "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("MRR@10 +0\\.\\d{4}");
        JsonObject general =
                json(out.resolve("results.json"))
                        .getAsJsonObject("scores")
                        .getAsJsonObject("general")
                        .getAsJsonObject("measures");
        assertThat(general.has("RR@10")).isTrue();
        assertThat(general.has("recip_rank.10")).isFalse();
        assertThat(Files.readString(out.resolve("per-query.csv")).lines().findFirst().orElseThrow())
                .contains("RR@10:general");
        CliRun refused = run("eval", "--metrics", "recip_rank.10", "-o", out.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err())
                .contains("trec_eval's -m recip_rank.10 ignores the cut-off")
                .contains("say RR@10");
    }

    @Test
    void smallerThings() throws Exception {
        for (String[] args :
                List.of(
                        new String[] {"datasets", "--help"},
                        new String[] {"datasets", "results", "--help"})) {
            CliRun help = CliRun.of(args);
            assertThat(help.exitCode()).isZero();
            assertThat(help.out() + help.err()).doesNotContain("WARN").contains("95% intervals");
        }
        // import takes --workspace like every command; a plain name goes under its datasets/
        Path ws = tmp.resolve("ws");
        Files.createDirectories(ws.resolve("instructions"));
        Files.createDirectories(ws.resolve("datasets"));
        Path pairs = tmp.resolve("pairs.tsv");
        Files.writeString(pairs, "query\tdocument\nvpn\t" + DOCS[0][1] + "\n");
        CliRun imp =
                CliRun.of(
                        "datasets",
                        "import",
                        pairs.toString(),
                        "-o",
                        "mine",
                        "--workspace",
                        ws.toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(ws.resolve("datasets/mine/corpus.jsonl")).exists();
        // eval names the missing file of a folder
        Path broken = byHand();
        Files.delete(broken.resolve("queries.jsonl"));
        CliRun eval = run("eval", "-d", broken.toString(), "-o", tmp.resolve("x").toString());
        assertThat(eval.exitCode()).isEqualTo(3);
        assertThat(eval.err()).contains("queries.jsonl is missing");
        // STS results carry the encoding statistics retrieval results have
        Path sts = tmp.resolve("pairs-sts.tsv");
        Files.writeString(
                sts,
                "sentence1\tsentence2\tscore\n"
                        + "A man plays guitar.\tA man is playing a guitar.\t4.8\n"
                        + "A cat sleeps.\tThe stock market fell.\t0.1\n"
                        + "Kids play football.\tChildren are playing soccer.\t4.2\n");
        Path out = tmp.resolve("sts-out");
        CliRun stsRun = run("eval", "-d", sts.toString(), "-o", out.toString());
        assertThat(stsRun.exitCode()).as(stsRun.err()).isZero();
        assertThat(stsRun.out()).contains("Encoding, general: 3 first sentences, ");
        JsonObject enc =
                json(out.resolve("results.json"))
                        .getAsJsonObject("encoding")
                        .getAsJsonObject("general")
                        .getAsJsonObject("first");
        assertThat(enc.get("texts").getAsInt()).isEqualTo(3);
        assertThat(enc.has("tokens_encoded")).isTrue();
    }
}
