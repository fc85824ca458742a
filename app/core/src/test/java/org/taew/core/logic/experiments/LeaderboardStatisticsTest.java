package org.taew.core.logic.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.model.InstructionPair;

class LeaderboardStatisticsTest {
    private static final ModeComparison.Settings FAST =
            new ModeComparison.Settings(500, 200, 7, 0.95);

    private static ExperimentSpec.Variant variant(String name) {
        return new ExperimentSpec.Variant(name, InstructionPair.GENERAL, List.of(), 0);
    }

    private static VariantScorer.Scored scored(double[]... perQuery) {
        ExperimentResult.Diagnostics d = new ExperimentResult.Diagnostics(1, 1, 1);
        return new VariantScorer.Scored(
                List.of("q1", "q2", "q3", "q4"),
                List.of(perQuery),
                List.of(d, d, d),
                List.of(11L, 12L, 13L),
                List.of());
    }

    @Test
    void everyRowIsComparedWithTheBaselineOnTheSameQueries() {
        List<ExperimentResult.VariantResult> rows =
                LeaderboardStatistics.rows(
                        List.of(variant("a"), variant("b"), variant("c")),
                        scored(
                                new double[] {0.5, 0.5, 0.5, 0.5},
                                new double[] {0.6, 0.5, 0.4, 0.9},
                                new double[] {0.5, 0.5, 0.5, 0.5}),
                        0,
                        FAST);
        assertThat(rows)
                .extracting(ExperimentResult.VariantResult::name)
                .containsExactly("a", "b", "c");
        ExperimentResult.VariantResult base = rows.get(0);
        assertThat(base.p()).isNaN();
        assertThat(base.holm()).isNaN();
        assertThat(base.delta()).isZero();
        ExperimentResult.VariantResult b = rows.get(1);
        assertThat(b.mean()).isCloseTo(0.6, within(1e-12));
        assertThat(b.delta()).isCloseTo(0.1, within(1e-12));
        assertThat(b.wins()).isEqualTo(2);
        assertThat(b.losses()).isEqualTo(1);
        assertThat(b.holm()).isGreaterThanOrEqualTo(b.p());
        assertThat(b.runId()).isEqualTo(12L);
        ExperimentResult.VariantResult same = rows.get(2);
        assertThat(same.wins()).isZero();
        assertThat(same.losses()).isZero();
    }

    @Test
    void theMeanOfNoQueriesIsNotANumber() {
        assertThat(LeaderboardStatistics.mean(new double[0])).isNaN();
        assertThat(LeaderboardStatistics.mean(new double[] {1, 2, 6})).isEqualTo(3.0);
    }
}
