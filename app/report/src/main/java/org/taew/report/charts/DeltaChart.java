package org.taew.report.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.taew.core.logic.compare.ModeComparison;

/** Per-query deltas as bars, sorted: losses (red) on the left, ties flat, wins (green) right. */
public final class DeltaChart {
    private DeltaChart() {}

    /** One bar per value, in the order given (sort them first). */
    public static XYSeriesCollection dataset(double[] sortedDeltas) {
        XYSeries s = new XYSeries("delta", false, true);
        for (int i = 0; i < sortedDeltas.length; i++) {
            s.add(i + 1, sortedDeltas[i]);
        }
        return new XYSeriesCollection(s);
    }

    /** {@code deltaLabel} names the delta, e.g. {@code Δ (task-aware − general)}. */
    public static JFreeChart create(XYSeriesCollection dataset, String title, String deltaLabel) {
        NumberAxis x = new NumberAxis("queries, sorted by Δ");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(deltaLabel);
        XYBarRenderer r =
                new XYBarRenderer(0.1) {
                    @Override
                    public Paint getItemPaint(int series, int item) {
                        double v = dataset.getYValue(series, item);
                        return v > ModeComparison.TIE_TOLERANCE
                                ? ChartColors.WIN
                                : v < -ModeComparison.TIE_TOLERANCE ? ChartColors.LOSS : Color.GRAY;
                    }
                };
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        XYPlot plot = new XYPlot(dataset, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(ChartColors.GRID);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeZeroBaselineVisible(true);
        JFreeChart chart =
                new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
