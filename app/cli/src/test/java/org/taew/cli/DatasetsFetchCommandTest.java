package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.testing.HubFixture;
import org.taew.core.testing.ShippedWorkspace;

/**
 * `taew datasets fetch` from a stand-in of BEIR's download site on 127.0.0.1, then `eval` on it.
 */
class DatasetsFetchCommandTest {
    @TempDir Path tmp;

    @Test
    void aFetchedBeirCollectionIsEvaluatedByName() throws Exception {
        Path ws = tmp.resolve("workspace");
        ShippedWorkspace.copy("instructions", ws.resolve("instructions"));
        Files.createDirectories(ws.resolve("datasets"));
        Path src = CliRun.workspace().resolve("datasets/helpdesk-mini");
        Path zip = HubFixture.beirZip(src, "scifact", tmp.resolve("scifact.zip"));
        try (HubFixture site = HubFixture.start()) {
            site.plain.put("/beir/scifact.zip", zip);
            String endpoint = site.endpoint() + "/beir";
            CliRun fetch =
                    CliRun.of(
                            "datasets",
                            "fetch",
                            "scifact",
                            "--endpoint",
                            endpoint,
                            "--workspace",
                            ws.toString(),
                            "--no-progress");
            assertThat(fetch.exitCode()).as(fetch.err()).isZero();
            assertThat(fetch.out())
                    .contains("Fetched scifact into")
                    .contains("64 documents, 40 queries");

            CliRun eval =
                    CliRun.of(
                            "eval",
                            "-d",
                            "scifact",
                            "--workspace",
                            ws.toString(),
                            "--home",
                            tmp.resolve("home").toString(),
                            "--no-progress",
                            "-o",
                            tmp.resolve("out").toString());
            assertThat(eval.exitCode()).as(eval.err()).isZero();
            assertThat(eval.out())
                    .contains("e5-small-v2 on scifact (test split: 40 queries, 64 documents)");

            // the published figures come with it: reproduce compares (here, on other data, they
            // differ)
            CliRun reproduce =
                    CliRun.of(
                            "reproduce",
                            "scifact",
                            "--workspace",
                            ws.toString(),
                            "--home",
                            tmp.resolve("home").toString(),
                            "--no-progress");
            assertThat(reproduce.out())
                    .as(reproduce.err())
                    .containsPattern("e5-small-v2 .*0\\.68854")
                    .contains("all-MiniLM-L6-v2");
            assertThat(reproduce.exitCode()).isEqualTo(ExitCodes.MISMATCH);

            CliRun again =
                    CliRun.of(
                            "datasets",
                            "fetch",
                            "scifact",
                            "--endpoint",
                            endpoint,
                            "--workspace",
                            ws.toString());
            assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(again.err()).contains("exists already");

            // the same files as an MTEB repository on the Hub, gzipped as some are
            Map<String, Path> files = new LinkedHashMap<>();
            files.put("corpus.jsonl", src.resolve("corpus.jsonl"));
            files.put("queries.jsonl", src.resolve("queries.jsonl"));
            files.put("qrels/test.tsv", src.resolve("qrels/test.tsv"));
            site.serveDataset("mteb/nfcorpus", "0123456789abcdef0123456789abcdef01234567", files);
            CliRun hubFetch =
                    CliRun.of(
                            "datasets",
                            "fetch",
                            "mteb/nfcorpus",
                            "--endpoint",
                            site.endpoint(),
                            "--workspace",
                            ws.toString(),
                            "--no-progress");
            assertThat(hubFetch.exitCode()).as(hubFetch.err()).isZero();
            assertThat(hubFetch.out())
                    .contains("Fetched mteb/nfcorpus@main into")
                    .contains("64 documents");
            CliRun evalHub =
                    CliRun.of(
                            "eval",
                            "-d",
                            "nfcorpus",
                            "--workspace",
                            ws.toString(),
                            "--home",
                            tmp.resolve("home").toString(),
                            "--no-progress",
                            "--mode",
                            "general",
                            "-o",
                            tmp.resolve("out2").toString());
            assertThat(evalHub.exitCode()).as(evalHub.err()).isZero();

            // the same collection as MTEB's parquet configurations: the same numbers
            Path pq = ShippedWorkspace.project().resolve("app/core/src/test/resources/parquet");
            Map<String, Path> parquet = new LinkedHashMap<>();
            for (String name :
                    List.of(
                            "corpus/test-00000-of-00002.parquet",
                            "corpus/test-00001-of-00002.parquet",
                            "queries/test-00000-of-00001.parquet",
                            "qrels/test-00000-of-00001.parquet")) {
                parquet.put(name, pq.resolve("mteb-retrieval").resolve(name));
            }
            site.serveDataset("mteb/fiqa", "0123456789abcdef0123456789abcdef01234567", parquet);
            CliRun parquetFetch =
                    CliRun.of(
                            "datasets",
                            "fetch",
                            "mteb/fiqa",
                            "--endpoint",
                            site.endpoint(),
                            "--workspace",
                            ws.toString(),
                            "--no-progress");
            assertThat(parquetFetch.exitCode()).as(parquetFetch.err()).isZero();
            assertThat(parquetFetch.out()).contains("64 documents, 40 queries");
            CliRun evalParquet =
                    CliRun.of(
                            "eval",
                            "-d",
                            "fiqa",
                            "--workspace",
                            ws.toString(),
                            "--home",
                            tmp.resolve("home").toString(),
                            "--no-progress",
                            "--mode",
                            "general",
                            "-o",
                            tmp.resolve("out3").toString());
            assertThat(evalParquet.exitCode()).as(evalParquet.err()).isZero();
            assertThat(measures(evalParquet.out()))
                    .as("parquet and jsonl of the same collection score the same")
                    .hasSize(7)
                    .isEqualTo(measures(evalHub.out()));

            CliRun list = CliRun.of("datasets", "fetch", "--list");
            assertThat(list.out()).contains("scifact").contains("5,183").contains("trec-covid");
            CliRun listed = CliRun.of("datasets", "--workspace", ws.toString());
            assertThat(listed.out()).contains("scifact");
        }
    }

    /** The measure table of an eval report: its header line through P@10. */
    private static List<String> measures(String report) {
        List<String> lines = report.lines().toList();
        int from =
                lines.indexOf(
                        lines.stream()
                                .filter(l -> l.startsWith("measure"))
                                .findFirst()
                                .orElseThrow());
        int to =
                lines.indexOf(
                        lines.stream().filter(l -> l.startsWith("P@10")).findFirst().orElseThrow());
        return lines.subList(from, to + 1);
    }
}
