package org.taew.report.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The forest plot of an experiment: each variant's difference from the baseline with its 95%
 * interval as a whisker, in the rows' order from the top, the zero line, and the variants that
 * differ after Holm's adjustment in their own colour.
 */
public final class ForestChart {
    /**
     * One variant's whisker.
     *
     * @param baseline drawn at zero in the baseline's colour
     * @param significant differs from the baseline after Holm's adjustment
     */
    public record Row(
            double delta, double low, double high, boolean baseline, boolean significant) {}

    private ForestChart() {}

    /** Three series: not significant, significant (Holm), the baseline itself. */
    public static XYIntervalSeriesCollection dataset(List<Row> rows) {
        XYIntervalSeries plain = new XYIntervalSeries("Δ (95% interval)");
        XYIntervalSeries significant = new XYIntervalSeries("differs after Holm");
        XYIntervalSeries baseline = new XYIntervalSeries("baseline");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            XYIntervalSeries s = r.baseline() ? baseline : r.significant() ? significant : plain;
            s.add(i, i, i, r.baseline() ? 0 : r.delta(), r.low(), r.high());
        }
        XYIntervalSeriesCollection d = new XYIntervalSeriesCollection();
        d.addSeries(plain);
        d.addSeries(significant);
        d.addSeries(baseline);
        return d;
    }

    public static JFreeChart create(
            XYIntervalSeriesCollection dataset, List<String> names, String measure) {
        SymbolAxis variants = new SymbolAxis(null, names.toArray(String[]::new));
        variants.setInverted(true);
        variants.setGridBandsVisible(false);
        variants.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        NumberAxis delta = new NumberAxis("Δ " + measure + " against the baseline");
        delta.setAutoRangeIncludesZero(true);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setErrorStroke(new BasicStroke(1.5f));
        r.setErrorPaint(null); // whiskers take each series' colour
        r.setCapLength(6);
        Ellipse2D dot = new Ellipse2D.Double(-4, -4, 8, 8);
        for (int s = 0; s < 3; s++) {
            r.setSeriesShape(s, dot);
        }
        r.setSeriesPaint(0, ChartColors.TASK_AWARE);
        r.setSeriesPaint(1, ChartColors.SIGNIFICANT);
        r.setSeriesPaint(2, ChartColors.GENERAL);
        XYPlot plot = new XYPlot(dataset, variants, delta, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(ChartColors.GRID);
        plot.setDomainGridlinesVisible(false);
        ValueMarker zero = new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1f));
        plot.addRangeMarker(zero);
        JFreeChart chart =
                new JFreeChart("Forest plot", new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
