package org.taew.core.logic.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.testing.HubFixture;
import org.taew.core.testing.ShippedWorkspace;
import org.taew.core.util.ProgressListener;

/**
 * MTEB's dataset repositories fetched from a stand-in Hub on 127.0.0.1: one test per layout (BEIR
 * jsonl, parquet configurations, STS jsonl and parquet) and per refusal, so one failure hides no
 * other.
 */
class HubDatasetFetcherTest {
    private static final String COMMIT = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";

    @TempDir Path tmp;

    private final Path src = ShippedWorkspace.root().resolve("datasets/helpdesk-mini");
    private final Path pq =
            ShippedWorkspace.project().resolve("app/core/src/test/resources/parquet");
    private Path datasets;
    private HubFixture hub;

    @BeforeEach
    void startHub() throws Exception {
        datasets = tmp.resolve("datasets");
        hub = HubFixture.start();
    }

    @AfterEach
    void stopHub() throws Exception {
        hub.close();
    }

    private HubDatasetFetcher.Fetched fetch(String name) throws Exception {
        return HubDatasetFetcher.fetch(
                new HubClient(hub.endpoint(), null), datasets, name, ProgressListener.NONE);
    }

    @Test
    void aBeirLayoutRepositoryWithGzippedFilesBecomesADataset() throws Exception {
        Path gz = tmp.resolve("corpus.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(src.resolve("corpus.jsonl")));
        }
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("README.md", src.resolve("README.md"));
        files.put("corpus.jsonl.gz", gz);
        files.put("queries.jsonl", src.resolve("queries.jsonl"));
        files.put("qrels/test.tsv", src.resolve("qrels/test.tsv"));
        hub.serveDataset("mteb/scifact", COMMIT, files);
        HubDatasetFetcher.Fetched f = fetch("mteb/scifact");
        Path dir = datasets.resolve("scifact");
        assertThat(f.dir()).isEqualTo(dir);
        assertThat(f.opens()).as("a retrieval set opens as its folder").isEqualTo(dir);
        assertThat(BeirReader.read(dir, null).documents()).hasSize(64);
        assertThat(dir.resolve("corpus.jsonl")).exists();
        assertThat(dir.resolve("expected.yaml"))
                .as("a known collection brings its published figures")
                .exists();
        assertThat(Files.readString(dir.resolve("README.md")))
                .contains("/datasets/mteb/scifact")
                .contains(COMMIT)
                .contains("64 documents, 40 queries");
        assertThat(datasets.resolve(".partial").resolve("scifact@abcdefabcdef"))
                .as("the partial folder is gone")
                .doesNotExist();
    }

    @Test
    void mtebsParquetConfigurationsBecomeTheSameDataset() throws Exception {
        // corpus in two shards, queries, judgments
        Map<String, Path> parquet = new LinkedHashMap<>(HubFixture.mtebRetrievalParquet());
        parquet.put("README.md", src.resolve("README.md"));
        hub.serveDataset("mteb/nfcorpus", COMMIT, parquet);
        HubDatasetFetcher.Fetched fromParquet = fetch("mteb/nfcorpus");
        RetrievalDataset original = BeirReader.read(src, null);
        RetrievalDataset converted = BeirReader.read(fromParquet.dir(), null);
        assertThat(converted.documents())
                .as("the same documents, titles and texts, in the same order")
                .isEqualTo(original.documents());
        assertThat(converted.queries()).isEqualTo(original.queries());
        assertThat(converted.qrels().queryIds()).isEqualTo(original.qrels().queryIds());
        for (String q : original.qrels().queryIds()) {
            assertThat(converted.qrels().of(q)).isEqualTo(original.qrels().of(q));
        }
        assertThat(fromParquet.dir().resolve("expected.yaml")).exists();
        assertThat(Files.readString(fromParquet.dir().resolve("README.md")))
                .contains("corpus/test-00001-of-00002.parquet")
                .contains("64 documents, 40 queries");
        assertThat(fromParquet.dir().resolve("corpus")).doesNotExist();
    }

    @Test
    void aCorpusWithoutQueriesIsInNoLayoutRead() throws Exception {
        hub.serveDataset(
                "org/corpus-only",
                COMMIT,
                Map.of(
                        "corpus/test-00000-of-00001.parquet",
                        pq.resolve("mteb-retrieval/corpus/test-00000-of-00002.parquet")));
        assertThatThrownBy(() -> fetch("org/corpus-only"))
                .hasMessageContaining("none of the layouts the workbench reads");
    }

    @Test
    void judgmentsWithoutTheExpectedColumnsNameTheFileAndWhatItHas() throws Exception {
        hub.serveDataset(
                "org/odd-qrels",
                COMMIT,
                Map.of(
                        "corpus/test-00000-of-00001.parquet",
                        pq.resolve("mteb-retrieval/corpus/test-00000-of-00002.parquet"),
                        "queries/test-00000-of-00001.parquet",
                        pq.resolve("mteb-retrieval/queries/test-00000-of-00001.parquet"),
                        "default/test-00000-of-00001.parquet",
                        pq.resolve("mteb-sts/data/test-00000-of-00001.parquet")));
        assertThatThrownBy(() -> fetch("org/odd-qrels"))
                .hasMessageContaining("default/test-00000-of-00001.parquet")
                .hasMessageContaining("expected a column query-id or query_id")
                .hasMessageContaining("sentence1 (string)");
        assertThat(datasets.resolve("odd-qrels")).doesNotExist();
    }

    @Test
    void mtebsStsLayoutAsParquetBecomesAPairFile() throws Exception {
        hub.serveDataset(
                "mteb/sickr-sts",
                COMMIT,
                Map.of(
                        "data/test-00000-of-00001.parquet",
                        pq.resolve("mteb-sts/data/test-00000-of-00001.parquet")));
        HubDatasetFetcher.Fetched stsParquet = fetch("mteb/sickr-sts");
        assertThat(stsParquet.pairs()).isEqualTo(3);
        Path sick = datasets.resolve("sickr-sts/test.tsv");
        assertThat(stsParquet.pairFiles()).containsExactly(sick);
        assertThat(stsParquet.opens()).isEqualTo(sick);
        assertThat(StsReader.readAuto(sick, null).pairs().get(0).gold()).isEqualTo(4.8);
        assertThat(Files.readString(sick)).contains("A cat sleeps.\tStocks fell today.\t0.2");
    }

    @Test
    void aNameWithASlashMeansTheHub() {
        assertThat(HubDatasetFetcher.isHubName("mteb/scifact")).isTrue();
        assertThat(HubDatasetFetcher.isHubName("scifact")).isFalse();
    }

    @Test
    void aDatasetTheHubDoesNotHaveIsNamed() {
        assertThatThrownBy(() -> fetch("mteb/absent"))
                .hasMessageContaining("No dataset mteb/absent");
    }

    @Test
    void mtebsStsLayoutAsJsonlBecomesPairFilesEvalReads() throws Exception {
        // one jsonl per split
        Path stsTest = tmp.resolve("test.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(stsTest))) {
            out.write(
                    ("{\"sentence1\": \"A man is playing a guitar.\", \"sentence2\": \"A man plays the"
                                    + " guitar.\", \"score\": 4.8}\n"
                                    + "{\"sentence1\": \"A cat\\tsleeps.\", \"sentence2\": \"Stocks fell today.\","
                                    + " \"score\": 0.2}\n"
                                    + "{\"sentence1\": \"A woman slices an onion.\", \"sentence2\": \"Someone"
                                    + " is cutting an onion.\", \"score\": 3.9}\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        Path validation = tmp.resolve("validation.jsonl");
        Files.writeString(
                validation,
                "{\"sentence1\": \"x\", \"sentence2\": \"y\", \"score\": 1}\n"
                        + "{\"sentence1\": \"p\", \"sentence2\": \"q\", \"score\": 2.5}\n");
        hub.serveDataset(
                "mteb/stsbenchmark-sts",
                COMMIT,
                Map.of("test.jsonl.gz", stsTest, "validation.jsonl", validation));
        HubDatasetFetcher.Fetched sts = fetch("mteb/stsbenchmark-sts");
        assertThat(sts.check()).isNull();
        assertThat(sts.pairs()).isEqualTo(5);
        Path test = datasets.resolve("stsbenchmark-sts/test.tsv");
        assertThat(sts.pairFiles())
                .containsExactlyInAnyOrder(
                        test, datasets.resolve("stsbenchmark-sts/validation.tsv"));
        assertThat(sts.opens()).as("an STS set opens as its test pairs").isEqualTo(test);
        assertThat(StsReader.readAuto(test, null).pairs()).hasSize(3);
        assertThat(Files.readString(test))
                .startsWith("sentence1\tsentence2\tscore\n")
                .contains("A cat sleeps.");
    }

    @Test
    void aBadStsLineIsNamedWithFileAndLineAndNothingIsKept() throws Exception {
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"sentence1\": \"x\"}\n");
        hub.serveDataset("org/bad-sts", COMMIT, Map.of("test.jsonl", bad));
        assertThatThrownBy(() -> fetch("org/bad-sts"))
                .hasMessageContaining("test.jsonl, line 1")
                .hasMessageContaining("sentence1, sentence2 and a numeric score");
        assertThat(datasets.resolve("bad-sts")).doesNotExist();
    }
}
