package org.taew.core.logic.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.Arm;
import org.taew.core.model.InstructionPair;

/**
 * The recommendation is judged on held-out queries only: a variant is adopted when the held-out
 * choice beats the baseline there, and a lucky in-sample winner is not.
 */
class RecommendationTest {
    private static final ModeComparison.Settings SETTINGS = ModeComparison.Settings.DEFAULT;

    private static ExperimentResult.VariantResult baseline(String name, double[] perQuery) {
        Significance.Interval none = new Significance.Interval(0, 0);
        return new ExperimentResult.VariantResult(
                name,
                InstructionPair.GENERAL,
                LeaderboardStatistics.mean(perQuery),
                none,
                0,
                none,
                Double.NaN,
                Double.NaN,
                0,
                0,
                new ExperimentResult.Diagnostics(1, 1, 1),
                perQuery,
                0,
                Arm.GENERAL);
    }

    private static double[] noise(int n, long seed, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.min(1, Math.max(0, 0.5 + shift + 0.3 * (r.nextDouble() - 0.5)));
        }
        return v;
    }

    private static ExperimentResult.Selection selection(String chosen) {
        return new ExperimentResult.Selection(
                "chosen on the dev split", chosen, 0.6, chosen, 0.6, Map.of(chosen, 1));
    }

    /**
     * A dev-split choice {@code chosen} whose held-out scores are the baseline's moved by {@code
     * shift} plus a per-query change drawn by {@code change}.
     */
    private static ExperimentResult.Recommendation recommend(
            String chosen, double[] base, double shift, DoubleSupplier change) {
        double[] heldOut = new double[base.length];
        for (int i = 0; i < heldOut.length; i++) {
            heldOut[i] = base[i] + shift + change.getAsDouble();
        }
        return VariantSelection.recommend(
                new VariantSelection.Outcome(selection(chosen), heldOut),
                baseline("general", base),
                SETTINGS);
    }

    @Test
    void aVariantThatBeatsTheBaselineOnHeldOutQueriesIsAdoptedWithByHowMuch() {
        SplittableRandom noise = new SplittableRandom(5);
        ExperimentResult.Recommendation r =
                recommend("short", noise(200, 1, 0), 0.05, () -> 0.1 * (noise.nextDouble() - 0.5));
        assertThat(r.adopt()).isTrue();
        assertThat(r.chosen()).isEqualTo("short");
        assertThat(r.delta()).isBetween(0.04, 0.06);
        assertThat(r.ci().low()).isGreaterThan(0).isLessThan(r.delta());
        assertThat(ExperimentSentences.recommendation(r))
                .startsWith("Recommendation: use short. Chosen on queries it was not scored on,")
                .contains(String.format(Locale.ROOT, "it beats general by %+.4f [", r.delta()))
                .endsWith("on held-out queries (p <0.001).");
    }

    @Test
    void aFlukeIsNotCrownedTheBaselineIsKeptInOnePlainSentence() {
        // held-out scores that differ from the baseline's by noise only (mean about +0.0007)
        SplittableRandom r = new SplittableRandom(3);
        ExperimentResult.Recommendation rec =
                recommend("card", noise(120, 2, 0), 0.0007, () -> r.nextBoolean() ? 0.05 : -0.05);
        assertThat(rec.adopt()).isFalse();
        assertThat(ExperimentSentences.recommendation(rec))
                .startsWith("Recommendation: keep general. The variant chosen on queries it was")
                .contains(", card, does not beat it:")
                .endsWith(rec.delta() < 0 ? ", below the baseline." : ", no better than chance.");
    }

    @Test
    void crossValidationNamesTheVariantChosenInMostFoldsAndTheBaselineCanBeTheChoice() {
        double[] base = noise(60, 4, 0);
        ExperimentResult.Selection cv =
                new ExperimentResult.Selection(
                        "5-fold cross-validation over queries (seed 42)",
                        "general",
                        0.5,
                        null,
                        0.5,
                        Map.of("general", 4, "long", 1));
        ExperimentResult.Recommendation r =
                VariantSelection.recommend(
                        new VariantSelection.Outcome(cv, base.clone()),
                        baseline("general", base),
                        SETTINGS);
        assertThat(r.chosen()).isEqualTo("general");
        assertThat(List.of(r.folds(), r.of())).containsExactly(4, 5);
        assertThat(r.delta()).isCloseTo(0, within(1e-12));
        assertThat(r.adopt()).isFalse();
        assertThat(ExperimentSentences.recommendation(r))
                .isEqualTo(
                        "Recommendation: keep general. Choosing on queries it was not scored on"
                                + " picks general (chosen in 4 of 5 folds) itself; choosing scores"
                                + " +0.0000 [+0.0000, +0.0000] on held-out queries (p 1.000)"
                                + " against it.");
    }
}
