package org.taew.desktop.sts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.taew.report.charts.ChartColors;

/** The scatter of gold score (x) against cosine (y), one series per mode. */
public final class StsCharts {
    private StsCharts() {}

    public static XYDataset createDataset(StsViewModel.Points p) {
        XYSeriesCollection d = new XYSeriesCollection();
        if (p == null) {
            return d;
        }
        XYSeries g = new XYSeries("general", false, true);
        XYSeries t = new XYSeries("task-aware", false, true);
        for (int i = 0; i < p.gold().length; i++) {
            g.add(p.gold()[i], p.general()[i]);
            t.add(p.gold()[i], p.taskAware()[i]);
        }
        d.addSeries(g);
        d.addSeries(t);
        return d;
    }

    public static JFreeChart createChart(XYDataset dataset) {
        JFreeChart chart =
                ChartFactory.createScatterPlot(
                        "Cosine against gold score",
                        "gold score",
                        "cosine",
                        dataset,
                        PlotOrientation.VERTICAL,
                        true,
                        true,
                        false);
        ChartColors.plain(chart);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        Ellipse2D dot = new Ellipse2D.Double(-2.5, -2.5, 5, 5);
        r.setSeriesShape(0, dot);
        r.setSeriesShape(1, dot);
        r.setSeriesPaint(0, withAlpha(ChartColors.GENERAL, 150));
        r.setSeriesPaint(1, withAlpha(ChartColors.TASK_AWARE, 150));
        r.setDefaultOutlineStroke(new BasicStroke(0f));
        plot.setRenderer(r);
        return chart;
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
