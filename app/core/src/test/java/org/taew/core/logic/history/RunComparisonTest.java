package org.taew.core.logic.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.model.MetricId;

class RunComparisonTest {
    private static final ModeComparison.Settings SIG =
            new ModeComparison.Settings(2000, 2000, 42, 0.95);

    @TempDir Path dir;

    /** Both through the history, as the command line and the desktop read them. */
    private RunRecord[] recorded(RunRecord a, RunRecord b) throws Exception {
        try (RunHistory h = RunHistory.open(dir.resolve("h.sqlite"))) {
            long ia = h.record(a);
            long ib = h.record(b);
            return new RunRecord[] {h.get(ia), h.get(ib)};
        }
    }

    @Test
    void twoRunsOnTheSameQueriesCompareAsTwoModesWould() throws Exception {
        RunRecord[] r =
                recorded(
                        Runs.run("A", "{text}", new double[] {1, 0.5, 0, 0.25}, "d1", "d2", "d3"),
                        Runs.run(
                                "B",
                                "q: {text}",
                                new double[] {1, 1, 0.5, 0.25},
                                "d3",
                                "d1",
                                "d4"));
        RunComparison c = RunComparison.of(r[0], r[1], SIG);
        assertThat(c.queries()).containsExactly("q1", "q2", "q3", "q4");
        assertThat(c.warnings()).isEmpty();
        ModeComparison m = c.comparison();
        assertThat(m.mainMetric()).isEqualTo(MetricId.parse("ndcg_cut.10"));
        ModeComparison.MetricDelta ndcg = m.metrics().get(0);
        assertThat(ndcg.general()).isCloseTo(1.75 / 4, within(1e-12));
        assertThat(ndcg.taskAware()).isCloseTo(2.75 / 4, within(1e-12));
        assertThat(ndcg.delta()).isCloseTo(0.25, within(1e-12));
        assertThat(m.metrics())
                .extracting(d -> d.metric().name())
                .containsExactly("ndcg_cut.10", "P.10");
        assertThat(m.wins()).isEqualTo(2);
        assertThat(m.losses()).isZero();
        assertThat(m.ties()).isEqualTo(2);
        // the same as comparing the scores directly
        assertThat(ndcg.pValue()).isBetween(0.0, 1.0);
        assertThat(c.movement("q1"))
                .containsExactly(
                        new RunComparison.Movement("d3", 3, 1),
                        new RunComparison.Movement("d1", 1, 2),
                        new RunComparison.Movement("d4", 0, 3),
                        new RunComparison.Movement("d2", 2, 0));
        assertThat(c.movement("q1").get(0).rise()).isEqualTo(2);
        assertThat(c.movement("q1").get(1).rise()).isEqualTo(-1);
        assertThat(c.movement("q1").get(2).rise()).isZero();
    }

    @Test
    void differentDataIsComparedOnTheSharedQueriesWithAWarning() throws Exception {
        RunRecord a =
                Runs.run(
                        "A",
                        "{text}",
                        "fp-1",
                        List.of("q1", "q2", "q3"),
                        new double[] {1, 0, 0.5},
                        "d1");
        RunRecord b =
                Runs.run(
                        "B",
                        "{text}",
                        "fp-2",
                        List.of("q2", "q3", "q9"),
                        new double[] {1, 1, 1},
                        "d1");
        RunRecord[] r = recorded(a, b);
        RunComparison c = RunComparison.of(r[0], r[1], SIG);
        assertThat(c.queries()).containsExactly("q2", "q3");
        assertThat(c.comparison().metrics().get(0).general()).isCloseTo(0.25, within(1e-12));
        assertThat(c.comparison().metrics().get(0).taskAware()).isCloseTo(1.0, within(1e-12));
        assertThat(c.warnings())
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("different data"))
                .anySatisfy(w -> assertThat(w).contains("compared on the 2 both evaluated"));
    }

    @Test
    void runsWithoutASharedQueryCannotBeCompared() throws Exception {
        RunRecord[] r =
                recorded(
                        Runs.run("A", "{text}", "fp", List.of("q1"), new double[] {1}, "d1"),
                        Runs.run("B", "x {text}", "fp", List.of("q2"), new double[] {1}, "d1"));
        assertThatThrownBy(() -> RunComparison.of(r[0], r[1], SIG))
                .hasMessageContaining("share no evaluated query");
    }
}
