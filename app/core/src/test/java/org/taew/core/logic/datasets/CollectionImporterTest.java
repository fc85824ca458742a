package org.taew.core.logic.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.util.WorkbenchException;

/** A whole test collection to a BEIR folder, unjudged documents included. */
class CollectionImporterTest {
    @TempDir Path dir;

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static final String CORPUS =
            "1\tThe boundary layer of a flat plate in supersonic flow.\n"
                    + "2\tFlutter of swept wings at transonic speeds.\n"
                    + "3 Heat transfer on a cone at hypersonic speed.\n"
                    + "4\tBuckling of thin cylindrical shells under pressure.\n";

    private CollectionImporter.Request request(Path queries, Path qrels, Path pairs, String out)
            throws Exception {
        return new CollectionImporter.Request(
                file("corpus.txt", CORPUS),
                queries,
                qrels,
                pairs,
                dir.resolve(out),
                "test",
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void corpusQueriesAndTrecQrelsKeepEveryDocumentAndTheirIds() throws Exception {
        Path queries =
                file(
                        "topics.jsonl",
                        "{\"id\": \"1\", \"text\": \"supersonic boundary layers\"}\n"
                                + "{\"id\": \"2\", \"text\": \"wing flutter\"}\n"
                                + "{\"id\": \"3\", \"text\": \"never judged\"}\n");
        Path qrels = file("qrels.txt", "1 0 1 2\n1 0 3 1\n2 0 2 1\n2 0 4 0\n");
        CollectionImporter.Result r =
                CollectionImporter.importCollection(request(queries, qrels, null, "cran"));
        assertThat(r.documents()).isEqualTo(4);
        assertThat(r.documentsNeverJudged()).isZero(); // 4 is judged (grade 0)
        assertThat(r.queriesWithoutJudgments()).isEqualTo(1);
        RetrievalDataset ds = BeirReader.read(dir.resolve("cran"), null);
        assertThat(ds.documents()).extracting(t -> t.id()).containsExactly("1", "2", "3", "4");
        assertThat(ds.documents().get(2).text())
                .isEqualTo("Heat transfer on a cone at hypersonic speed.");
        assertThat(ds.qrels().of("1")).containsEntry("1", 2).containsEntry("3", 1);
        assertThat(ds.qrels().of("2")).containsEntry("4", 0);
        assertThat(DatasetSettings.of(dir.resolve("cran")).corpus())
                .isEqualTo(DatasetSettings.COMPLETE);
        assertThat(Files.readString(dir.resolve("cran/README.md")))
                .contains("from the whole collection: 4 documents from `corpus.txt`");
    }

    @Test
    void pairsJudgeCorpusDocumentsByTextOrIdAndTheUnjudgedStay() throws Exception {
        Path pairs =
                file(
                        "pairs.csv",
                        "query,document\n"
                                + "supersonic boundary layers,The boundary layer of a flat plate in supersonic flow.\n"
                                + "wing flutter,2\n");
        CollectionImporter.Result r =
                CollectionImporter.importCollection(request(null, null, pairs, "with-pairs"));
        assertThat(r.documents()).isEqualTo(4);
        assertThat(r.documentsNeverJudged()).isEqualTo(2);
        RetrievalDataset ds = BeirReader.read(dir.resolve("with-pairs"), null);
        assertThat(ds.queries()).extracting(t -> t.id()).containsExactly("q0001", "q0002");
        assertThat(ds.qrels().of("q0001")).containsOnlyKeys("1");
        assertThat(ds.qrels().of("q0002")).containsOnlyKeys("2");
    }

    @Test
    void badInputNamesFileAndLine() throws Exception {
        Path pairs = file("pairs.csv", "query,document\nfoo,Not in the corpus at all.\n");
        assertThatThrownBy(
                        () -> CollectionImporter.importCollection(request(null, null, pairs, "x")))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining(
                        "pairs.csv:2: the document \"Not in the corpus at all.\" is neither a text nor"
                                + " an id of the corpus");
        Path qrels = file("qrels.txt", "1 0 1 1\n");
        assertThatThrownBy(
                        () -> CollectionImporter.importCollection(request(null, qrels, null, "y")))
                .hasMessageContaining("give their texts with --queries");
        Path queries = file("q.tsv", "qid\ttext\n1\tone\n1\tagain\n");
        assertThatThrownBy(
                        () ->
                                CollectionImporter.importCollection(
                                        request(queries, qrels, null, "z")))
                .hasMessageContaining("q.tsv:3: duplicate id \"1\" (first on line 2)");
        Path dup = file("dup-pairs.csv", "query,document\nfoo,dup text\n");
        Files.writeString(dir.resolve("corpus.txt"), "a dup text\nb dup text\n");
        assertThatThrownBy(
                        () ->
                                CollectionImporter.importCollection(
                                        new CollectionImporter.Request(
                                                dir.resolve("corpus.txt"),
                                                null,
                                                null,
                                                dup,
                                                dir.resolve("w"),
                                                "test",
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null)))
                .hasMessageContaining(
                        "dup-pairs.csv:2: the document text is the text of 2 items of the corpus (a,"
                                + " b): give its id instead of its text");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void pairsAloneSayTheCorpusIsJudgedDocumentsOnly() throws Exception {
        Path pairs =
                file("pairs.csv", "query,document\nvpn,Reset the VPN.\nprinter,Open tray 2.\n");
        PairImporter.importPairs(pairs, dir.resolve("p"), null, null, null, "test");
        assertThat(DatasetSettings.of(dir.resolve("p")).judgedOnly()).isTrue();
        assertThat(Files.readString(dir.resolve("p/README.md")))
                .contains("**Only judged documents.**")
                .contains("score here is optimistic");
        DatasetCheck.Report check = DatasetCheck.check(dir.resolve("p"), null, 0);
        assertThat(check.findings())
                .extracting(DatasetCheck.Finding::located)
                .anyMatch(f -> f.contains("holds only the documents some query judged"));
    }
}
