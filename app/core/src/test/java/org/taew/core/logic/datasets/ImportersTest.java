package org.taew.core.logic.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.StsDataset;
import org.taew.core.util.WorkbenchException;

/** Pair files to BEIR folders, STS files with a header, and the table reader under them. */
class ImportersTest {
    @TempDir Path dir;

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void csvPairsBecomeADatasetWithSharedIdsForRepeatedTexts() throws Exception {
        Path f =
                file(
                        "pairs.csv",
                        "question,answer,grade\n"
                                + "\"How do I reset my VPN password?\",\"Open the portal, choose \"\"Reset\"\".\",2\n"
                                + "vpn reset,\"Open the portal, choose \"\"Reset\"\".\",1\n"
                                + "printer jam,\"Open tray 2.\nThen close it.\",2\n"
                                + "vpn reset,\"Open the portal, choose \"\"Reset\"\".\",2\n");
        PairImporter.Result r =
                PairImporter.importPairs(f, dir.resolve("ds"), null, null, null, "test");
        assertThat(r.queries()).isEqualTo(3);
        assertThat(r.documents()).isEqualTo(2);
        assertThat(r.judgments()).isEqualTo(3);
        assertThat(r.repeatedPairs()).isEqualTo(1);
        RetrievalDataset ds = BeirReader.read(dir.resolve("ds"), "test");
        assertThat(ds.documents())
                .extracting(t -> t.text())
                .containsExactly(
                        "Open the portal, choose \"Reset\".", "Open tray 2.\nThen close it.");
        assertThat(ds.qrels().of("q0002"))
                .containsEntry("d0001", 2); // the higher grade of the repeat
        assertThat(ds.qrels().of("q0003")).containsEntry("d0002", 2);
        assertThat(Files.readString(dir.resolve("ds/README.md")))
                .contains("Imported from `pairs.csv`");
    }

    @Test
    void tsvAndJsonlWithNamedColumnsImportToo() throws Exception {
        Path tsv = file("p.tsv", "q_text\tdoc_text\nwifi down\tRestart the router.\n");
        PairImporter.Result a =
                PairImporter.importPairs(tsv, dir.resolve("a"), "q_text", "doc_text", null, "dev");
        assertThat(a.judgments()).isEqualTo(1);
        assertThat(BeirReader.splits(dir.resolve("a"))).containsExactly("dev");
        Path jsonl =
                file(
                        "p.jsonl",
                        "{\"query\": \"leave days\", \"passage\": \"New staff get 25 days.\", \"id\": 7}\n\n"
                                + "{\"query\": \"leave days\", \"passage\": \"Carry over up to 5 days.\"}\n");
        PairImporter.Result b =
                PairImporter.importPairs(jsonl, dir.resolve("b"), null, null, null, "test");
        assertThat(b.queries()).isEqualTo(1);
        assertThat(b.documents()).isEqualTo(2);
    }

    @Test
    void malformedInputIsReportedWithFileAndLine() throws Exception {
        record Case(String name, String content, String message) {}
        List<Case> cases =
                List.of(
                        new Case(
                                "open.csv",
                                "query,document\n\"unclosed,doc\nmore\n",
                                "open.csv:2: a quoted field is not closed"),
                        new Case(
                                "count.csv",
                                "query,document\na,b\na,b,c\n",
                                "count.csv:3: expected 2 comma-separated fields"),
                        new Case(
                                "empty.csv",
                                "query,document\n,doc\n",
                                "empty.csv:2: empty query (query)"),
                        new Case(
                                "grade.csv",
                                "query,document,grade\nq,d,high\n",
                                "grade.csv:2: grade \"high\" (column grade) is not a whole number"),
                        new Case(
                                "neg.csv",
                                "query,document,grade\nq,d,-1\n",
                                "neg.csv:2: grade -1 is negative"),
                        new Case(
                                "cols.csv",
                                "left,right\nq,d\n",
                                "cols.csv: cannot tell which column holds the queries"),
                        new Case(
                                "bad.jsonl",
                                "{\"query\": \"q\", \"document\": \"d\"}\n{broken\n",
                                "bad.jsonl:2: is not valid JSON"),
                        new Case(
                                "nested.jsonl",
                                "{\"query\": {\"x\": 1}, \"document\": \"d\"}\n",
                                "nested.jsonl:1: field \"query\" must be a string"),
                        new Case("nothing.csv", "", "nothing.csv: empty; expected a header row"));
        for (Case c : cases) {
            Path f = file(c.name(), c.content());
            assertThatThrownBy(
                            () ->
                                    PairImporter.importPairs(
                                            f,
                                            dir.resolve("out-" + c.name()),
                                            null,
                                            null,
                                            null,
                                            "test"))
                    .as(c.name())
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining(c.message());
            assertThat(dir.resolve("out-" + c.name())).doesNotExist();
        }
        Path ok = file("ok.csv", "query,document\nq,d\n");
        Files.createDirectories(dir.resolve("taken"));
        assertThatThrownBy(
                        () ->
                                PairImporter.importPairs(
                                        ok, dir.resolve("taken"), null, null, null, "test"))
                .hasMessageContaining("taken already exists");
        assertThatThrownBy(
                        () ->
                                PairImporter.importPairs(
                                        ok, dir.resolve("x"), "nope", null, null, "test"))
                .hasMessageContaining(
                        "no column \"nope\" (--query-column); the columns are [query, document]");
    }

    @Test
    void stsFilesWithAHeaderAreMappedByNameOrByTheGivenColumns() throws Exception {
        Path csv =
                file(
                        "pairs.csv",
                        "id,sentence1,sentence2,score\n1,\"A man, walking.\",A man walks.,4.5\n2,A cat.,A car.,0.5\n");
        StsDataset a = StsReader.readAuto(csv, null);
        assertThat(a.pairs()).hasSize(2);
        assertThat(a.pairs().get(0).first()).isEqualTo("A man, walking.");
        assertThat(a.pairs().get(1).gold()).isEqualTo(0.5);
        Path tsv = file("custom.tsv", "left\tright\thuman\nx y\tx z\t3\nq r\tq s\t1\n");
        StsDataset b = StsReader.readAuto(tsv, "left,right,human");
        assertThat(b.pairs().get(0).second()).isEqualTo("x z");
        assertThatThrownBy(() -> StsReader.readAuto(tsv, "left,right"))
                .hasMessageContaining("--sts-columns takes three column names");
        Path noScore = file("noscore.csv", "sentence1,sentence2,notes\na,b,c\nd,e,f\n");
        assertThatThrownBy(() -> StsReader.readAuto(noScore, null))
                .hasMessageContaining("does not name both sentences and the score");
        Path badScore = file("bad.csv", "sentence1,sentence2,score\na,b,4\nc,d,high\n");
        assertThatThrownBy(() -> StsReader.readAuto(badScore, null))
                .hasMessageContaining("bad.csv:3: score \"high\" (column score) is not a number");
    }
}
