package org.taew.desktop.metrics;

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

/**
 * General vs task-aware per measure: both means, the delta with its confidence interval and the
 * randomization-test p-value (core's comparison rows, {@link ModeComparison.MetricDelta}, as every
 * report has them); and a one-line summary of wins, losses and ties.
 */
public final class MetricsViewModel {
    private final ObservableList<ModeComparison.MetricDelta> rows =
            FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No evaluation yet");
    private final ReadOnlyObjectWrapper<List<ModeComparison.MetricDelta>> chartRows =
            new ReadOnlyObjectWrapper<>(List.of());

    public MetricsViewModel(ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshot) {
        snapshot.addListener((o, a, b) -> show(b));
        show(snapshot.get());
    }

    public ObservableList<ModeComparison.MetricDelta> rows() {
        return rows;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The rows as one value, replaced at once, for the chart. */
    public ReadOnlyObjectProperty<List<ModeComparison.MetricDelta>> chartRowsProperty() {
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
        rows.setAll(c.metrics());
        chartRows.set(List.copyOf(c.metrics()));
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
