package org.taew.core.logic.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parquet file of a repository is what: decided from names alone, before any download. */
class ParquetDatasetsTest {
    private static List<HubClient.RepoFile> files(String... paths) {
        List<HubClient.RepoFile> out = new ArrayList<>();
        for (String p : paths) {
            out.add(new HubClient.RepoFile(p, 10, null));
        }
        return out;
    }

    @Test
    void theShardNamesOfDatasetsAndTheHubsConvertedLayoutAreRead() throws Exception {
        ParquetDatasets.Layout a =
                ParquetDatasets.layout(
                        "mteb/x",
                        files(
                                "corpus/test-00000-of-00002.parquet",
                                "corpus/test-00001-of-00002-0123abcd4567ef89.parquet",
                                "queries/test-00000-of-00001.parquet",
                                "qrels/test-00000-of-00001.parquet",
                                "qrels/dev-00000-of-00001.parquet",
                                "README.md"));
        assertThat(a.corpus()).hasSize(2);
        assertThat(a.queries()).hasSize(1);
        assertThat(a.splits()).containsOnlyKeys("dev", "test");
        ParquetDatasets.Layout converted =
                ParquetDatasets.layout(
                        "mteb/x",
                        files(
                                "corpus/corpus/0000.parquet",
                                "queries/queries/0000.parquet",
                                "default/test/0000.parquet"));
        assertThat(converted.retrieval()).isTrue();
        assertThat(converted.splits()).containsOnlyKeys("test");
        ParquetDatasets.Layout oneConfig =
                ParquetDatasets.layout(
                        "org/y",
                        files(
                                "data/corpus-00000-of-00001.parquet",
                                "data/queries-00000-of-00001.parquet",
                                "data/test-00000-of-00001.parquet"));
        assertThat(oneConfig.retrieval()).isTrue();
        assertThat(ParquetDatasets.layout("org/z", files("README.md", "x.jsonl"))).isNull();
    }

    @Test
    void layoutsTheConversionWouldGetWrongAreRefusedBeforeDownloading() {
        assertThatThrownBy(
                        () ->
                                ParquetDatasets.layout(
                                        "org/two",
                                        files(
                                                "corpus/test-00000-of-00001.parquet",
                                                "queries/test-00000-of-00001.parquet",
                                                "default/test-00000-of-00001.parquet",
                                                "qrels/test-00000-of-00001.parquet")))
                .hasMessageContaining("the test split in two configurations (default/ and qrels/)");
        assertThatThrownBy(
                        () ->
                                ParquetDatasets.layout(
                                        "mteb/multi",
                                        files(
                                                "ar-corpus/test-00000-of-00001.parquet",
                                                "de-corpus/test-00000-of-00001.parquet",
                                                "ar-queries/test-00000-of-00001.parquet",
                                                "ar-qrels/test-00000-of-00001.parquet")))
                .hasMessageContaining("several corpora or query sets (ar-corpus, de-corpus)");
        assertThatThrownBy(
                        () ->
                                ParquetDatasets.layout(
                                        "org/odd", files("corpus/part-0.snappy.parquet")))
                .hasMessageContaining("cannot tell the split of corpus/part-0.snappy.parquet");
    }
}
