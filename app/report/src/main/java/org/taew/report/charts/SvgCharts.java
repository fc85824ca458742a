package org.taew.report.charts;

import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** A chart drawn as an SVG element (JFreeSVG), for a page that must open with no network. */
public final class SvgCharts {
    private SvgCharts() {}

    /** The chart drawn at {@code width} × {@code height} as one {@code <svg>} element. */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGElement();
    }
}
