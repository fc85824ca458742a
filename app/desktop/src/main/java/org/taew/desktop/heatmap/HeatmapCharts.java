package org.taew.desktop.heatmap;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYZDataset;
import org.taew.core.logic.evaluation.SimilarityMap;

/** Heatmap charts: a block renderer over (column, row, value) with a colour legend. */
public final class HeatmapCharts {
    private HeatmapCharts() {}

    public static XYZDataset createDataset(HeatmapViewModel vm, HeatmapViewModel.Panel panel) {
        SimilarityMap m = vm.mapProperty().get();
        int n = m.rows() * m.columns();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int i = 0;
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.columns(); c++) {
                x[i] = c;
                y[i] = r;
                z[i] = vm.value(panel, r, c);
                i++;
            }
        }
        DefaultXYZDataset d = new DefaultXYZDataset();
        d.addSeries(panel.name(), new double[][] {x, y, z});
        return d;
    }

    public static JFreeChart createChart(
            XYZDataset dataset, String title, String legend, PaintScale scale, SimilarityMap map) {
        NumberAxis xAxis = new NumberAxis("documents (judged first, then hard negatives)");
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        xAxis.setLowerMargin(0);
        xAxis.setUpperMargin(0);
        xAxis.setRange(-0.5, Math.max(map.columns(), 1) - 0.5);
        NumberAxis yAxis = new NumberAxis("queries");
        yAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        yAxis.setInverted(true);
        yAxis.setRange(-0.5, Math.max(map.rows(), 1) - 0.5);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setDomainAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        // judged pairs outlined: grade 2 bold, grade 1 thin
        for (int r = 0; r < map.rows(); r++) {
            for (int c = 0; c < map.columns(); c++) {
                int g = map.grades()[r][c];
                if (g > 0) {
                    plot.addAnnotation(
                            new XYShapeAnnotation(
                                    new Rectangle2D.Double(c - 0.5, r - 0.5, 1, 1),
                                    new BasicStroke(g >= 2 ? 1.6f : 0.8f),
                                    g >= 2 ? Color.BLACK : new Color(0x55, 0x55, 0x55)));
                }
            }
        }
        JFreeChart chart =
                new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis legendAxis = new NumberAxis(legend);
        legendAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
        legendAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        legendAxis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        PaintScaleLegend l = new PaintScaleLegend(scale, legendAxis);
        l.setPosition(RectangleEdge.BOTTOM);
        l.setMargin(4, 20, 4, 20);
        l.setStripWidth(10);
        chart.addSubtitle(l);
        return chart;
    }

    /**
     * Light to dark blue from {@code lower} to {@code upper}; {@code invert} for ranks (1 darkest).
     */
    public static PaintScale sequential(double lower, double upper, boolean invert) {
        return new Gradient(
                lower,
                upper,
                invert
                        ? new Color[] {
                            new Color(0x08, 0x30, 0x6b),
                            new Color(0x6b, 0xae, 0xd6),
                            new Color(0xf7, 0xfb, 0xff)
                        }
                        : new Color[] {
                            new Color(0xf7, 0xfb, 0xff),
                            new Color(0x6b, 0xae, 0xd6),
                            new Color(0x08, 0x30, 0x6b)
                        });
    }

    /** Red (task-aware lower) through white (no change) to green (task-aware higher). */
    public static PaintScale diverging(double maxAbs) {
        return new Gradient(
                -maxAbs,
                maxAbs,
                new Color[] {
                    new Color(0xb2, 0x18, 0x2b), Color.WHITE, new Color(0x1a, 0x98, 0x50)
                });
    }

    /** A piecewise-linear colour scale through evenly spaced stops. */
    static final class Gradient implements PaintScale {
        private final double lower;
        private final double upper;
        private final Color[] stops;

        Gradient(double lower, double upper, Color[] stops) {
            this.lower = lower;
            this.upper = upper;
            this.stops = stops;
        }

        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            double t = upper > lower ? (value - lower) / (upper - lower) : 0.5;
            t = Math.max(0, Math.min(1, t));
            double pos = t * (stops.length - 1);
            int i = Math.min((int) pos, stops.length - 2);
            double f = pos - i;
            Color a = stops[i];
            Color b = stops[i + 1];
            return new Color(
                    (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }
}
