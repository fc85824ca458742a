package org.taew.core.logic.lexical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;

/**
 * BM25 on a hand-made corpus, each document's score computed from the formula Lucene uses, and an
 * index that is reused, rebuilt when it was made for something else, and never trusted half-built.
 */
class Bm25IndexTest {
    @TempDir Path home;

    static final List<TextItem> DOCS =
            List.of(
                    new TextItem("d1", "Aspirin reduces fever and pain."),
                    new TextItem("d2", "Fever in children: when to give aspirin, and when not."),
                    new TextItem("d3", "Pain relief without drugs: rest, heat and sleep."),
                    new TextItem("d4", "The history of the printing press."),
                    new TextItem("d5", "Aspirin, aspirin, aspirin: a long story of a short drug."));

    Bm25Index open(List<TextItem> docs, String fingerprint) throws Exception {
        return Bm25Index.open(
                home.resolve("bm25"),
                fingerprint,
                docs,
                Bm25Settings.ANSERINI,
                ProgressListener.NONE);
    }

    @Test
    void scoresAreTheBm25FormulaPerDocument() throws Exception {
        try (Bm25Index index = open(DOCS, "f1")) {
            String query = "aspirin for fever, fever!";
            Run run =
                    new Bm25Search(index)
                            .search(
                                    List.of(new TextItem("q", query)),
                                    10,
                                    false,
                                    ProgressListener.NONE);
            Map<String, Double> expected = formula(query, 0.9, 0.4);
            assertThat(run.of("q"))
                    .extracting(ScoredDoc::docId)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (ScoredDoc d : run.of("q")) {
                assertThat((double) d.score())
                        .as(d.docId())
                        .isCloseTo(expected.get(d.docId()), offset(1e-5));
            }
            assertThat(run.of("q")).isSortedAccordingTo(ScoredDoc.TREC_ORDER);
        }
    }

    /**
     * Σ over the query's distinct terms of count(t in query) · idf(t) · tf / (tf + k1 (1 − b + b dl
     * / avgdl)), idf = ln(1 + (N − n + 0.5) / (n + 0.5)); lengths in analysed terms (exact for
     * documents this short, which Lucene's one-byte length keeps exactly).
     */
    static Map<String, Double> formula(String query, double k1, double b) {
        EnglishAnalysis a = new EnglishAnalysis();
        List<List<String>> docs = DOCS.stream().map(d -> a.terms(d.text())).toList();
        double avgdl = docs.stream().mapToInt(List::size).sum() / (double) docs.size();
        Map<String, Integer> q = new HashMap<>();
        a.terms(query).forEach(t -> q.merge(t, 1, Integer::sum));
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            List<String> doc = docs.get(i);
            double score = 0;
            boolean matched = false;
            for (Map.Entry<String, Integer> t : q.entrySet()) {
                long tf = doc.stream().filter(t.getKey()::equals).count();
                if (tf == 0) {
                    continue;
                }
                matched = true;
                long n = docs.stream().filter(d -> d.contains(t.getKey())).count();
                double idf = Math.log(1 + (docs.size() - n + 0.5) / (n + 0.5));
                score += t.getValue() * idf * tf / (tf + k1 * (1 - b + b * doc.size() / avgdl));
            }
            if (matched) {
                out.put(DOCS.get(i).id(), score);
            }
        }
        return out;
    }

    @Test
    void aQueryOfStopWordsOnlyRetrievesNothingAndIdenticalIdsCanBeLeftOut() throws Exception {
        try (Bm25Index index = open(DOCS, "f1")) {
            Bm25Search search = new Bm25Search(index);
            Run run =
                    search.search(
                            List.of(new TextItem("q", "the and of"), new TextItem("d3", "pain")),
                            10,
                            true,
                            ProgressListener.NONE);
            assertThat(run.of("q")).isEmpty();
            assertThat(run.of("d3")).extracting(ScoredDoc::docId).containsExactly("d1");
        }
    }

    @Test
    void anIndexIsBuiltOnceAndReusedUntilTheDocumentsChange() throws Exception {
        Path dir;
        try (Bm25Index first = open(DOCS, "f1")) {
            assertThat(first.built()).isTrue();
            assertThat(first.note()).isNull();
            assertThat(first.size()).isEqualTo(5);
            dir = first.dir();
        }
        try (Bm25Index again = open(DOCS, "f1")) {
            assertThat(again.built()).isFalse();
            assertThat(again.dir()).isEqualTo(dir);
        }
        try (Bm25Index other = open(DOCS.subList(0, 3), "f2")) {
            assertThat(other.built()).isTrue();
            assertThat(other.dir()).isNotEqualTo(dir);
            assertThat(other.size()).isEqualTo(3);
        }
    }

    @Test
    void aKilledBuildLeavesNothingTrustedAndTheNextOpenRebuilds() throws Exception {
        Path dir;
        try (Bm25Index first = open(DOCS, "f1")) {
            dir = first.dir();
        }
        // what a build killed before its record was written leaves: files, no record
        Files.delete(dir.resolve(Bm25Index.RECORD));
        try (Bm25Index again = open(DOCS, "f1")) {
            assertThat(again.built()).isTrue();
            assertThat(again.note())
                    .isEqualTo(
                            "The BM25 index was rebuilt: it was not finished (a build was stopped).");
            assertThat(again.size()).isEqualTo(5);
        }
    }

    @Test
    void aDamagedIndexIsRebuiltNotTrusted() throws Exception {
        Path dir;
        try (Bm25Index first = open(DOCS, "f1")) {
            dir = first.dir();
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (!p.getFileName().toString().equals(Bm25Index.RECORD)) {
                    Files.write(p, new byte[] {1, 2, 3});
                }
            }
        }
        try (Bm25Index again = open(DOCS, "f1")) {
            assertThat(again.built()).isTrue();
            assertThat(again.note()).startsWith("The BM25 index was rebuilt: it could not be read");
            assertThat(
                            new Bm25Search(again)
                                    .search(
                                            List.of(new TextItem("q", "aspirin")),
                                            10,
                                            false,
                                            ProgressListener.NONE)
                                    .of("q"))
                    .hasSize(3);
        }
    }

    @Test
    void aBuildStopsWhenItsThreadIsInterruptedAndKeepsNothing() throws Exception {
        List<TextItem> many =
                IntStream.range(0, 2000)
                        .mapToObj(i -> new TextItem("d" + i, "document number " + i))
                        .toList();
        // Cancel while the documents are being added: the worker thread is interrupted
        ProgressListener cancelOnFirstBatch =
                new ProgressListener() {
                    @Override
                    public void reset(String message, long max) {}

                    @Override
                    public void increment(long steps) {
                        Thread.currentThread().interrupt();
                    }

                    @Override
                    public void end() {}
                };
        try {
            assertThatThrownBy(
                            () ->
                                    Bm25Index.open(
                                            home.resolve("bm25"),
                                            "f3",
                                            many,
                                            Bm25Settings.ANSERINI,
                                            cancelOnFirstBatch))
                    .hasMessage("Cancelled.");
        } finally {
            Thread.interrupted();
        }
        try (var left = Files.list(home.resolve("bm25"))) {
            assertThat(left.toList()).as("no index folder, no half-built folder").isEmpty();
        }
        try (Bm25Index after = open(many, "f3")) {
            assertThat(after.built()).isTrue();
            assertThat(after.note()).isNull();
            assertThat(after.size()).isEqualTo(2000);
        }
    }
}
