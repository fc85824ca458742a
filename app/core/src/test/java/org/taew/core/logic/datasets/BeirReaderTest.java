package org.taew.core.logic.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.TestPaths;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.util.WorkbenchException;

class BeirReaderTest {
    @TempDir Path dir;

    private void write(String corpus, String queries, String qrels) throws Exception {
        Files.writeString(dir.resolve("corpus.jsonl"), corpus, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("queries.jsonl"), queries, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"), qrels, StandardCharsets.UTF_8);
    }

    private static final String CORPUS =
            """
            {"_id": "d1", "title": "Title", "text": "Body one."}
            {"_id": "d2", "title": "", "text": "  Body two.  "}
            {"_id": "d3", "text": "No title field."}
            """;
    private static final String QUERIES =
            """
            {"_id": "q1", "text": "first"}
            {"_id": "q2", "text": "second"}
            """;

    @Test
    void readsTheBeirLayoutAndBuildsDocumentTextFromTitleAndText() throws Exception {
        write(CORPUS, QUERIES, "query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t0\nq2\td3\t1\n");
        RetrievalDataset ds = BeirReader.read(dir, null);
        assertThat(ds.split()).isEqualTo("test");
        assertThat(ds.documents())
                .extracting(t -> t.text())
                .containsExactly("Title Body one.", "Body two.", "No title field.");
        assertThat(ds.queries()).hasSize(2);
        assertThat(ds.qrels().of("q1")).containsEntry("d1", 2).containsEntry("d2", 0);
        assertThat(ds.qrels().relevantCount("q1")).isEqualTo(1);
    }

    @Test
    void queriesJudgedOnlyInAnotherSplitBelongToThatSplit() throws Exception {
        write(
                CORPUS,
                QUERIES + "{\"_id\": \"q3\", \"text\": \"third, unjudged\"}\n",
                "q1\td1\t1\n");
        Files.writeString(dir.resolve("qrels/dev.tsv"), "q2\td2\t1\n");
        RetrievalDataset test = BeirReader.read(dir, "test");
        assertThat(test.queries()).extracting(t -> t.id()).containsExactly("q1", "q3");
        RetrievalDataset dev = BeirReader.read(dir, "dev");
        assertThat(dev.queries()).extracting(t -> t.id()).containsExactly("q2", "q3");
    }

    private void assertError(String corpus, String queries, String qrels, String where, String what)
            throws Exception {
        write(corpus, queries, qrels);
        assertThatThrownBy(() -> BeirReader.read(dir, null))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith(dir.resolve(where).toString())
                .hasMessageContaining(what);
    }

    @Test
    void brokenJsonLineIsReportedWithFileAndLine() throws Exception {
        assertError(
                CORPUS + "{\"_id\": \"d4\", \"text\": \"unterminated}\n",
                QUERIES,
                "q1\td1\t1\n",
                "corpus.jsonl:4",
                "is not valid JSON");
    }

    @Test
    void emptyTextIsAnError() throws Exception {
        assertError(
                CORPUS + "{\"_id\": \"d4\", \"title\": \" \", \"text\": \"\"}\n",
                QUERIES,
                "q1\td1\t1\n",
                "corpus.jsonl:4",
                "has no text");
    }

    @Test
    void duplicateIdsAreAnError() throws Exception {
        assertError(
                CORPUS,
                QUERIES + "{\"_id\": \"q1\", \"text\": \"again\"}\n",
                "q1\td1\t1\n",
                "queries.jsonl:3",
                "duplicate id \"q1\" (first seen on line 1)");
    }

    @Test
    void missingIdIsAnError() throws Exception {
        assertError(
                CORPUS,
                "{\"text\": \"no id\"}\n",
                "q1\td1\t1\n",
                "queries.jsonl:1",
                "missing field \"_id\"");
    }

    @Test
    void qrelsNamingUnknownIdsAreAnError() throws Exception {
        assertError(
                CORPUS,
                QUERIES,
                "query-id\tcorpus-id\tscore\nq1\td9\t1\n",
                "qrels/test.tsv:2",
                "corpus id \"d9\" is not in corpus.jsonl");
        assertError(
                CORPUS,
                QUERIES,
                "q7\td1\t1\n",
                "qrels/test.tsv:1",
                "query id \"q7\" is not in queries.jsonl");
    }

    @Test
    void qrelsWithBadScoreOrColumnsAreAnError() throws Exception {
        assertError(
                CORPUS,
                QUERIES,
                "q1\td1\t1\nq1\td2\thigh\n",
                "qrels/test.tsv:2",
                "is not a whole number");
        assertError(CORPUS, QUERIES, "q1\td1\n", "qrels/test.tsv:1", "expected 3 columns");
        assertError(CORPUS, QUERIES, "q1\td1\t1\nq1\td1\t2\n", "qrels/test.tsv:2", "judged twice");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithTheirLine() throws Exception {
        write(CORPUS, QUERIES, "q1\td1\t1\n");
        byte[] latin1 =
                "{\"_id\": \"q3\", \"text\": \"caf\u00e9\"}\n"
                        .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("queries.jsonl"), latin1, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> BeirReader.read(dir, null))
                .hasMessage(
                        dir.resolve("queries.jsonl")
                                + ":3: is not valid UTF-8 text (save the file as UTF-8)");
    }

    @Test
    void unknownSplitListsTheExistingOnes() throws Exception {
        write(CORPUS, QUERIES, "q1\td1\t1\n");
        assertThatThrownBy(() -> BeirReader.read(dir, "train"))
                .hasMessageContaining("the splits of this dataset are test");
    }

    @Test
    void shippedDatasetsLoad() throws Exception {
        RetrievalDataset ds =
                BeirReader.read(TestPaths.workspace().resolve("datasets/helpdesk-mini"), null);
        assertThat(ds.queries()).hasSize(40);
        assertThat(ds.documents()).hasSize(64);
        for (var q : ds.queries()) {
            assertThat(ds.qrels().relevantCount(q.id())).as(q.id()).isPositive();
        }
    }

    @Test
    void trecQrelsInATxtFileAreASplit() throws Exception {
        write(CORPUS, QUERIES, "q1\td1\t1\n");
        Files.delete(dir.resolve("qrels/test.tsv"));
        Files.writeString(dir.resolve("qrels/test.txt"), "q1 0 d1 2\nq2 0 d3 1\nq2 0 d2 0\n");
        assertThat(BeirReader.splits(dir)).containsExactly("test");
        RetrievalDataset ds = BeirReader.read(dir, null);
        assertThat(ds.qrels().of("q1")).containsEntry("d1", 2);
        assertThat(ds.qrels().of("q2")).containsEntry("d3", 1).containsEntry("d2", 0);
    }

    @Test
    void aSplitInBothFormatsIsRefusedNamingTheTwoFiles() throws Exception {
        write(CORPUS, QUERIES, "q1\td1\t1\n");
        Files.writeString(dir.resolve("qrels/test.txt"), "q1 0 d1 2\n");
        assertThatThrownBy(() -> BeirReader.read(dir, null))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("both test.tsv and test.txt hold judgments of the split");
    }

    @Test
    void aQrelsFolderWithoutJudgmentsFilesSaysWhatItFoundAndWhyItWasNotRead() throws Exception {
        write(CORPUS, QUERIES, "q1\td1\t1\n");
        Files.move(dir.resolve("qrels/test.tsv"), dir.resolve("qrels/test.qrel"));
        assertThatThrownBy(() -> BeirReader.read(dir, null))
                .hasMessageContaining("qrels: no <split>.tsv or <split>.txt file")
                .hasMessageContaining(
                        "found test.qrel, not read: a judgments file must end in .tsv or .txt");
    }

    @Test
    void aMissingQueriesFileIsNamed() throws Exception {
        write(CORPUS, QUERIES, "q1\td1\t1\n");
        Files.delete(dir.resolve("queries.jsonl"));
        assertThatThrownBy(() -> BeirReader.read(dir, null))
                .hasMessageContaining("queries.jsonl is missing");
    }
}
