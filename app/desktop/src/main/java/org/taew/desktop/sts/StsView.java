package org.taew.desktop.sts;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.taew.desktop.util.ChartPane;
import org.taew.desktop.util.Controls;

/**
 * STS tab: the correlations of both modes and their difference, the scatter of cosine against the
 * gold score, and the pairs whose rank moved most.
 */
public final class StsView extends BorderPane {
    private final ChartPane viewer = new ChartPane();

    public StsView(StsViewModel vm) {
        setId("sts-view");
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        summary.setPadding(new Insets(6));

        TableView<StsViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("sts-table");
        table.getColumns().add(Controls.column("Correlation", StsViewModel.Row::measure));
        table.getColumns().add(Controls.column("General [95% CI]", StsViewModel.Row::generalText));
        table.getColumns()
                .add(Controls.column("Task-aware [95% CI]", StsViewModel.Row::taskAwareText));
        table.getColumns()
                .add(
                        Controls.deltaColumn(
                                r -> r.delta().delta(),
                                StsViewModel.Row::deltaText,
                                StsViewModel.Row::significant));
        table.getColumns().add(Controls.column("95% CI of Δ", StsViewModel.Row::ciText));
        table.getColumns().add(Controls.column("p", StsViewModel.Row::pText));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefHeight(100);
        table.setMinHeight(90);
        table.setPlaceholder(new Label("No results yet"));

        viewer.setId("sts-chart");
        viewer.activeProperty().bind(visibleProperty());
        vm.pointsProperty()
                .addListener(
                        (o, a, b) ->
                                viewer.setChart(StsCharts.createChart(StsCharts.createDataset(b))));
        viewer.setChart(StsCharts.createChart(StsCharts.createDataset(vm.pointsProperty().get())));

        TableView<StsViewModel.Moved> moved = new TableView<>(vm.moved());
        moved.setId("sts-moved");
        moved.getColumns().add(narrow(Controls.column("Line", StsViewModel.Moved::line), 55));
        moved.getColumns().add(narrow(Controls.column("Gold (rank)", StsView::gold), 95));
        moved.getColumns()
                .add(
                        narrow(
                                Controls.column(
                                        "Rank: general → task-aware",
                                        m -> "#" + m.generalRank() + " → #" + m.taskAwareRank()),
                                185));
        moved.getColumns()
                .add(narrow(Controls.column("Moved", StsViewModel.Moved::movementText), 65));
        moved.getColumns()
                .add(
                        narrow(
                                Controls.column(
                                        "Toward gold", m -> m.closerToGold() ? "yes" : "no"),
                                100));
        moved.getColumns().add(Controls.column("First sentence", StsViewModel.Moved::first));
        moved.getColumns().add(Controls.column("Second sentence", StsViewModel.Moved::second));
        moved.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        moved.setPlaceholder(new Label("No results yet"));
        Label movedTitle = new Label("Pairs whose similarity rank moved most (1 = most similar)");
        movedTitle.setStyle("-fx-font-weight: bold;");
        VBox bottom = new VBox(4, movedTitle, moved);
        VBox.setVgrow(moved, Priority.ALWAYS);

        SplitPane split = new SplitPane(viewer, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        Label note = new Label("* the 95% interval of Δ excludes 0");
        note.setStyle("-fx-font-size: 11px; -fx-text-fill: #555;");
        VBox center = new VBox(4, table, note, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        center.setPadding(new Insets(0, 6, 6, 6));
        setTop(summary);
        setCenter(center);
    }

    public JFreeChart chart() {
        return viewer.getChart();
    }

    private static String gold(StsViewModel.Moved m) {
        return String.format(Locale.ROOT, "%.2f (#%d)", m.gold(), m.goldRank());
    }

    /** A column of short values: its width fixed, the sentences get the rest. */
    private static <R, T> TableColumn<R, T> narrow(TableColumn<R, T> c, double width) {
        c.setPrefWidth(width);
        c.setMinWidth(width);
        c.setMaxWidth(width);
        return c;
    }
}
