package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.util.Hashing;

/**
 * {@code taew eval} killed while it writes its output folder (SIGKILL: no shutdown hook, no
 * finally) leaves no folder that looks finished: the files go into a hidden sibling, renamed into
 * place only when all are written. The kill is timed by what is on disk, not by a pause: the child
 * writes a run of up to 1,000 documents for each of 2,000 queries (tens of MB, seconds) after
 * results.json and per-query.csv, and is killed as soon as the run file's temporary file appears.
 */
class KilledEvalTest {
    private static final int QUERIES = 2000;
    private static final int DOCUMENTS = 1500;

    @TempDir Path tmp;

    private Path dataset;
    private Path results;
    private Path out;

    /** What the killed child printed. */
    private String log = "";

    @BeforeEach
    void bigDataset() throws IOException {
        dataset = tmp.resolve("big");
        Files.createDirectories(dataset.resolve("qrels"));
        String[] words = {
            "printer", "network", "password", "account", "laptop", "screen", "battery", "update",
            "email", "server", "backup", "invoice", "meeting", "calendar", "license", "driver"
        };
        List<String> corpus = new ArrayList<>();
        long seed = 7;
        for (int d = 0; d < DOCUMENTS; d++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                sb.append(' ').append(words[(int) ((seed >>> 33) % words.length)]);
            }
            corpus.add("{\"_id\": \"d" + d + "\", \"text\": \"" + sb.toString().strip() + "\"}");
        }
        List<String> queries = new ArrayList<>();
        List<String> qrels = new ArrayList<>(List.of("query-id\tcorpus-id\tscore"));
        for (int q = 0; q < QUERIES; q++) {
            // three words each: every query matches most documents, so each ranks 1,000
            String text =
                    words[q % words.length]
                            + " "
                            + words[(q / 3) % words.length]
                            + " "
                            + words[(q / 7) % words.length];
            queries.add("{\"_id\": \"q" + q + "\", \"text\": \"" + text + "\"}");
            qrels.add("q" + q + "\td" + (q % DOCUMENTS) + "\t1");
        }
        Files.write(dataset.resolve("corpus.jsonl"), corpus, StandardCharsets.UTF_8);
        Files.write(dataset.resolve("queries.jsonl"), queries, StandardCharsets.UTF_8);
        Files.write(dataset.resolve("qrels/test.tsv"), qrels, StandardCharsets.UTF_8);
        results = tmp.resolve("results");
        out = results.resolve("out");
    }

    private List<String> args(int depth) {
        return List.of(
                "eval",
                "--home",
                tmp.resolve("home").toString(),
                "--workspace",
                CliRun.workspace().toString(),
                "--dataset",
                dataset.toString(),
                "--mode",
                "bm25",
                "--metrics",
                "ndcg_cut.10",
                "--depth",
                String.valueOf(depth),
                "--no-history",
                "--no-progress",
                "-o",
                out.toString());
    }

    @Test
    void aFirstEvalKilledWhileWritingLeavesNoOutputFolder() throws Exception {
        killWhileWriting();
        assertThat(out).as("a killed first run leaves no output folder").doesNotExist();
        assertOneUnfinishedFolder();

        rerunAndCheckTheLeftoverIsGone(10);
    }

    @Test
    void anEvalKilledWhileWritingLeavesTheEarlierFolderWhole() throws Exception {
        CliRun first = CliRun.of(args(10).toArray(String[]::new));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Map<String, String> before = contents(out);
        assertThat(before.keySet())
                .containsExactly("per-query.csv", "results.json", "run-bm25.trec");

        killWhileWriting();
        assertThat(contents(out)).as("the earlier results, untouched").isEqualTo(before);
        assertOneUnfinishedFolder();

        rerunAndCheckTheLeftoverIsGone(20);
    }

    /**
     * Starts eval with depth 1,000 in a child JVM and kills it while it writes the run file (its
     * atomic write's temporary file is on disk), so results.json and per-query.csv are written and
     * the run is not; checks that the files the kill interrupted are in one hidden folder.
     */
    private void killWhileWriting() throws Exception {
        ChildCli child = ChildCli.start(args(1000), tmp.resolve("child.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!writingTheRun() && child.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        child.kill("writing");
        log = child.output();
    }

    /** Whether a run file is being written somewhere under the results folder. */
    private boolean writingTheRun() throws IOException {
        if (!Files.isDirectory(results)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(results)) {
            return s.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.startsWith(".run-bm25.trec.") && n.endsWith(".tmp"));
        } catch (UncheckedIOException e) {
            return false; // a folder renamed while it was listed
        }
    }

    /** The one hidden folder the kill left: results.json written, the run not. */
    private void assertOneUnfinishedFolder() throws IOException {
        List<Path> left = partials();
        assertThat(left).as("the killed write's folder: " + log).hasSize(1);
        assertThat(left.get(0).resolve("results.json")).exists();
        assertThat(left.get(0).resolve("run-bm25.trec")).doesNotExist();
    }

    private void rerunAndCheckTheLeftoverIsGone(int depth) throws Exception {
        CliRun next = CliRun.of(args(depth).toArray(String[]::new));
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out()).contains("Wrote " + out);
        assertThat(contents(out).keySet())
                .containsExactly("per-query.csv", "results.json", "run-bm25.trec");
        assertThat(out.resolve("results.json")).content().contains("\"depth\": " + depth);
        try (Stream<Path> s = Files.list(results)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out");
        }
    }

    /** The hidden folders beside the output folder: unfinished writes. */
    private List<Path> partials() throws IOException {
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(results)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".out.partial-")).toList();
        }
    }

    /** The files of a folder by name, each as its SHA-256. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                files.put(p.getFileName().toString(), Hashing.sha256Hex(p));
            }
        }
        return files;
    }
}
