package org.taew.desktop.heatmap;

import java.awt.geom.Rectangle2D;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.taew.core.logic.evaluation.SimilarityMap;
import org.taew.desktop.util.ChartPane;
import org.taew.desktop.util.Controls;

/** Heatmaps tab: general, task-aware and their difference side by side; hover and click a cell. */
public final class HeatmapView extends BorderPane {
    private final HeatmapViewModel vm;
    private final Map<HeatmapViewModel.Panel, ChartPane> viewers =
            new EnumMap<>(HeatmapViewModel.Panel.class);

    public HeatmapView(HeatmapViewModel vm) {
        this.vm = vm;
        setId("heatmap-view");
        ComboBox<HeatmapViewModel.Scale> scale = new ComboBox<>();
        scale.getItems().setAll(HeatmapViewModel.Scale.values());
        scale.valueProperty().bindBidirectional(vm.scaleProperty());
        Label sampling = new Label();
        sampling.textProperty().bind(vm.samplingProperty());
        sampling.setWrapText(true);
        HBox top =
                new HBox(
                        8, Controls.fixedLabel("Colour by:"), Controls.unsqueezed(scale), sampling);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(sampling, Priority.ALWAYS);
        top.setPadding(new Insets(6));

        GridPane grid = new GridPane();
        grid.setHgap(4);
        int col = 0;
        for (HeatmapViewModel.Panel p : HeatmapViewModel.Panel.values()) {
            ChartPane v = new ChartPane();
            v.setId("heatmap-" + p.name().toLowerCase(Locale.ROOT));
            // hidden tab: the charts are kept up to date but drawn only when shown
            v.activeProperty().bind(visibleProperty());
            v.setOnMouseMoved(
                    e -> {
                        int[] cell = cell(v, e.getX(), e.getY());
                        if (cell != null) {
                            vm.hover(cell[0], cell[1]);
                        }
                    });
            v.setOnMouseClicked(
                    e -> {
                        int[] cell = cell(v, e.getX(), e.getY());
                        if (cell != null) {
                            vm.select(cell[0], cell[1]);
                        }
                    });
            viewers.put(p, v);
            grid.add(v, col++, 0);
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 3);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        RowConstraints rc = new RowConstraints();
        rc.setVgrow(Priority.ALWAYS);
        grid.getRowConstraints().add(rc);

        Label hover = new Label();
        hover.textProperty().bind(vm.hoverProperty());
        hover.setId("heatmap-hover");
        TextArea details = new TextArea();
        details.setEditable(false);
        details.setWrapText(true);
        details.setPromptText("Click a cell to read its query and document.");
        details.textProperty().bind(vm.detailsProperty());
        VBox bottom = new VBox(4, hover, details);
        bottom.setPadding(new Insets(4, 6, 6, 6));
        VBox.setVgrow(details, Priority.ALWAYS);
        SplitPane split = new SplitPane(grid, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.78);
        setTop(top);
        setCenter(split);
        vm.mapProperty().addListener((o, a, b) -> redraw());
        vm.scaleProperty().addListener((o, a, b) -> redraw());
        redraw();
    }

    public JFreeChart chart(HeatmapViewModel.Panel panel) {
        return viewers.get(panel).getChart();
    }

    /** Rebuilds the three charts (their panes draw them when the tab is shown). */
    private void redraw() {
        SimilarityMap m = vm.mapProperty().get();
        if (m == null) {
            return;
        }
        boolean rank = vm.scaleProperty().get() == HeatmapViewModel.Scale.ROW_RANK;
        for (HeatmapViewModel.Panel p : HeatmapViewModel.Panel.values()) {
            double[] range = vm.range(p);
            PaintScale scale;
            String title;
            String legend;
            if (p == HeatmapViewModel.Panel.DIFFERENCE) {
                scale = HeatmapCharts.diverging(range[1]);
                title = "Task-aware − general (cosine)";
                legend = "Δ cosine";
            } else {
                scale = HeatmapCharts.sequential(range[0], range[1], rank);
                title =
                        p == HeatmapViewModel.Panel.GENERAL
                                ? "General (no instruction)"
                                : "Task-aware";
                legend = rank ? "rank in row (1 = top)" : "cosine";
            }
            viewers.get(p)
                    .setChart(
                            HeatmapCharts.createChart(
                                    HeatmapCharts.createDataset(vm, p), title, legend, scale, m));
        }
    }

    private static int[] cell(ChartPane v, double x, double y) {
        Rectangle2D area = v.dataArea();
        JFreeChart chart = v.getChart();
        if (area == null || chart == null || !(chart.getPlot() instanceof XYPlot plot)) {
            return null;
        }
        if (!area.contains(x, y)) {
            return null;
        }
        double col = plot.getDomainAxis().java2DToValue(x, area, plot.getDomainAxisEdge());
        double row = plot.getRangeAxis().java2DToValue(y, area, plot.getRangeAxisEdge());
        return new int[] {(int) Math.round(row), (int) Math.round(col)};
    }
}
