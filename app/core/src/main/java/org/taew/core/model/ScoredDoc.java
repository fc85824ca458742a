package org.taew.core.model;

import java.util.Comparator;

/** A retrieved document and its score. */
public record ScoredDoc(String docId, float score) {
    /**
     * trec_eval's order: score descending, then document id descending (trec_eval ignores the rank
     * column and breaks ties this way; we rank the same way so our numbers and trec_eval's agree).
     */
    public static final Comparator<ScoredDoc> TREC_ORDER =
            Comparator.comparingDouble((ScoredDoc d) -> d.score)
                    .reversed()
                    .thenComparing(ScoredDoc::docId, Comparator.reverseOrder());
}
