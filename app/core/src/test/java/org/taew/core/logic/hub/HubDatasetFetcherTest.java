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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.testing.HubFixture;
import org.taew.core.testing.ShippedWorkspace;
import org.taew.core.util.ProgressListener;

/** MTEB's BEIR-layout dataset repositories fetched from a stand-in Hub on 127.0.0.1. */
class HubDatasetFetcherTest {
    private static final String COMMIT = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";

    @TempDir Path tmp;

    @Test
    void aBeirLayoutRepositoryWithGzippedFilesBecomesADataset() throws Exception {
        Path src = ShippedWorkspace.root().resolve("datasets/helpdesk-mini");
        Path gz = tmp.resolve("corpus.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(src.resolve("corpus.jsonl")));
        }
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("README.md", src.resolve("README.md"));
        files.put("corpus.jsonl.gz", gz);
        files.put("queries.jsonl", src.resolve("queries.jsonl"));
        files.put("qrels/test.tsv", src.resolve("qrels/test.tsv"));
        Path datasets = tmp.resolve("datasets");
        try (HubFixture hub = HubFixture.start()) {
            hub.serveDataset("mteb/scifact", COMMIT, files);
            HubDatasetFetcher.Fetched f =
                    HubDatasetFetcher.fetch(
                            new HubClient(hub.endpoint(), null),
                            datasets,
                            "mteb/scifact",
                            ProgressListener.NONE);
            Path dir = datasets.resolve("scifact");
            assertThat(f.dir()).isEqualTo(dir);
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

            Map<String, Path> parquet = new LinkedHashMap<>();
            parquet.put("corpus/test-00000-of-00001.parquet", src.resolve("corpus.jsonl"));
            hub.serveDataset("mteb/nfcorpus", COMMIT, parquet);
            assertThatThrownBy(
                            () ->
                                    HubDatasetFetcher.fetch(
                                            new HubClient(hub.endpoint(), null),
                                            datasets,
                                            "mteb/nfcorpus",
                                            ProgressListener.NONE))
                    .hasMessageContaining("published as parquet files")
                    .hasMessageContaining("taew datasets fetch nfcorpus");
            assertThatThrownBy(
                            () ->
                                    HubDatasetFetcher.fetch(
                                            new HubClient(hub.endpoint(), null),
                                            datasets,
                                            "mteb/absent",
                                            ProgressListener.NONE))
                    .hasMessageContaining("No dataset mteb/absent");

            // MTEB's STS layout: one jsonl per split, converted to pair files eval reads
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
            HubDatasetFetcher.Fetched sts =
                    HubDatasetFetcher.fetch(
                            new HubClient(hub.endpoint(), null),
                            datasets,
                            "mteb/stsbenchmark-sts",
                            ProgressListener.NONE);
            assertThat(sts.check()).isNull();
            assertThat(sts.pairs()).isEqualTo(5);
            Path test = datasets.resolve("stsbenchmark-sts/test.tsv");
            assertThat(sts.pairFiles()).contains(test);
            assertThat(StsReader.readAuto(test, null).pairs()).hasSize(3);
            assertThat(Files.readString(test))
                    .startsWith("sentence1\tsentence2\tscore\n")
                    .contains("A cat sleeps.");

            Path bad = tmp.resolve("bad.jsonl");
            Files.writeString(bad, "{\"sentence1\": \"x\"}\n");
            hub.serveDataset("org/bad-sts", COMMIT, Map.of("test.jsonl", bad));
            assertThatThrownBy(
                            () ->
                                    HubDatasetFetcher.fetch(
                                            new HubClient(hub.endpoint(), null),
                                            datasets,
                                            "org/bad-sts",
                                            ProgressListener.NONE))
                    .hasMessageContaining("test.jsonl, line 1")
                    .hasMessageContaining("sentence1, sentence2 and a numeric score");
            assertThat(datasets.resolve("bad-sts")).doesNotExist();
            assertThat(datasets.resolve("nfcorpus")).doesNotExist();
        }
    }
}
