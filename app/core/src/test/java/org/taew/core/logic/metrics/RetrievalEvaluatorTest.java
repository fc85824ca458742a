package org.taew.core.logic.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taew.core.model.MetricId;
import org.taew.core.model.Qrels;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;

class RetrievalEvaluatorTest {
    private static final MetricId MRR = MetricId.parse("RR@10");

    @Test
    void queriesWithoutRelevantJudgmentsAreDroppedAndReportedWithTheReason() {
        Qrels qrels = new Qrels(Map.of("q1", Map.of("a", 1), "q2", Map.of("b", 0)));
        Run run =
                new Run(
                        Map.of(
                                "q1", List.of(new ScoredDoc("a", 0.9f)),
                                "q2", List.of(new ScoredDoc("b", 0.9f)),
                                "q3", List.of(new ScoredDoc("c", 0.9f))));
        QueryScores s =
                RetrievalEvaluator.evaluate(List.of("q1", "q2", "q3"), run, qrels, List.of(MRR));
        assertThat(s.queryIds()).containsExactly("q1");
        assertThat(s.dropped())
                .containsExactly(
                        new QueryScores.DroppedQuery("q2", "no document judged relevant"),
                        new QueryScores.DroppedQuery("q3", "no judgments"));
        // the mean is over q1 alone; counting q2 and q3 as zero would give 1/3
        assertThat(s.mean(MRR)).isEqualTo(1.0);
    }

    @Test
    void tiedScoresAreOrderedByDocumentIdDescendingAsTrecEvalDoes() {
        List<ScoredDoc> docs =
                new ArrayList<>(List.of(new ScoredDoc("a", 0.5f), new ScoredDoc("b", 0.5f)));
        docs.sort(ScoredDoc.TREC_ORDER);
        assertThat(docs).extracting(ScoredDoc::docId).containsExactly("b", "a");

        // a constant scorer must not score MRR 1.0 by insertion order: the relevant "a" ranks
        // second
        Qrels qrels = new Qrels(Map.of("q", Map.of("a", 1)));
        QueryScores s =
                RetrievalEvaluator.evaluate(
                        List.of("q"), new Run(Map.of("q", docs)), qrels, List.of(MRR));
        assertThat(s.mean(MRR)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void unretrievedQueryScoresZero() {
        Qrels qrels = new Qrels(Map.of("q", Map.of("a", 1)));
        QueryScores s =
                RetrievalEvaluator.evaluate(List.of("q"), new Run(Map.of()), qrels, List.of(MRR));
        assertThat(s.of(MRR)).containsExactly(0.0);
    }
}
