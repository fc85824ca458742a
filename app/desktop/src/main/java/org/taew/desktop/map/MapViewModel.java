package org.taew.desktop.map;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.taew.core.logic.evaluation.EmbeddingMap;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.model.TextItem;

/**
 * The map of the embedding space ({@link EmbeddingMap}): the open session's queries and documents
 * projected to two dimensions, each query's move from general to task-aware mode. The projection is
 * computed only while the tab shows ({@link #activeProperty}), on the latest evaluation.
 */
public final class MapViewModel {
    private final ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshot;
    private final int maxQueries;
    private final int maxDocuments;
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<EmbeddingMap> map = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper selectedQuery = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper hover = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper description =
            new ReadOnlyStringWrapper("No evaluation yet");
    private LiveEvaluation.Snapshot drawn;

    public MapViewModel(
            ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshot,
            int maxQueries,
            int maxDocuments) {
        this.snapshot = snapshot;
        this.maxQueries = maxQueries;
        this.maxDocuments = maxDocuments;
        snapshot.addListener((o, a, b) -> refresh());
        active.addListener((o, a, b) -> refresh());
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

    @SuppressWarnings("ReferenceEquality") // the very snapshot drawn last: nothing to redo
    private void refresh() {
        LiveEvaluation.Snapshot s = snapshot.get();
        if (!active.get() || s == null || s == drawn) {
            return;
        }
        drawn = s;
        EmbeddingMap m = EmbeddingMap.of(s, maxQueries, maxDocuments);
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
