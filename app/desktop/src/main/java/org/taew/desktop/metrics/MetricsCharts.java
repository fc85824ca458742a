package org.taew.desktop.metrics;

import java.util.List;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The data of the metrics view's grouped bar chart (drawn by the reports' {@link
 * org.taew.report.charts.MeansChart}): one group per measure, one bar per arm.
 */
public final class MetricsCharts {
    private MetricsCharts() {}

    /** One series per arm (named by its label), in the arms' order. */
    public static CategoryDataset createDataset(List<ArmMeans> rows) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (ArmMeans r : rows) {
            r.means().forEach((arm, mean) -> d.addValue(mean, arm.label(), r.label()));
        }
        return d;
    }
}
