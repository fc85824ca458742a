package org.taew.desktop.metrics;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.desktop.util.ChartPane;
import org.taew.desktop.util.Controls;

/** Metrics tab: the comparison table above the grouped bar chart; the cut-off k is chosen here. */
public final class MetricsView extends BorderPane {
    private final ChartPane viewer = new ChartPane();

    public MetricsView(MetricsViewModel vm, IntegerProperty cutoff) {
        setId("metrics-view");
        ComboBox<Integer> k = new ComboBox<>();
        k.getItems().setAll(SessionDefaults.CUTOFFS);
        k.setValue(cutoff.get());
        k.valueProperty()
                .addListener(
                        (o, a, b) -> {
                            if (b != null) {
                                cutoff.set(b);
                            }
                        });
        cutoff.addListener((o, a, b) -> k.setValue(b.intValue()));
        k.setId("cutoff");
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        HBox top = new HBox(8, Controls.fixedLabel("Cut-off k:"), Controls.unsqueezed(k), summary);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6));
        HBox.setHgrow(summary, Priority.ALWAYS);

        TableView<ModeComparison.MetricDelta> table = new TableView<>(vm.rows());
        table.setId("metrics-table");
        table.getColumns().add(Controls.column("Measure", ModeComparison.MetricDelta::label));
        table.getColumns().add(number("General", ModeComparison.MetricDelta::general));
        table.getColumns().add(number("Task-aware", ModeComparison.MetricDelta::taskAware));
        table.getColumns()
                .add(
                        Controls.deltaColumn(
                                ModeComparison.MetricDelta::delta,
                                ModeComparison.MetricDelta::deltaText,
                                ModeComparison.MetricDelta::ciExcludesZero));
        table.getColumns().add(Controls.column("95% CI of Δ", ModeComparison.MetricDelta::ciText));
        table.getColumns().add(Controls.column("p", ModeComparison.MetricDelta::pText));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefHeight(180);
        table.setPlaceholder(new Label("No results yet"));
        Label note = new Label("* the 95% interval of Δ excludes 0");
        note.setStyle("-fx-font-size: 11px; -fx-text-fill: #555;");

        viewer.setId("metrics-chart");
        viewer.activeProperty().bind(visibleProperty());
        vm.chartRowsProperty().addListener((o, a, b) -> showChart(b));
        showChart(vm.chartRowsProperty().get());
        VBox center = new VBox(4, table, note, viewer);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        center.setPadding(new Insets(0, 6, 6, 6));
        setTop(top);
        setCenter(center);
    }

    public JFreeChart chart() {
        return viewer.getChart();
    }

    private void showChart(List<ModeComparison.MetricDelta> rows) {
        viewer.setChart(MetricsCharts.createChart(MetricsCharts.createDataset(rows)));
    }

    private static TableColumn<ModeComparison.MetricDelta, String> number(
            String title, Function<ModeComparison.MetricDelta, Double> f) {
        return Controls.column(title, r -> String.format(Locale.ROOT, "%.4f", f.apply(r)));
    }
}
