package org.taew.desktop.metrics;

import java.util.Locale;
import org.taew.core.logic.compare.ArmComparison;
import org.taew.core.logic.compare.ModeComparison;

/**
 * One comparison of two arms on the main measure, as the command line prints it: both means, the
 * delta (arm − baseline) with its confidence interval and p-value, and how many queries the arm
 * ranked better, worse or as well.
 */
public record ArmRow(ArmComparison comparison, ModeComparison.MetricDelta main) {
    static ArmRow of(ArmComparison c) {
        ModeComparison m = c.comparison();
        return new ArmRow(c, m.of(m.mainMetric()));
    }

    /** E.g. {@code task-aware vs bm25}. */
    public String label() {
        return comparison.label();
    }

    /** The baseline's mean of the main measure. */
    public double baseline() {
        return main.general();
    }

    /** The compared arm's mean of the main measure. */
    public double arm() {
        return main.taskAware();
    }

    /** E.g. {@code 12 / 5 / 23}: queries better, worse, tied. */
    public String outcome() {
        ModeComparison m = comparison.comparison();
        return String.format(Locale.ROOT, "%d / %d / %d", m.wins(), m.losses(), m.ties());
    }
}
