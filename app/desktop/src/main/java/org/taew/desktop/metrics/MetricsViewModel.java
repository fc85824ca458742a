package org.taew.desktop.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.metrics.Significance;

/**
 * General vs task-aware per measure: both means, the delta with its confidence interval and the
 * randomization-test p-value; and a one-line summary of wins, losses and ties.
 */
public final class MetricsViewModel {
    /** One row of the table (and one group of the bar chart). */
    public record Row(
            String metric,
            double general,
            double taskAware,
            double delta,
            double ciLow,
            double ciHigh,
            double pValue) {
        public String deltaText() {
            return String.format(Locale.ROOT, "%+.4f", delta);
        }

        public String ciText() {
            return String.format(Locale.ROOT, "[%+.4f, %+.4f]", ciLow, ciHigh);
        }

        public String pText() {
            return Significance.format(pValue);
        }

        /** The interval excludes zero: the difference is unlikely to be chance. */
        public boolean significant() {
            return ciLow > 0 || ciHigh < 0;
        }
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No evaluation yet");
    private final ReadOnlyObjectWrapper<List<Row>> chartRows =
            new ReadOnlyObjectWrapper<>(List.of());

    public MetricsViewModel(ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshot) {
        snapshot.addListener((o, a, b) -> show(b));
        show(snapshot.get());
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The rows as one value, replaced at once, for the chart. */
    public ReadOnlyObjectProperty<List<Row>> chartRowsProperty() {
        return chartRows.getReadOnlyProperty();
    }

    void show(LiveEvaluation.Snapshot s) {
        if (s == null || s.result().comparison() == null) {
            rows.clear();
            chartRows.set(List.of());
            summary.set("No evaluation yet");
            return;
        }
        ModeComparison c = s.result().comparison();
        List<Row> list = new ArrayList<>();
        for (ModeComparison.MetricDelta d : c.metrics()) {
            list.add(
                    new Row(
                            d.metric().label(),
                            d.general(),
                            d.taskAware(),
                            d.delta(),
                            d.ciLow(),
                            d.ciHigh(),
                            d.pValue()));
        }
        rows.setAll(list);
        chartRows.set(List.copyOf(list));
        int n = c.wins() + c.losses() + c.ties();
        summary.set(
                String.format(
                        Locale.ROOT,
                        "%s over %d queries: task-aware wins %d, loses %d, ties %d · %.0f%% CI by"
                                + " bootstrap (%d resamples), p by paired randomization test (%d"
                                + " permutations)",
                        c.mainMetric().label(),
                        n,
                        c.wins(),
                        c.losses(),
                        c.ties(),
                        100 * c.settings().confidence(),
                        c.settings().resamples(),
                        c.settings().permutations()));
    }
}
