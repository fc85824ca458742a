package org.taew.desktop.metrics;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.model.Arm;
import org.taew.desktop.util.ArmNames;
import org.taew.desktop.util.ChartPane;
import org.taew.desktop.util.Controls;
import org.taew.report.charts.MeansChart;

/**
 * Metrics tab: every arm's means with task-aware vs general, the comparisons with BM25 (when the
 * session has lexical arms), and the grouped bar chart; the cut-off k is chosen here.
 */
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

        TableView<ArmMeans> table = new TableView<>(vm.means());
        table.setId("metrics-table");
        table.getColumns().add(Controls.column("Measure", ArmMeans::label));
        TableColumn<ArmMeans, String> means = new TableColumn<>("Mean over queries");
        vm.arms().addListener((ListChangeListener<Arm>) ch -> armColumns(means, vm.arms()));
        armColumns(means, vm.arms());
        table.getColumns().add(means);
        TableColumn<ArmMeans, String> vsGeneral = new TableColumn<>("Task-aware − general");
        vsGeneral
                .getColumns()
                .add(
                        Controls.deltaColumn(
                                (ArmMeans r) -> r.vsGeneral().delta(),
                                r -> r.vsGeneral().deltaText(),
                                r -> r.vsGeneral().ciExcludesZero()));
        vsGeneral
                .getColumns()
                .add(wide(Controls.column("95% CI of Δ", r -> r.vsGeneral().ciText()), 150));
        vsGeneral.getColumns().add(Controls.column("p", r -> r.vsGeneral().pText()));
        table.getColumns().add(vsGeneral);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefHeight(176);
        table.setMinHeight(150);
        table.setPlaceholder(new Label("No results yet"));

        TableView<ArmRow> arms = new TableView<>(vm.armComparisons());
        arms.setId("metrics-arms");
        arms.getColumns().add(wide(Controls.column("Arm vs baseline", ArmRow::label), 150));
        arms.getColumns().add(number("Baseline", ArmRow::baseline));
        arms.getColumns().add(number("Arm", ArmRow::arm));
        arms.getColumns()
                .add(
                        Controls.deltaColumn(
                                (ArmRow r) -> r.main().delta(),
                                r -> r.main().deltaText(),
                                r -> r.main().ciExcludesZero()));
        arms.getColumns().add(wide(Controls.column("95% CI of Δ", r -> r.main().ciText()), 150));
        arms.getColumns().add(Controls.column("p", r -> r.main().pText()));
        arms.getColumns().add(wide(Controls.column("Better / worse / tied", ArmRow::outcome), 150));
        arms.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        arms.setPrefHeight(128);
        arms.setMinHeight(110);
        BooleanBinding lexical = Bindings.isNotEmpty(vm.armComparisons());
        arms.visibleProperty().bind(lexical);
        arms.managedProperty().bind(lexical);
        Label described = new Label();
        described.textProperty().bind(vm.lexicalProperty());
        described.setWrapText(true);
        described.setMinHeight(Region.USE_PREF_SIZE);
        described.setStyle("-fx-font-size: 11px; -fx-text-fill: #555;");
        described.visibleProperty().bind(lexical);
        described.managedProperty().bind(lexical);
        Label note =
                new Label(
                        "* the 95% interval of Δ excludes 0 · arm vs baseline: on the main measure,"
                                + " Δ = arm − baseline; better / worse / tied: queries");
        note.setStyle("-fx-font-size: 11px; -fx-text-fill: #555;");

        viewer.setId("metrics-chart");
        viewer.setMinHeight(160);
        viewer.activeProperty().bind(visibleProperty());
        vm.chartRowsProperty().addListener((o, a, b) -> showChart(b));
        showChart(vm.chartRowsProperty().get());
        VBox center = new VBox(4, table, arms, note, described, viewer);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        center.setPadding(new Insets(0, 6, 6, 6));
        setTop(top);
        setCenter(center);
    }

    public JFreeChart chart() {
        return viewer.getChart();
    }

    /** One column per evaluated arm under {@code parent}, in the arms' order. */
    private static void armColumns(TableColumn<ArmMeans, String> parent, List<Arm> arms) {
        parent.getColumns().clear();
        for (Arm a : arms) {
            parent.getColumns().add(Controls.column(ArmNames.title(a), r -> r.text(a)));
        }
    }

    private void showChart(List<ArmMeans> rows) {
        viewer.setChart(MeansChart.create(MetricsCharts.createDataset(rows)));
    }

    /** A column that keeps at least {@code width} (its text would be cut). */
    private static <R, T> TableColumn<R, T> wide(TableColumn<R, T> c, double width) {
        c.setMinWidth(width);
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<ArmRow, String> number(String title, Function<ArmRow, Double> f) {
        return Controls.column(title, r -> String.format(Locale.ROOT, "%.4f", f.apply(r)));
    }
}
