package org.taew.desktop.metrics;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.taew.core.model.Arm;

/** The grouped bar chart of the metrics view: one group per measure, one bar per arm. */
public final class MetricsCharts {
    public static final Color GENERAL = new Color(0x8c, 0x96, 0xa6);
    public static final Color TASK_AWARE = new Color(0x2b, 0x6c, 0xb0);
    public static final Color BM25 = new Color(0xd9, 0x8c, 0x1f);
    public static final Color HYBRID = new Color(0x6a, 0x3d, 0x9a);

    private static final Map<Arm, Color> COLORS =
            Map.of(
                    Arm.GENERAL,
                    GENERAL,
                    Arm.TASK_AWARE,
                    TASK_AWARE,
                    Arm.BM25,
                    BM25,
                    Arm.HYBRID,
                    HYBRID);

    private MetricsCharts() {}

    /** One series per arm (named by its label), in the arms' order. */
    public static CategoryDataset createDataset(List<ArmMeans> rows) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (ArmMeans r : rows) {
            r.means().forEach((arm, mean) -> d.addValue(mean, arm.label(), r.label()));
        }
        return d;
    }

    public static JFreeChart createChart(CategoryDataset dataset) {
        JFreeChart chart =
                ChartFactory.createBarChart(
                        dataset.getRowCount() > 2
                                ? "Every arm, mean per measure"
                                : "General vs task-aware",
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
        for (int i = 0; i < dataset.getRowCount(); i++) {
            Arm arm = Arm.find(dataset.getRowKey(i).toString());
            r.setSeriesPaint(i, arm == null ? Color.DARK_GRAY : COLORS.get(arm));
        }
        return chart;
    }
}
