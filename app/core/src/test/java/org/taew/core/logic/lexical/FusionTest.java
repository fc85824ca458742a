package org.taew.core.logic.lexical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;

/** Reciprocal rank fusion and the convex combination on worked examples. */
class FusionTest {
    static Run run(ScoredDoc... docs) {
        return new Run(Map.of("q", List.of(docs)));
    }

    static ScoredDoc d(String id, double score) {
        return new ScoredDoc(id, (float) score);
    }

    @Test
    void reciprocalRankFusionSumsOneOverKPlusRankAcrossTheRuns() {
        Run lexical = run(d("A", 12.0), d("B", 9.5), d("C", 3.0));
        Run dense = run(d("C", 0.91), d("D", 0.88), d("A", 0.20));
        List<ScoredDoc> fused = Fusion.reciprocalRank(lexical, dense, 60, 10).of("q");
        // A: 1/61 + 1/63; C: 1/63 + 1/61; B: 1/62; D: 1/62
        assertThat(fused).extracting(ScoredDoc::docId).containsExactly("C", "A", "D", "B");
        assertThat(fused.get(0).score()).isEqualTo((float) (1.0 / 61 + 1.0 / 63));
        assertThat(fused.get(2).score()).isEqualTo((float) (1.0 / 62));
    }

    @Test
    void ranksAreTakenInTrecEvalsOrderSoTiedScoresRankByIdDescending() {
        // tied at 1.0: trec_eval ranks Z before Y, whatever order the run lists them in
        Run lexical = run(d("Y", 1.0), d("Z", 1.0));
        Run dense = run();
        List<ScoredDoc> fused = Fusion.reciprocalRank(lexical, dense, 60, 10).of("q");
        assertThat(fused).extracting(ScoredDoc::docId).containsExactly("Z", "Y");
        assertThat(fused.get(0).score()).isEqualTo((float) (1.0 / 61));
    }

    @Test
    void theFusedRunKeepsTheDepth() {
        Run lexical = run(d("A", 3), d("B", 2), d("C", 1));
        Run dense = run(d("D", 3), d("E", 2), d("F", 1));
        assertThat(Fusion.reciprocalRank(lexical, dense, 60, 2).of("q")).hasSize(2);
        assertThat(Fusion.convex(lexical, dense, 0.5, 4).of("q")).hasSize(4);
    }

    @Test
    void theConvexCombinationWeighsMinMaxNormalisedScores() {
        Run lexical = run(d("A", 10.0), d("B", 6.0), d("C", 2.0));
        Run dense = run(d("B", 0.9), d("C", 0.7), d("D", 0.5));
        List<ScoredDoc> fused = Fusion.convex(lexical, dense, 0.3, 10).of("q");
        // lexical: A 1, B 0.5, C 0; dense: B 1, C 0.5, D 0
        // A 0.3; B 0.15 + 0.7 = 0.85; C 0.35; D 0
        assertThat(fused).extracting(ScoredDoc::docId).containsExactly("B", "C", "A", "D");
        assertThat(fused.get(0).score()).isCloseTo(0.85f, offset(1e-6f));
        assertThat(fused.get(1).score()).isCloseTo(0.35f, offset(1e-6f));
        assertThat(fused.get(3).score()).isZero();
    }

    @Test
    void aRunWhoseScoresAreAllEqualNormalisesToOne() {
        Run lexical = run(d("A", 4.0), d("B", 4.0));
        Run dense = run(d("A", 0.5));
        List<ScoredDoc> fused = Fusion.convex(lexical, dense, 0.5, 10).of("q");
        assertThat(fused).extracting(ScoredDoc::score).containsExactly(1.0f, 0.5f);
    }
}
