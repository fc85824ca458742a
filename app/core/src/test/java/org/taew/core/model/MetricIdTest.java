package org.taew.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricIdTest {
    @ParameterizedTest
    @CsvSource({
        "ndcg_cut.10, NDCG_CUT, 10",
        "map_cut.100, MAP_CUT, 100",
        "RR@10, RR_CUT, 10",
        "rr@5, RR_CUT, 5",
        "recip_rank, RECIP_RANK, 0",
        "recall.100, RECALL, 100",
        "P.5, P, 5",
        "nDCG@10, NDCG_CUT, 10",
        "mrr@10, RR_CUT, 10"
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
        "P.0, 'at least 1'",
        "recip_rank.10, 'ignores the cut-off and prints the uncut recip_rank; say RR@10'"
    })
    void rejectsWhatIsNotAMeasure(String text, String message) {
        assertThatThrownBy(() -> MetricId.parse(text)).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({
        "RR@10, RR@10, MRR@10",
        "recip_rank, recip_rank, MRR",
        "ndcg_cut.10, ndcg_cut.10, nDCG@10"
    })
    void namesAndLabels(String text, String name, String label) {
        MetricId m = MetricId.parse(text);
        assertThat(m.name()).isEqualTo(name);
        assertThat(m.label()).isEqualTo(label);
    }

    @Test
    void atCutoffIsEveryMeasureWithACutoff() {
        assertThat(MetricId.atCutoff(3))
                .extracting(MetricId::name)
                .containsExactly("ndcg_cut.3", "map_cut.3", "RR@3", "recall.3", "P.3");
    }
}
