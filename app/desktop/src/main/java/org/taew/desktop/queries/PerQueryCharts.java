package org.taew.desktop.queries;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Per-query deltas as bars, sorted: losses (red) on the left, ties flat, wins (green) right. */
public final class PerQueryCharts {
    private PerQueryCharts() {}

    public static XYSeriesCollection createDataset(List<PerQueryViewModel.QueryRow> rows) {
        XYSeries s = new XYSeries("delta", false, true);
        for (int i = 0; i < rows.size(); i++) {
            s.add(i + 1, rows.get(i).delta());
        }
        return new XYSeriesCollection(s);
    }

    /** {@code deltaLabel} names the delta, e.g. {@code Δ (task-aware − general)}. */
    public static JFreeChart createChart(
            XYSeriesCollection dataset, String title, String deltaLabel) {
        NumberAxis x = new NumberAxis("queries, sorted by Δ");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(deltaLabel);
        XYBarRenderer r =
                new XYBarRenderer(0.1) {
                    @Override
                    public Paint getItemPaint(int series, int item) {
                        double v = dataset.getYValue(series, item);
                        return v > 1e-9
                                ? new Color(0x1a, 0x98, 0x50)
                                : v < -1e-9 ? new Color(0xb2, 0x18, 0x2b) : Color.GRAY;
                    }
                };
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        XYPlot plot = new XYPlot(dataset, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeZeroBaselineVisible(true);
        JFreeChart chart =
                new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
