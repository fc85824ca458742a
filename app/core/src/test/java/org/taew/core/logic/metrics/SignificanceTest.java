package org.taew.core.logic.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SignificanceTest {
    @Test
    void identicalSystemsHavePOne() {
        double[] a = {0.1, 0.5, 0.9};
        assertThat(Significance.randomizationTest(a, a, 1000, 1)).isEqualTo(1.0);
    }

    @Test
    void consistentImprovementIsSignificantAndNoiseIsNot() {
        SplittableRandom r = new SplittableRandom(7);
        double[] a = new double[50];
        double[] better = new double[50];
        double[] noisy = new double[50];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble();
            better[i] = a[i] + 0.05 + 0.01 * r.nextDouble();
            noisy[i] = a[i] + (r.nextBoolean() ? 0.05 : -0.05);
        }
        assertThat(Significance.randomizationTest(a, better, 10_000, 42)).isLessThan(0.001);
        assertThat(Significance.randomizationTest(a, noisy, 10_000, 42)).isGreaterThan(0.05);
    }

    @Test
    void exactSignTestValueForTwoEqualWins() {
        // two queries, both +0.1: of the 4 sign patterns, 2 reach |sum| = 0.2, so p ≈ 1/2
        double p =
                Significance.randomizationTest(
                        new double[] {0, 0}, new double[] {0.1, 0.1}, 100_000, 3);
        assertThat(p).isCloseTo(0.5, within(0.01));
    }

    @Test
    void sameSeedGivesSameResult() {
        double[] a = {0.1, 0.4, 0.3, 0.8, 0.5};
        double[] b = {0.2, 0.3, 0.5, 0.9, 0.4};
        assertThat(Significance.randomizationTest(a, b, 5000, 9))
                .isEqualTo(Significance.randomizationTest(a, b, 5000, 9));
        assertThat(Significance.bootstrapCi(a, b, 5000, 9, 0.95))
                .isEqualTo(Significance.bootstrapCi(a, b, 5000, 9, 0.95));
    }

    @Test
    void bootstrapIntervalSurroundsTheMeanDelta() {
        double[] a = {0.1, 0.4, 0.3, 0.8, 0.5, 0.2, 0.6};
        double[] b = {0.3, 0.5, 0.4, 0.8, 0.7, 0.1, 0.9};
        Significance.Interval ci = Significance.bootstrapCi(a, b, 10_000, 42, 0.95);
        double mean = (0.2 + 0.1 + 0.1 + 0 + 0.2 - 0.1 + 0.3) / 7;
        assertThat(ci.low()).isLessThan(mean);
        assertThat(ci.high()).isGreaterThan(mean);
        assertThat(ci.low()).isGreaterThanOrEqualTo(-0.1);
        assertThat(ci.high()).isLessThanOrEqualTo(0.3);
    }

    @Test
    void holmAdjustsInOrderAndStaysMonotone() {
        // sorted p: 0.01 (x3) = 0.03, 0.02 (x2) = 0.04, 0.04 (x1) = 0.04
        double[] adjusted = Significance.holm(new double[] {0.04, 0.01, 0.02});
        assertThat(adjusted[0]).isCloseTo(0.04, within(1e-12));
        assertThat(adjusted[1]).isCloseTo(0.03, within(1e-12));
        assertThat(adjusted[2]).isCloseTo(0.04, within(1e-12));
    }
}
