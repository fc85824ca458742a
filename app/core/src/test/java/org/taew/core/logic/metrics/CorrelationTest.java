package org.taew.core.logic.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrelationTest {
    @Test
    void tiedValuesShareTheirAverageRank() {
        assertThat(Correlation.ranks(new double[] {10, 20, 20, 5})).containsExactly(2, 3.5, 3.5, 1);
    }

    @Test
    void spearmanWithTiesMatchesHandComputation() {
        // x ranks: 1, 2.5, 2.5, 4; y ranks: 1, 3, 2, 4
        double[] x = {1, 2, 2, 3};
        double[] y = {10, 30, 20, 40};
        // centred ranks: dx = -1.5, 0, 0, 1.5 and dy = -1.5, 0.5, -0.5, 1.5; sums dx*dy = 4.5, dx^2
        // = 4.5, dy^2 = 5
        assertThat(Correlation.spearman(x, y)).isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-12));
    }

    @Test
    void pearsonOfALinearRelationIsOne() {
        assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {3, 5, 7}))
                .isCloseTo(1.0, within(1e-12));
        assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {7, 5, 3}))
                .isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void ranksOfManyValuesWithTiesAverageTheTiedPlaces() {
        Random r = new Random(11);
        double[] v = new double[500];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(40); // many ties
        }
        double[] ranks = Correlation.ranks(v);
        for (int i = 0; i < v.length; i++) {
            int below = 0;
            int same = 0;
            for (double x : v) {
                below += x < v[i] ? 1 : 0;
                same += x == v[i] ? 1 : 0;
            }
            assertThat(ranks[i]).isEqualTo(below + (same + 1) / 2.0);
        }
    }
}
