package org.taew.core.logic.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.evaluation.Reproduction;
import org.taew.core.model.Arm;
import org.taew.core.model.Mode;
import org.taew.core.testing.HubFixture;
import org.taew.core.testing.ShippedWorkspace;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/** BEIR zips fetched from a stand-in of their download site on the loopback address. */
class BeirFetcherTest {
    @TempDir Path tmp;
    private HubFixture site;
    private Path datasets;

    @BeforeEach
    void start() throws Exception {
        site = HubFixture.start();
        datasets = tmp.resolve("datasets");
        Files.createDirectories(datasets);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    /** A BEIR zip of a shipped dataset under the top folder {@code name/}, with junk beside it. */
    private Path zipOf(String shipped, String name, String extraEntry) throws Exception {
        Path src = ShippedWorkspace.root().resolve("datasets").resolve(shipped);
        Path zip = tmp.resolve(name + "-" + shipped + ".zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("__MACOSX/" + name + "/._corpus.jsonl"));
            z.write(new byte[] {1, 2, 3});
            for (String f : new String[] {"corpus.jsonl", "queries.jsonl", "qrels/test.tsv"}) {
                z.putNextEntry(new ZipEntry(name + "/" + f));
                z.write(Files.readAllBytes(src.resolve(f)));
            }
            if (extraEntry != null) {
                z.putNextEntry(new ZipEntry(extraEntry));
                z.write(new byte[] {1});
            }
        }
        return zip;
    }

    private BeirFetcher.Fetched fetch(String name) throws WorkbenchException {
        return BeirFetcher.fetch(
                new HubClient(site.endpoint(), null),
                site.endpoint() + "/beir",
                datasets,
                name,
                ProgressListener.NONE);
    }

    @Test
    void aBeirZipBecomesADatasetWithItsProvenanceAndIsResumedAfterACut() throws Exception {
        Path zip = zipOf("helpdesk-mini", "scifact", null);
        site.plain.put("/beir/scifact.zip", zip);
        site.cutOnce.put("/beir/scifact.zip", Files.size(zip) / 2);
        assertThatThrownBy(() -> fetch("scifact"))
                .hasMessageContaining("the connection was cut")
                .hasMessageContaining("run the fetch again to resume it")
                .hasMessageNotContaining("Exception");
        assertThat(datasets.resolve("scifact")).doesNotExist();

        BeirFetcher.Fetched f = fetch("scifact");
        assertThat(site.requests).anyMatch(r -> r.startsWith("GET /beir/scifact.zip bytes="));
        Path dir = datasets.resolve("scifact");
        assertThat(f.dir()).isEqualTo(dir);
        assertThat(f.check().documents()).hasSize(64);
        assertThat(f.check().queries()).hasSize(40);
        assertThat(BeirReader.read(dir, null).documents()).hasSize(64);
        assertThat(dir.resolve("__MACOSX")).doesNotExist();
        assertThat(Files.readString(dir.resolve("README.md")))
                .contains(site.endpoint() + "/beir/scifact.zip")
                .contains(f.zipSha256())
                .contains("64 documents, 40 queries")
                .contains("5,183 documents, 300 test queries");
        assertThat(DatasetSettings.of(dir).task(null, "y")).isEqualTo("retrieval");
        assertThat(datasets.resolve(".partial/scifact.zip")).doesNotExist();
        Reproduction expected = Reproduction.read(dir.resolve("expected.yaml"), tmp);
        assertThat(expected.metric()).isEqualTo("ndcg_cut.10");
        assertThat(expected.expected())
                .containsExactly(
                        new Reproduction.Expected(
                                "e5-small-v2", Mode.TASK_AWARE, "ndcg_cut.10", 0.68854),
                        new Reproduction.Expected(
                                "bge-small-en-v1.5", Mode.TASK_AWARE, "ndcg_cut.10", 0.71275),
                        new Reproduction.Expected(
                                "all-MiniLM-L6-v2", Mode.GENERAL, "ndcg_cut.10", 0.64508),
                        new Reproduction.Expected(
                                Reproduction.BM25, Arm.BM25, "ndcg_cut.10", 0.6789),
                        new Reproduction.Expected(
                                Reproduction.BM25, Arm.BM25, "recall.100", 0.9253));
        assertThat(Files.readString(dir.resolve("README.md")))
                .contains("Anserini's published BM25")
                .contains("nDCG@10 0.6789, R@100 0.9253")
                .contains("beir-v1.0.0-scifact.flat.md");

        assertThatThrownBy(() -> fetch("scifact")).hasMessageContaining("exists already");
    }

    @Test
    void aZipThatArrivedWholeBeforeIsNotFetchedAgain() throws Exception {
        Path zip = zipOf("helpdesk-mini", "scidocs", null);
        site.plain.put("/beir/scidocs.zip", zip);
        Files.createDirectories(datasets.resolve(".partial"));
        Files.copy(zip, datasets.resolve(".partial/scidocs.zip")); // a run that failed after it
        assertThat(fetch("scidocs").check().documents()).hasSize(64);
        assertThat(site.requests)
                .containsExactly("GET /beir/scidocs.zip bytes=" + Files.size(zip) + "-");
    }

    @Test
    void symmetricCollectionsLeaveQueriesOutOfTheirOwnRanking() throws Exception {
        site.plain.put("/beir/quora.zip", zipOf("similar-questions", "quora", null));
        Path dir = fetch("quora").dir();
        DatasetSettings s = DatasetSettings.of(dir);
        assertThat(s.task(null, "retrieval")).isEqualTo("similar-questions");
        assertThat(Files.readString(dir.resolve("dataset.yaml")))
                .contains("ignore-identical-ids: true");
    }

    @Test
    void eachRefusalSaysWhyAndLeavesNoDataset() throws Exception {
        assertThatThrownBy(() -> fetch("imagenet"))
                .hasMessageContaining("not a BEIR collection")
                .hasMessageContaining("scifact, nfcorpus");
        assertThatThrownBy(() -> fetch("cqadupstack")).hasMessageContaining("12 sub-collections");
        assertThatThrownBy(() -> fetch("fiqa"))
                .hasMessageContaining("No fiqa.zip at")
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.kind()).isEqualTo(WorkbenchException.Kind.BAD_INPUT));

        Path garbage = tmp.resolve("garbage.zip");
        Files.writeString(garbage, "not a zip at all");
        site.plain.put("/beir/nfcorpus.zip", garbage);
        assertThatThrownBy(() -> fetch("nfcorpus"))
                .hasMessageContaining("did not arrive as a readable zip");

        site.plain.put(
                "/beir/arguana.zip", zipOf("helpdesk-mini", "arguana", "arguana/../../escape.txt"));
        assertThatThrownBy(() -> fetch("arguana"))
                .hasMessageContaining("points outside the dataset folder");
        assertThat(datasets.resolve("escape.txt")).doesNotExist();
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
        assertThat(datasets.resolve("nfcorpus")).doesNotExist();
        assertThat(datasets.resolve("arguana")).doesNotExist();
    }
}
