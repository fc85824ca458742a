package org.taew.core.logic.lexical;

import java.util.Locale;
import org.taew.core.model.Mode;
import org.taew.core.model.Run;

/**
 * How the hybrid arm fuses BM25 with a dense arm.
 *
 * @param fusion reciprocal rank fusion or a convex combination of normalised scores
 * @param rrfK the constant of reciprocal rank fusion
 * @param lexicalWeight the convex combination's weight of BM25 (the dense arm gets the rest)
 * @param dense the dense arm fused with BM25
 */
public record HybridSettings(Fusion.Method fusion, int rrfK, double lexicalWeight, Mode dense) {
    /** Reciprocal rank fusion (k = 60) of BM25 and task-aware mode. */
    public static final HybridSettings DEFAULT =
            new HybridSettings(Fusion.Method.RRF, Fusion.RRF_K, 0.5, Mode.TASK_AWARE);

    public HybridSettings {
        if (fusion == null || dense == null) {
            throw new IllegalArgumentException("a hybrid names its fusion and its dense arm");
        }
        if (rrfK < 1) {
            throw new IllegalArgumentException(
                    "the constant of reciprocal rank fusion is at least 1, not " + rrfK);
        }
        if (!(lexicalWeight >= 0 && lexicalWeight <= 1)) {
            throw new IllegalArgumentException(
                    "the weight of BM25 in the convex combination is between 0 and 1, not "
                            + lexicalWeight);
        }
    }

    /** E.g. {@code rrf k=60 bm25+task-aware}: what the run history records. */
    public String key() {
        return fusion == Fusion.Method.RRF
                ? String.format(Locale.ROOT, "rrf k=%d bm25+%s", rrfK, dense.label())
                : String.format(Locale.ROOT, "convex w=%s bm25+%s", lexicalWeight, dense.label());
    }

    /** E.g. {@code reciprocal rank fusion (k = 60) of BM25 and task-aware mode}. */
    public String describe() {
        return fusion == Fusion.Method.RRF
                ? String.format(
                        Locale.ROOT,
                        "reciprocal rank fusion (k = %d) of BM25 and %s mode",
                        rrfK,
                        dense.label())
                : String.format(
                        Locale.ROOT,
                        "convex combination of min-max normalised scores, %.2f × BM25 + %.2f × %s"
                                + " mode",
                        lexicalWeight,
                        1 - lexicalWeight,
                        dense.label());
    }

    /** The fused run of a BM25 run and the dense arm's run. */
    public Run fuse(Run bm25, Run denseRun, int depth) {
        return fusion == Fusion.Method.RRF
                ? Fusion.reciprocalRank(bm25, denseRun, rrfK, depth)
                : Fusion.convex(bm25, denseRun, lexicalWeight, depth);
    }
}
