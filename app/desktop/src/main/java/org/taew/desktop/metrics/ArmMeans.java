package org.taew.desktop.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.model.Arm;

/**
 * One measure of the Metrics table: every evaluated arm's mean over the queries, and task-aware vs
 * general on it (the comparison the table always had).
 *
 * @param vsGeneral task-aware vs general on this measure
 * @param means each evaluated arm's mean, in the order of the arms
 */
public record ArmMeans(ModeComparison.MetricDelta vsGeneral, Map<Arm, Double> means) {
    public ArmMeans {
        means = Collections.unmodifiableMap(new EnumMap<>(means));
    }

    /** The measure's row: each arm's mean of {@code d}'s measure. */
    static ArmMeans of(ModeComparison.MetricDelta d, Map<Arm, ArmResult> arms) {
        Map<Arm, Double> m = new EnumMap<>(Arm.class);
        arms.forEach((arm, r) -> m.put(arm, r.scores().mean(d.metric())));
        return new ArmMeans(d, m);
    }

    /** The measure as reports name it, e.g. {@code nDCG@10}. */
    public String label() {
        return vsGeneral.label();
    }

    /** The arm's mean, or null when the arm was not evaluated. */
    public Double mean(Arm arm) {
        return means.get(arm);
    }

    /** E.g. {@code 0.4321}; a dash when the arm was not evaluated. */
    public String text(Arm arm) {
        Double v = means.get(arm);
        return v == null ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }
}
