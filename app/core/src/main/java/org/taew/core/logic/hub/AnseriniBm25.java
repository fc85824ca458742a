package org.taew.core.logic.hub;

import java.util.Locale;

/**
 * Anserini's published BM25 figures of a BEIR collection: the "flat" regression (title and text in
 * one field, k1 0.9, b 0.4, its default English analysis, the query's own id removed from its
 * ranking), test split, as trec_eval prints them. The workbench's BM25 uses the same settings, so
 * {@code taew reproduce NAME} checks it against these.
 *
 * @param collection the collection's name as BEIR and the workbench spell it
 */
public record AnseriniBm25(String collection, double ndcg10, double recall100) {
    /** The commit of castorini/anserini the figures were read from. */
    public static final String COMMIT = "81e3414573a39ad7433d271c5cadc360bc821945";

    /** The regression page that publishes them. */
    public String source() {
        return "https://github.com/castorini/anserini/blob/"
                + COMMIT
                + "/docs/reproduce/from-document-collection/beir-v1.0.0-"
                + collection
                + ".flat.md";
    }

    /** E.g. {@code nDCG@10 0.6789, R@100 0.9253}. */
    public String figures() {
        return String.format(Locale.ROOT, "nDCG@10 %.4f, R@100 %.4f", ndcg10, recall100);
    }
}
