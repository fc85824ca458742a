package org.taew.desktop.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.compare.StsComparison;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.Mode;
import org.taew.core.model.StsPair;
import org.taew.desktop.session.StsSnapshot;

/**
 * Sentence pairs, general vs task-aware: Spearman and Pearson of cosine against the gold score in
 * each mode with bootstrap intervals, the difference with its paired interval and test, the points
 * of the scatter, and the pairs whose similarity rank moved most.
 */
public final class StsViewModel {
    /** One correlation in both modes and its difference. */
    public record Row(
            String measure,
            double general,
            Significance.Interval generalCi,
            double taskAware,
            Significance.Interval taskAwareCi,
            StsComparison.Delta delta) {
        public String generalText() {
            return withCi(general, generalCi);
        }

        public String taskAwareText() {
            return withCi(taskAware, taskAwareCi);
        }

        public String deltaText() {
            return String.format(Locale.ROOT, "%+.4f", delta.delta());
        }

        public String ciText() {
            return String.format(
                    Locale.ROOT, "[%+.4f, %+.4f]", delta.ci().low(), delta.ci().high());
        }

        public String pText() {
            return Significance.format(delta.pValue());
        }

        /** The interval excludes zero: the difference is unlikely to be chance. */
        public boolean significant() {
            return delta.ci().low() > 0 || delta.ci().high() < 0;
        }

        private static String withCi(double v, Significance.Interval ci) {
            return String.format(Locale.ROOT, "%.4f [%.3f, %.3f]", v, ci.low(), ci.high());
        }
    }

    /** A pair whose rank moved, as the table shows it. */
    public record Moved(
            int line,
            String first,
            String second,
            double gold,
            int goldRank,
            int generalRank,
            int taskAwareRank,
            int movement,
            boolean closerToGold) {
        public String movementText() {
            return movement == 0 ? "=" : movement > 0 ? "▲" + movement : "▼" + -movement;
        }
    }

    /** The scatter: per pair its gold score and its cosine in each mode. */
    public record Points(double[] gold, double[] general, double[] taskAware) {}

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Moved> moved = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No evaluation yet");
    private final ReadOnlyObjectWrapper<Points> points = new ReadOnlyObjectWrapper<>();

    public StsViewModel(ReadOnlyObjectProperty<StsSnapshot> snapshot) {
        snapshot.addListener((o, a, b) -> show(b));
        show(snapshot.get());
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<Moved> moved() {
        return moved;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The scatter's points, replaced at once; null before the first evaluation. */
    public ReadOnlyObjectProperty<Points> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    void show(StsSnapshot s) {
        if (s == null || s.comparison().spearman() == null) {
            rows.clear();
            moved.clear();
            points.set(null);
            summary.set("No evaluation yet");
            return;
        }
        StsComparison c = s.comparison();
        StsComparison.Correlations g = c.modes().get(Mode.GENERAL);
        StsComparison.Correlations t = c.modes().get(Mode.TASK_AWARE);
        rows.setAll(
                new Row(
                        "Spearman",
                        g.spearman(),
                        g.spearmanCi(),
                        t.spearman(),
                        t.spearmanCi(),
                        c.spearman()),
                new Row(
                        "Pearson",
                        g.pearson(),
                        g.pearsonCi(),
                        t.pearson(),
                        t.pearsonCi(),
                        c.pearson()));
        List<Moved> list = new ArrayList<>();
        for (StsComparison.MovedPair m : c.moved()) {
            StsPair p = m.pair();
            list.add(
                    new Moved(
                            p.line(),
                            p.first(),
                            p.second(),
                            p.gold(),
                            m.goldRank(),
                            m.generalRank(),
                            m.taskAwareRank(),
                            m.movement(),
                            m.closerToGold()));
        }
        moved.setAll(list);
        List<StsPair> pairs = s.result().dataset().pairs();
        double[] gold = new double[pairs.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = pairs.get(i).gold();
        }
        points.set(
                new Points(
                        gold,
                        s.result().modes().get(Mode.GENERAL).cosines(),
                        s.result().modes().get(Mode.TASK_AWARE).cosines()));
        long closer = list.stream().filter(Moved::closerToGold).count();
        summary.set(
                String.format(
                        Locale.ROOT,
                        "%d pairs of %s, cosine against the gold score · %.0f%% CI by bootstrap (%d"
                                + " resamples), p by paired randomization test (%d permutations) · of"
                                + " the %d pairs that moved most, %d moved toward their gold rank",
                        pairs.size(),
                        s.result().dataset().name(),
                        100 * c.settings().confidence(),
                        c.settings().resamples(),
                        c.settings().permutations(),
                        list.size(),
                        closer));
    }
}
