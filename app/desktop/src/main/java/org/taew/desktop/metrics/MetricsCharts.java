package org.taew.desktop.metrics;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.taew.core.logic.compare.ModeComparison;

/** The grouped bar chart of the metrics view: one group per measure, one bar per mode. */
public final class MetricsCharts {
    public static final Color GENERAL = new Color(0x8c, 0x96, 0xa6);
    public static final Color TASK_AWARE = new Color(0x2b, 0x6c, 0xb0);

    private MetricsCharts() {}

    public static CategoryDataset createDataset(List<ModeComparison.MetricDelta> rows) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (ModeComparison.MetricDelta r : rows) {
            d.addValue(r.general(), "general", r.label());
            d.addValue(r.taskAware(), "task-aware", r.label());
        }
        return d;
    }

    public static JFreeChart createChart(CategoryDataset dataset) {
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "General vs task-aware",
                        null,
                        "mean over queries",
                        dataset,
                        PlotOrientation.VERTICAL,
                        true,
                        true,
                        false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setRange(0.0, 1.0);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        r.setSeriesPaint(0, GENERAL);
        r.setSeriesPaint(1, TASK_AWARE);
        return chart;
    }
}
