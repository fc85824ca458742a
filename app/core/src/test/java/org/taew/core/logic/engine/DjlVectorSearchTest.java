package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.retrieval.VectorSearch;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.Embeddings;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;

class DjlVectorSearchTest {
    private static Embeddings random(int rows, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Vectors.normalized(new Embeddings(v, rows, dim));
    }

    private static List<String> ids(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + String.format("%04d", i));
        }
        return ids;
    }

    /** Brute force in Java: every score, sorted in trec_eval order. */
    private static List<String> bruteForce(
            Embeddings q, int row, Embeddings d, List<String> docIds, int k) {
        List<ScoredDoc> all = new ArrayList<>();
        for (int j = 0; j < d.rows(); j++) {
            float s = 0;
            for (int t = 0; t < q.dim(); t++) {
                s += q.data()[row * q.dim() + t] * d.data()[j * d.dim() + t];
            }
            all.add(new ScoredDoc(docIds.get(j), s));
        }
        all.sort(ScoredDoc.TREC_ORDER);
        return all.subList(0, k).stream().map(ScoredDoc::docId).toList();
    }

    @Test
    void blockwiseTopKMatchesBruteForce() throws Exception {
        Embeddings q = random(7, 16, 1);
        Embeddings d = random(503, 16, 2);
        List<String> qids = ids("q", 7);
        List<String> dids = ids("d", 503);
        // a block of at most 7 x 20 scores: 26 document blocks to merge
        VectorSearch search = Engines.vectorSearch(7 * 20);
        Run run = search.search(qids, q, dids, d, 10, false);
        for (int i = 0; i < 7; i++) {
            assertThat(run.of(qids.get(i)))
                    .extracting(ScoredDoc::docId)
                    .containsExactlyElementsOf(bruteForce(q, i, d, dids, 10));
        }
    }

    @Test
    void tiesAtTheCutOffAreResolvedByIdDescendingAcrossBlocks() throws Exception {
        // ten identical documents: every score ties, so the kept three must be the three largest
        // ids
        float[] one = {1, 0, 0};
        float[] docs = new float[30];
        for (int i = 0; i < 10; i++) {
            System.arraycopy(one, 0, docs, 3 * i, 3);
        }
        Embeddings d = new Embeddings(docs, 10, 3);
        Embeddings q = new Embeddings(one.clone(), 1, 3);
        Run run = Engines.vectorSearch(4).search(List.of("q"), q, ids("d", 10), d, 3, false);
        assertThat(run.of("q"))
                .extracting(ScoredDoc::docId)
                .containsExactly("d0009", "d0008", "d0007");
    }

    @Test
    void identicalIdsCanBeIgnoredWithoutShorteningTheRanking() throws Exception {
        Embeddings d = random(20, 8, 3);
        List<String> dids = ids("x", 20);
        Embeddings q = new Embeddings(d.row(5), 1, 8);
        Run kept = Engines.vectorSearch().search(List.of("x0005"), q, dids, d, 5, false);
        assertThat(kept.of("x0005").get(0).docId()).isEqualTo("x0005");
        Run dropped = Engines.vectorSearch().search(List.of("x0005"), q, dids, d, 5, true);
        assertThat(dropped.of("x0005"))
                .hasSize(5)
                .extracting(ScoredDoc::docId)
                .doesNotContain("x0005");
        assertThat(dropped.of("x0005").get(0)).isEqualTo(kept.of("x0005").get(1));
    }

    @Test
    void depthLargerThanTheCorpusReturnsEveryDocument() throws Exception {
        Run run =
                Engines.vectorSearch()
                        .search(
                                List.of("q"),
                                random(1, 4, 5),
                                ids("d", 3),
                                random(3, 4, 6),
                                100,
                                false);
        assertThat(run.of("q")).hasSize(3);
    }
}
