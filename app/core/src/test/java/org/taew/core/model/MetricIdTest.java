package org.taew.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricIdTest {
    @ParameterizedTest
    @CsvSource({
        "ndcg_cut.10, NDCG_CUT, 10",
        "map_cut.100, MAP_CUT, 100",
        "recip_rank.10, RECIP_RANK, 10",
        "recall.100, RECALL, 100",
        "P.5, P, 5",
        "nDCG@10, NDCG_CUT, 10",
        "mrr@10, RECIP_RANK, 10"
    })
    void parsesTrecEvalNamesAndShortLabels(String text, MetricId.Kind kind, int k) {
        MetricId m = MetricId.parse(text);
        assertThat(m).isEqualTo(new MetricId(kind, k));
        assertThat(MetricId.parse(m.name())).isEqualTo(m);
    }

    @ParameterizedTest
    @CsvSource({
        "ndcg, 'is not a measure'",
        "ndcg.x, 'whole number'",
        "bleu.10, 'unknown measure'",
        "P.0, 'at least 1'"
    })
    void rejectsWhatIsNotAMeasure(String text, String message) {
        assertThatThrownBy(() -> MetricId.parse(text)).hasMessageContaining(message);
    }
}
