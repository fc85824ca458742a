package org.taew.desktop.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;
import org.taew.core.logic.evaluation.EmbeddingMap;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.TextItem;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.session.WorkStatus;

/**
 * The map of the embedding space ({@link EmbeddingMap}): the open session's queries and documents
 * projected to two dimensions, each query's move from one end to the other — general to task-aware
 * mode by default, or between any two of the modes and the last experiment's variants ({@link
 * MapEnds}; a variant's vectors come from {@link VariantEnds}, in the background). The projection
 * is computed only while the tab shows ({@link #activeProperty}), on the latest evaluation.
 */
public final class MapViewModel {
    private final ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshot;
    private final int maxQueries;
    private final int maxDocuments;
    private final MapEnds ends = new MapEnds();
    private final VariantEnds variants;
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<EmbeddingMap> map = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper selectedQuery = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper hover = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper description =
            new ReadOnlyStringWrapper("No evaluation yet");

    /** What was drawn last (or refused): the evaluation and the two ends. */
    private record Drawn(LiveEvaluation.Snapshot snapshot, MapEnd from, MapEnd to) {
        @SuppressWarnings("ReferenceEquality") // the very snapshot drawn last: nothing to redo
        boolean same(Drawn other) {
            return other != null
                    && snapshot == other.snapshot
                    && from.equals(other.from)
                    && to.equals(other.to);
        }
    }

    private Drawn drawn;
    private boolean waiting;

    /**
     * @param experiment the last experiment's result on the open dataset and model (null when none
     *     ran), whose variants the ends offer
     */
    public MapViewModel(
            SessionViewModel session,
            WorkStatus work,
            ReadOnlyObjectProperty<ExperimentResult> experiment,
            int maxQueries,
            int maxDocuments) {
        this.snapshot = session.snapshotProperty();
        this.variants = new VariantEnds(session, work);
        this.maxQueries = maxQueries;
        this.maxDocuments = maxDocuments;
        ends.experiment(experiment.get());
        snapshot.addListener((o, a, b) -> refresh());
        active.addListener((o, a, b) -> refresh());
        ends.from().addListener((o, a, b) -> refresh());
        ends.to().addListener((o, a, b) -> refresh());
        experiment.addListener(
                (o, a, b) -> {
                    ends.experiment(b);
                    if (ends.from().get().isVariant() || ends.to().get().isVariant()) {
                        drawn = null; // a variant of the same name may have other templates now
                        refresh();
                    }
                });
        // a variant chosen while other work ran is encoded once it has finished
        work.busyProperty()
                .addListener(
                        (o, a, b) -> {
                            if (!b && waiting) {
                                waiting = false;
                                refresh();
                            }
                        });
    }

    /** What the "from" and "to" choice boxes offer. */
    public ObservableList<MapEnd> ends() {
        return ends.choices();
    }

    /** Where the arrows start: General by default. */
    public ObjectProperty<MapEnd> fromProperty() {
        return ends.from();
    }

    /** Where the arrows point: Task-aware by default. */
    public ObjectProperty<MapEnd> toProperty() {
        return ends.to();
    }

    /** Whether the map is on screen: only then is it computed. */
    public BooleanProperty activeProperty() {
        return active;
    }

    public ReadOnlyObjectProperty<EmbeddingMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    /** The selected query's index in the map, -1 for none. */
    public ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The id of the query last clicked, for the Per query view. */
    public ReadOnlyStringProperty selectedQueryProperty() {
        return selectedQuery.getReadOnlyProperty();
    }

    /** The text under the pointer. */
    public ReadOnlyStringProperty hoverProperty() {
        return hover.getReadOnlyProperty();
    }

    /** What is drawn: the sample and how much variance the two axes keep. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** Selects query {@code q} of the map (and opens it in Per query). */
    public void select(int q) {
        EmbeddingMap m = map.get();
        if (m == null || q < 0 || q >= m.queries().size()) {
            return;
        }
        selected.set(q);
        selectedQuery.set(null); // a second click on the same query opens it again
        selectedQuery.set(m.queries().get(q).id());
    }

    /** Shows query {@code q}'s text as the hovered one. */
    public void hoverQuery(int q) {
        EmbeddingMap m = map.get();
        hover.set(m == null ? "" : "Query " + text(m.queries().get(q)));
    }

    /** Shows document {@code d}'s text as the hovered one. */
    public void hoverDocument(int d) {
        EmbeddingMap m = map.get();
        hover.set(m == null ? "" : "Document " + text(m.documents().get(d)));
    }

    public void hoverNothing() {
        hover.set("");
    }

    private static String text(TextItem t) {
        String s = t.text().replace('\n', ' ');
        return t.id() + ": " + (s.length() > 200 ? s.substring(0, 200) + "…" : s);
    }

    private void refresh() {
        LiveEvaluation.Snapshot s = snapshot.get();
        MapEnd from = ends.from().get();
        MapEnd to = ends.to().get();
        if (!active.get() || s == null || from == null || to == null) {
            return;
        }
        Drawn want = new Drawn(s, from, to);
        if (want.same(drawn)) {
            return;
        }
        if (from.equals(to)) {
            drawn = want;
            map.set(null);
            description.set(
                    "From and to are both "
                            + from
                            + ": choose two different ends to see how the texts move");
            return;
        }
        for (MapEnd e : List.of(from, to)) {
            if (e.isVariant() && ends.templates(e) == null) {
                description.set(e + " is not a variant of the last experiment");
                return;
            }
        }
        EmbeddingMap.End a = end(from, s);
        EmbeddingMap.End b = end(to, s);
        if (a == null || b == null) {
            encode(s, from, to);
            return;
        }
        drawn = want;
        draw(EmbeddingMap.of(s.result().dataset(), a, b, maxQueries, maxDocuments));
    }

    /** A mode's end from the evaluation, a variant's when kept, else null. */
    private EmbeddingMap.End end(MapEnd e, LiveEvaluation.Snapshot s) {
        return e.isVariant()
                ? variants.kept(e.name(), ends.templates(e), s)
                : EmbeddingMap.End.of(s, e.mode());
    }

    /** Gets the variants among the ends in the background; the map is drawn when they are kept. */
    private void encode(LiveEvaluation.Snapshot s, MapEnd from, MapEnd to) {
        if (variants.encoding()) {
            return; // the map is drawn again when that work ends, with the ends chosen then
        }
        Map<String, InstructionPair> missing = new LinkedHashMap<>();
        for (MapEnd e : List.of(from, to)) {
            if (e.isVariant() && variants.kept(e.name(), ends.templates(e), s) == null) {
                missing.put(e.name(), ends.templates(e));
            }
        }
        String names = String.join(" and ", missing.keySet());
        String busy = variants.waitingFor(s);
        if (busy != null) {
            waiting = true;
            description.set("Waiting for " + busy + ", then encoding " + names + " for the map");
            return;
        }
        description.set("Encoding " + names + " for the map (Cancel in the status bar stops it)");
        variants.encode(
                missing,
                s,
                this::refresh,
                why -> {
                    drawn = null;
                    ends.reset();
                    description.set(why + "; the map shows general → task-aware");
                });
    }

    private void draw(EmbeddingMap m) {
        String keep = selectedQuery.get();
        map.set(m);
        int again = -1;
        for (int q = 0; q < m.queries().size(); q++) {
            if (m.queries().get(q).id().equals(keep)) {
                again = q;
            }
        }
        selected.set(again);
        description.set(m.axes() + " · " + m.sampling());
    }
}
