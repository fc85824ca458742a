package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.testing.HubFixture;
import org.taew.core.testing.ShippedWorkspace;

/**
 * `taew datasets fetch` from stand-ins of BEIR's download site and of the Hub on 127.0.0.1, then
 * `eval` on what was fetched: one test per source and layout.
 */
class DatasetsFetchCommandTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir Path tmp;

    private Path ws;
    private Path src;
    private HubFixture site;

    @BeforeEach
    void workspaceAndSite() throws Exception {
        ws = tmp.resolve("workspace");
        ShippedWorkspace.copy("instructions", ws.resolve("instructions"));
        Files.createDirectories(ws.resolve("datasets"));
        src = CliRun.workspace().resolve("datasets/helpdesk-mini");
        site = HubFixture.start();
    }

    @AfterEach
    void stopSite() {
        site.close();
    }

    /** {@code taew datasets fetch NAME} from {@code endpoint} into the workspace. */
    private CliRun fetch(String name, String endpoint) {
        return CliRun.of(
                "datasets",
                "fetch",
                name,
                "--endpoint",
                endpoint,
                "--workspace",
                ws.toString(),
                "--no-progress");
    }

    /** {@code taew eval} of a fetched dataset in general mode. */
    private CliRun evalGeneral(String dataset, String out) {
        return CliRun.of(
                "eval",
                "-d",
                dataset,
                "--workspace",
                ws.toString(),
                "--home",
                tmp.resolve("home").toString(),
                "--no-progress",
                "--mode",
                "general",
                "-o",
                tmp.resolve(out).toString());
    }

    @Test
    void aFetchedBeirCollectionIsEvaluatedByName() throws Exception {
        Path zip = HubFixture.beirZip(src, "scifact", tmp.resolve("scifact.zip"));
        site.plain.put("/beir/scifact.zip", zip);
        String endpoint = site.endpoint() + "/beir";
        CliRun fetch = fetch("scifact", endpoint);
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
        CliRun listed = CliRun.of("datasets", "--workspace", ws.toString());
        assertThat(listed.out()).contains("scifact");
    }

    @Test
    void theHubsJsonlAndParquetLayoutsOfOneCollectionScoreTheSame() throws Exception {
        // the files as an MTEB repository on the Hub
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("corpus.jsonl", src.resolve("corpus.jsonl"));
        files.put("queries.jsonl", src.resolve("queries.jsonl"));
        files.put("qrels/test.tsv", src.resolve("qrels/test.tsv"));
        site.serveDataset("mteb/nfcorpus", COMMIT, files);
        CliRun hubFetch = fetch("mteb/nfcorpus", site.endpoint());
        assertThat(hubFetch.exitCode()).as(hubFetch.err()).isZero();
        assertThat(hubFetch.out())
                .contains("Fetched mteb/nfcorpus@main into")
                .contains("64 documents");
        CliRun evalHub = evalGeneral("nfcorpus", "out2");
        assertThat(evalHub.exitCode()).as(evalHub.err()).isZero();

        // the same collection as MTEB's parquet configurations
        Map<String, Path> parquet = HubFixture.mtebRetrievalParquet();
        site.serveDataset("mteb/fiqa", COMMIT, parquet);
        CliRun parquetFetch = fetch("mteb/fiqa", site.endpoint());
        assertThat(parquetFetch.exitCode()).as(parquetFetch.err()).isZero();
        assertThat(parquetFetch.out()).contains("64 documents, 40 queries");
        CliRun evalParquet = evalGeneral("fiqa", "out3");
        assertThat(evalParquet.exitCode()).as(evalParquet.err()).isZero();
        assertThat(measures(evalParquet.out()))
                .as("parquet and jsonl of the same collection score the same")
                .hasSize(7)
                .isEqualTo(measures(evalHub.out()));
    }

    @Test
    void theListNamesTheBeirCollectionsWithTheirSizes() {
        CliRun list = CliRun.of("datasets", "fetch", "--list");
        assertThat(list.out()).contains("scifact").contains("5,183").contains("trec-covid");
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
