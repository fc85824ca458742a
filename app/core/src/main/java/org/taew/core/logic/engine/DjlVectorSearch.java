package org.taew.core.logic.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.taew.core.logic.retrieval.VectorSearch;
import org.taew.core.model.Embeddings;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Exact top-k by cosine on DJL NDArrays (PyTorch engine), block by block: the score matrix of a
 * block of queries against a block of documents is at most {@link #MAX_BLOCK_SCORES} floats, so
 * memory stays bounded however large the corpus. Each block keeps its top candidates with {@code
 * topK}; every document tied with a block's last candidate is kept as well, so that the final cut
 * in trec_eval order (score, then id descending) is exact.
 */
final class DjlVectorSearch implements VectorSearch {
    /** The largest query-block × document-block score matrix held at once (64 MiB of floats). */
    static final int MAX_BLOCK_SCORES = 16 << 20;

    private final String engineName;
    private final int maxBlockScores;

    DjlVectorSearch(String engineName, int maxBlockScores) {
        this.engineName = engineName;
        this.maxBlockScores = maxBlockScores;
    }

    @Override
    public Run search(
            List<String> queryIds,
            Embeddings queries,
            List<String> documentIds,
            Embeddings documents,
            int depth,
            boolean ignoreIdenticalIds)
            throws WorkbenchException {
        if (queries.dim() != documents.dim() && documents.rows() > 0) {
            throw new IllegalArgumentException(
                    "query vectors have "
                            + queries.dim()
                            + " dimensions, documents "
                            + documents.dim());
        }
        int nq = queries.rows();
        int nd = documents.rows();
        int dim = queries.dim();
        int keep = Math.min(nd, depth + (ignoreIdenticalIds ? 1 : 0));
        List<PriorityQueue<ScoredDoc>> best = new ArrayList<>(nq);
        for (int q = 0; q < nq; q++) {
            // head = the worst kept candidate
            best.add(new PriorityQueue<>(keep + 1, ScoredDoc.TREC_ORDER.reversed()));
        }
        if (keep > 0) {
            int queryBlock = Math.max(1, Math.min(nq, 1024));
            int docBlock = Math.max(keep, Math.min(nd, maxBlockScores / queryBlock));
            try (NDManager manager = Engine.getEngine(engineName).newBaseManager()) {
                for (int q0 = 0; q0 < nq; q0 += queryBlock) {
                    int qn = Math.min(queryBlock, nq - q0);
                    try (NDManager qm = manager.newSubManager()) {
                        NDArray qa =
                                qm.create(
                                        FloatBuffer.wrap(queries.data(), q0 * dim, qn * dim),
                                        new Shape(qn, dim));
                        for (int d0 = 0; d0 < nd; d0 += docBlock) {
                            ProgressListener.checkCancelled();
                            int dn = Math.min(docBlock, nd - d0);
                            try (NDManager dm = qm.newSubManager()) {
                                NDArray da =
                                        dm.create(
                                                FloatBuffer.wrap(
                                                        documents.data(), d0 * dim, dn * dim),
                                                new Shape(dn, dim));
                                NDArray scores = qa.dot(da.transpose());
                                collect(
                                        scores,
                                        qn,
                                        dn,
                                        Math.min(keep, dn),
                                        q0,
                                        d0,
                                        documentIds,
                                        best,
                                        keep);
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL,
                        "Similarity search failed: " + e.getMessage(),
                        e);
            }
        }
        Map<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();
        for (int q = 0; q < nq; q++) {
            List<ScoredDoc> ranked = new ArrayList<>(best.get(q));
            ranked.sort(ScoredDoc.TREC_ORDER);
            String qid = queryIds.get(q);
            if (ignoreIdenticalIds) {
                ranked.removeIf(d -> d.docId().equals(qid));
            }
            if (ranked.size() > depth) {
                ranked = ranked.subList(0, depth);
            }
            rankings.put(qid, ranked);
        }
        return new Run(rankings);
    }

    private static void collect(
            NDArray scores,
            int qn,
            int dn,
            int k,
            int q0,
            int d0,
            List<String> documentIds,
            List<PriorityQueue<ScoredDoc>> best,
            int keep) {
        NDList top = scores.topK(k, 1, true, true);
        float[] values = top.get(0).toFloatArray();
        long[] indices = top.get(1).toLongArray();
        long[] tiedCounts = null;
        if (k < dn) {
            NDArray threshold = top.get(0).get(":, " + (k - 1) + ":" + k);
            tiedCounts = scores.gte(threshold).sum(new int[] {1}).toLongArray();
        }
        for (int r = 0; r < qn; r++) {
            PriorityQueue<ScoredDoc> heap = best.get(q0 + r);
            if (tiedCounts != null && tiedCounts[r] > k) {
                // more documents share the block's last score than topK returned: take them all
                float threshold = values[r * k + k - 1];
                float[] row = scores.get(r).toFloatArray();
                for (int c = 0; c < dn; c++) {
                    if (row[c] >= threshold) {
                        offer(heap, new ScoredDoc(documentIds.get(d0 + c), row[c]), keep);
                    }
                }
            } else {
                for (int c = 0; c < k; c++) {
                    int doc = d0 + (int) indices[r * k + c];
                    offer(heap, new ScoredDoc(documentIds.get(doc), values[r * k + c]), keep);
                }
            }
        }
    }

    private static void offer(PriorityQueue<ScoredDoc> heap, ScoredDoc d, int keep) {
        if (heap.size() < keep) {
            heap.add(d);
        } else if (ScoredDoc.TREC_ORDER.compare(d, heap.peek()) < 0) {
            heap.poll();
            heap.add(d);
        }
    }
}
