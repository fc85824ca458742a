package org.taew.report.charts;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;

/**
 * Grouped bars of means: one group per measure (the dataset's columns), one bar per arm or run (its
 * rows), on a 0–1 axis.
 */
public final class MeansChart {
    private MeansChart() {}

    /** Titled for what it holds: the two modes, or every arm. */
    public static JFreeChart create(CategoryDataset dataset) {
        return create(
                dataset,
                dataset.getRowCount() > 2
                        ? "Every arm, mean per measure"
                        : "General vs task-aware");
    }

    public static JFreeChart create(CategoryDataset dataset, String title) {
        JFreeChart chart =
                ChartFactory.createBarChart(
                        title,
                        null,
                        "mean over queries",
                        dataset,
                        PlotOrientation.VERTICAL,
                        true,
                        true,
                        false);
        ChartColors.plain(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRangeGridlinePaint(ChartColors.GRID);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setRange(0.0, 1.0);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        for (int i = 0; i < dataset.getRowCount(); i++) {
            r.setSeriesPaint(i, ChartColors.series(dataset.getRowKey(i).toString(), i));
        }
        return chart;
    }
}
