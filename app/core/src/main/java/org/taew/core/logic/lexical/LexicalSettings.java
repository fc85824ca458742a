package org.taew.core.logic.lexical;

/**
 * Which lexical arms an evaluation adds beside the dense modes, and their settings.
 *
 * @param bm25 rank with BM25 alone
 * @param hybrid fuse BM25 with a dense arm as this says, or null for no hybrid
 * @param index the BM25 settings (of BM25 and of the hybrid's BM25 run)
 */
public record LexicalSettings(boolean bm25, HybridSettings hybrid, Bm25Settings index) {
    /** No lexical arm. */
    public static final LexicalSettings NONE =
            new LexicalSettings(false, null, Bm25Settings.ANSERINI);

    /** BM25 with Anserini's defaults, no hybrid. */
    public static final LexicalSettings BM25 =
            new LexicalSettings(true, null, Bm25Settings.ANSERINI);

    public LexicalSettings {
        if (index == null) {
            throw new IllegalArgumentException("the BM25 settings are needed");
        }
    }

    /** Whether a BM25 index is needed at all. */
    public boolean any() {
        return bm25 || hybrid != null;
    }

    public LexicalSettings withHybrid(HybridSettings h) {
        return new LexicalSettings(bm25, h, index);
    }
}
