package org.taew.desktop.queries;

import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.model.Arm;
import org.taew.desktop.util.ArmNames;

/**
 * The two arms the Per query tab sets side by side: general on the left and task-aware on the right
 * unless the user chooses others among the evaluated arms. A choice the shown result lacks (an arm
 * no longer evaluated) falls back to that side's default, or to the first arm there is.
 */
final class ArmChoice {
    private final ObjectProperty<Arm> left = new SimpleObjectProperty<>(Arm.GENERAL);
    private final ObjectProperty<Arm> right = new SimpleObjectProperty<>(Arm.TASK_AWARE);
    private final ObservableList<Arm> arms = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper leftTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rightTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper deltaLabel = new ReadOnlyStringWrapper("");
    private Map<Arm, ArmResult> results = Map.of();
    private boolean offering;
    private Runnable onChange = () -> {};

    ArmChoice() {
        left.addListener((o, a, b) -> changed(left, Arm.GENERAL));
        right.addListener((o, a, b) -> changed(right, Arm.TASK_AWARE));
        describe();
    }

    ObjectProperty<Arm> left() {
        return left;
    }

    ObjectProperty<Arm> right() {
        return right;
    }

    ObservableList<Arm> arms() {
        return arms;
    }

    ReadOnlyStringProperty leftTitle() {
        return leftTitle.getReadOnlyProperty();
    }

    ReadOnlyStringProperty rightTitle() {
        return rightTitle.getReadOnlyProperty();
    }

    ReadOnlyStringProperty deltaLabel() {
        return deltaLabel.getReadOnlyProperty();
    }

    /** What runs after the user chose another arm on either side. */
    void onChange(Runnable r) {
        onChange = r;
    }

    /** The chosen arm's outcome in the shown result. */
    ArmResult result(Arm arm) {
        return results.get(arm);
    }

    /** The arms of a new result (none: nothing shown); choices it lacks fall back. */
    void offer(Map<Arm, ArmResult> evaluated) {
        offering = true;
        try {
            results = new EnumMap<>(Arm.class);
            results.putAll(evaluated);
            if (!arms.equals(evaluated.keySet().stream().toList())) {
                arms.setAll(evaluated.keySet());
            }
            fallBack(left, Arm.GENERAL);
            fallBack(right, Arm.TASK_AWARE);
        } finally {
            offering = false;
        }
        describe();
    }

    private void changed(ObjectProperty<Arm> side, Arm preferred) {
        if (offering || fallBack(side, preferred)) {
            return; // the fallen-back value notifies again
        }
        describe();
        if (!results.isEmpty()) {
            onChange.run();
        }
    }

    /** Sets {@code side} to its fallback when the result lacks its arm; whether it did. */
    private boolean fallBack(ObjectProperty<Arm> side, Arm preferred) {
        Arm a = side.get();
        if (results.isEmpty() || (a != null && results.containsKey(a))) {
            return false;
        }
        side.set(results.containsKey(preferred) ? preferred : results.keySet().iterator().next());
        return true;
    }

    private void describe() {
        leftTitle.set(title(left.get()));
        rightTitle.set(title(right.get()));
        Arm l = left.get();
        Arm r = right.get();
        deltaLabel.set(l == null || r == null ? "Δ" : "Δ (" + r.label() + " − " + l.label() + ")");
    }

    private String title(Arm arm) {
        if (arm == null) {
            return "";
        }
        ArmResult r = results.get(arm);
        if (r == null) {
            return ArmNames.title(arm);
        }
        // BM25's description names it: "BM25 (k1 = 0.9, …)"
        return arm == Arm.BM25
                ? r.describe()
                : ArmNames.title(arm)
                        + (arm.dense() ? " (" + r.describe() + ")" : ": " + r.describe());
    }
}
