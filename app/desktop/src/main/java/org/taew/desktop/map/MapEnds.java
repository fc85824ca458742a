package org.taew.desktop.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.model.InstructionPair;

/**
 * The ends the map's choice boxes offer: General, Task-aware, and each variant of the experiment
 * last run on the open dataset and model, in leaderboard order. Left out: the leaderboard's general
 * row (General is that), lexical reference rows (no vectors) and a variant's copies at fewer
 * Matryoshka dimensions ({@code name@d}: one projection needs vectors of one size). A chosen
 * variant that a new result no longer has gives way to the default ends.
 */
final class MapEnds {
    private final ObservableList<MapEnd> choices =
            FXCollections.observableArrayList(MapEnd.GENERAL, MapEnd.TASK_AWARE);
    private final ObjectProperty<MapEnd> from = new SimpleObjectProperty<>(MapEnd.GENERAL);
    private final ObjectProperty<MapEnd> to = new SimpleObjectProperty<>(MapEnd.TASK_AWARE);
    private Map<String, InstructionPair> variants = Map.of();

    ObservableList<MapEnd> choices() {
        return choices;
    }

    ObjectProperty<MapEnd> from() {
        return from;
    }

    ObjectProperty<MapEnd> to() {
        return to;
    }

    /** The templates of a variant end, or null when the last experiment has no such variant. */
    InstructionPair templates(MapEnd end) {
        return variants.get(end.label());
    }

    /** Offers the variants of {@code r} (none when null). */
    void experiment(ExperimentResult r) {
        Map<String, InstructionPair> next = new LinkedHashMap<>();
        if (r != null && !r.results().isEmpty()) {
            for (ExperimentResult.VariantResult v : r.results().get(0).leaderboard()) {
                if (!v.reference()
                        && !v.name().contains("@")
                        && !v.name().equals(ExperimentSpec.GENERAL)) {
                    next.put(v.name(), v.instructions());
                }
            }
        }
        variants = next;
        // before the list changes, so that a choice box never holds an end it does not offer
        if (from.get() == null
                || (from.get().isVariant() && !next.containsKey(from.get().label()))) {
            from.set(MapEnd.GENERAL);
        }
        if (to.get() == null || (to.get().isVariant() && !next.containsKey(to.get().label()))) {
            to.set(MapEnd.TASK_AWARE);
        }
        List<MapEnd> all = new ArrayList<>(List.of(MapEnd.GENERAL, MapEnd.TASK_AWARE));
        next.keySet().forEach(name -> all.add(MapEnd.variant(name)));
        choices.setAll(all);
    }

    /** Back to general → task-aware. */
    void reset() {
        from.set(MapEnd.GENERAL);
        to.set(MapEnd.TASK_AWARE);
    }
}
