package org.taew.core.logic.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.metrics.Correlation;
import org.taew.core.model.Mode;
import org.taew.core.model.StsPair;

class StsComparisonTest {
    static final ModeComparison.Settings SETTINGS =
            new ModeComparison.Settings(2000, 2000, 7, 0.95);

    private static List<StsPair> pairs(double[] gold) {
        List<StsPair> p = new ArrayList<>();
        for (int i = 0; i < gold.length; i++) {
            p.add(new StsPair(i + 2, "a" + i, "b" + i, gold[i]));
        }
        return p;
    }

    private static Map<Mode, double[]> modes(double[] general, double[] taskAware) {
        Map<Mode, double[]> m = new EnumMap<>(Mode.class);
        m.put(Mode.GENERAL, general);
        m.put(Mode.TASK_AWARE, taskAware);
        return m;
    }

    @Test
    void instructionsThatFollowTheGoldScoreBetterWinClearly() {
        Random r = new Random(3);
        int n = 60;
        double[] gold = new double[n];
        double[] general = new double[n];
        double[] taskAware = new double[n];
        for (int i = 0; i < n; i++) {
            gold[i] = r.nextDouble() * 5;
            general[i] = gold[i] / 5 + r.nextGaussian() * 0.4;
            taskAware[i] = gold[i] / 5 + r.nextGaussian() * 0.05;
        }
        StsComparison c =
                StsComparison.compare(pairs(gold), gold, modes(general, taskAware), SETTINGS, 5);
        StsComparison.Correlations g = c.modes().get(Mode.GENERAL);
        assertThat(g.spearman()).isEqualTo(Correlation.spearman(general, gold));
        assertThat(g.pearson()).isEqualTo(Correlation.pearson(general, gold));
        assertThat(g.spearmanCi().low()).isLessThan(g.spearman());
        assertThat(g.spearmanCi().high()).isGreaterThan(g.spearman());
        assertThat(c.spearman().delta())
                .isCloseTo(c.modes().get(Mode.TASK_AWARE).spearman() - g.spearman(), within(1e-12));
        assertThat(c.spearman().delta()).isPositive();
        assertThat(c.spearman().ci().low()).isPositive();
        assertThat(c.spearman().pValue()).isLessThan(0.01);
        assertThat(c.pearson().pValue()).isLessThan(0.01);
        assertThat(c.moved()).hasSize(5);
        // the same input, the same numbers
        StsComparison again =
                StsComparison.compare(pairs(gold), gold, modes(general, taskAware), SETTINGS, 5);
        assertThat(again.spearman()).isEqualTo(c.spearman());
        assertThat(again.modes()).isEqualTo(c.modes());
    }

    @Test
    void theSameCosinesInBothModesDifferByNothing() {
        double[] gold = {0, 1, 2, 3, 4, 5};
        double[] cos = {0.1, 0.3, 0.2, 0.6, 0.5, 0.9};
        StsComparison c =
                StsComparison.compare(pairs(gold), gold, modes(cos, cos.clone()), SETTINGS, 3);
        assertThat(c.spearman().delta()).isZero();
        assertThat(c.spearman().pValue()).isEqualTo(1.0);
        assertThat(c.spearman().ci().low()).isZero();
        assertThat(c.spearman().ci().high()).isZero();
        assertThat(c.moved()).allMatch(m -> m.movement() == 0);
    }

    @Test
    void thePairsWhoseRankMovedMostComeFirst() {
        double[] gold = {5, 4, 3, 2, 1};
        double[] general = {0.9, 0.8, 0.7, 0.6, 0.95}; // pair 4 ranked first, gold says last
        double[] taskAware = {0.9, 0.8, 0.7, 0.6, 0.1}; // now last, as gold
        StsComparison c =
                StsComparison.compare(pairs(gold), gold, modes(general, taskAware), SETTINGS, 2);
        StsComparison.MovedPair first = c.moved().get(0);
        assertThat(first.index()).isEqualTo(4);
        assertThat(first.generalRank()).isEqualTo(1);
        assertThat(first.taskAwareRank()).isEqualTo(5);
        assertThat(first.goldRank()).isEqualTo(5);
        assertThat(first.movement()).isEqualTo(-4);
        assertThat(first.closerToGold()).isTrue();
        assertThat(first.pair().line()).isEqualTo(6);
    }

    @Test
    void onlyOneModeGivesItsCorrelationsAndNoComparison() {
        double[] gold = {0, 1, 2, 3};
        Map<Mode, double[]> one = new EnumMap<>(Mode.class);
        one.put(Mode.GENERAL, new double[] {0.1, 0.2, 0.4, 0.3});
        StsComparison c = StsComparison.compare(pairs(gold), gold, one, SETTINGS, 3);
        assertThat(c.modes()).containsOnlyKeys(Mode.GENERAL);
        assertThat(c.spearman()).isNull();
        assertThat(c.moved()).isEmpty();
    }
}
