package org.taew.desktop.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.evaluation.LexicalArms;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.model.Arm;

/**
 * General vs task-aware per measure: both means, the delta with its confidence interval and the
 * randomization-test p-value (core's comparison rows, {@link ModeComparison.MetricDelta}, as every
 * report has them); and a one-line summary of wins, losses and ties. Beside them every evaluated
 * arm's mean per measure ({@link ArmMeans}, BM25 and hybrid when the session has them) and the
 * comparisons with the lexical arms ({@link ArmRow}).
 */
public final class MetricsViewModel {
    private final ObservableList<ModeComparison.MetricDelta> rows =
            FXCollections.observableArrayList();
    private final ObservableList<ArmMeans> means = FXCollections.observableArrayList();
    private final ObservableList<Arm> arms = FXCollections.observableArrayList();
    private final ObservableList<ArmRow> armComparisons = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No evaluation yet");
    private final ReadOnlyStringWrapper lexical = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<List<ArmMeans>> chartRows =
            new ReadOnlyObjectWrapper<>(List.of());

    public MetricsViewModel(ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshot) {
        snapshot.addListener((o, a, b) -> show(b));
        show(snapshot.get());
    }

    /** Task-aware vs general, one row per measure. */
    public ObservableList<ModeComparison.MetricDelta> rows() {
        return rows;
    }

    /** Every arm's mean per measure, with task-aware vs general beside them. */
    public ObservableList<ArmMeans> means() {
        return means;
    }

    /** The evaluated arms, in the order of the columns: general, task-aware, BM25, hybrid. */
    public ObservableList<Arm> arms() {
        return arms;
    }

    /**
     * Every arm against BM25 and the hybrid against its dense arm, on the main measure; empty
     * without lexical arms.
     */
    public ObservableList<ArmRow> armComparisons() {
        return armComparisons;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** How the lexical arms ranked (BM25's settings, the fusion, the index), or empty. */
    public ReadOnlyStringProperty lexicalProperty() {
        return lexical.getReadOnlyProperty();
    }

    /** Every arm's means as one value, replaced at once, for the chart. */
    public ReadOnlyObjectProperty<List<ArmMeans>> chartRowsProperty() {
        return chartRows.getReadOnlyProperty();
    }

    void show(LiveEvaluation.Snapshot s) {
        if (s == null || s.result().comparison() == null) {
            rows.clear();
            means.clear();
            arms.clear();
            armComparisons.clear();
            chartRows.set(List.of());
            summary.set("No evaluation yet");
            lexical.set("");
            return;
        }
        RetrievalEvaluation.Result r = s.result();
        ModeComparison c = r.comparison();
        rows.setAll(c.metrics());
        Map<Arm, ArmResult> all = r.arms();
        List<ArmMeans> m = new ArrayList<>();
        for (ModeComparison.MetricDelta d : c.metrics()) {
            m.add(ArmMeans.of(d, all));
        }
        List<ArmRow> compared = new ArrayList<>();
        if (r.lexical() != null) {
            r.lexical().comparisons().forEach(a -> compared.add(ArmRow.of(a)));
        }
        arms.setAll(all.keySet());
        means.setAll(m);
        armComparisons.setAll(compared);
        chartRows.set(List.copyOf(m));
        lexical.set(r.lexical() == null ? "" : describe(r.lexical()));
        int n = c.wins() + c.losses() + c.ties();
        summary.set(
                String.format(
                        Locale.ROOT,
                        "%s over %d queries: task-aware wins %d, loses %d, ties %d · %.0f%% CI by"
                                + " bootstrap (%d resamples), p by paired randomization test (%d"
                                + " permutations)",
                        c.mainMetric().label(),
                        n,
                        c.wins(),
                        c.losses(),
                        c.ties(),
                        100 * c.settings().confidence(),
                        c.settings().resamples(),
                        c.settings().permutations()));
    }

    /** E.g. {@code bm25: BM25 (k1 = 0.9, …) · hybrid: reciprocal rank fusion … · BM25 index …}. */
    private static String describe(LexicalArms l) {
        List<String> parts = new ArrayList<>();
        for (ArmResult a : l.arms().values()) {
            parts.add(a.arm().label() + ": " + a.describe());
        }
        LexicalArms.Bm25Ranking b = l.bm25();
        parts.add(
                "BM25 index "
                        + (b.built() ? "built in " : "reused from ")
                        + b.indexDir()
                        + (b.indexNote() == null ? "" : " (" + b.indexNote() + ")"));
        return String.join(" · ", parts);
    }
}
