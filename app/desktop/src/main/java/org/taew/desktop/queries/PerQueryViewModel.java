package org.taew.desktop.queries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.model.Mode;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;

/**
 * Per-query view: every query with its main-measure value in both modes, sorted by the delta
 * (largest losses first); for the selected query the top-k of both modes side by side, with
 * judgments and how far each document moved between the modes.
 */
public final class PerQueryViewModel {
    /** One query of the table. */
    public record QueryRow(String id, String text, double general, double taskAware) {
        public double delta() {
            return taskAware - general;
        }

        public String outcome() {
            double d = delta();
            return Math.abs(d) <= ModeComparison.TIE_TOLERANCE ? "tie" : d > 0 ? "win" : "loss";
        }
    }

    /**
     * One document in a mode's top-k.
     *
     * @param grade its judgment for the query, 0 when not judged
     * @param movement its rank in the other mode minus its rank here (positive: higher here), null
     *     when the other mode did not retrieve it within the ranking depth
     */
    public record Hit(
            int rank, String docId, String text, double score, int grade, Integer movement) {
        public String movementText() {
            if (movement == null) {
                return "new";
            }
            if (movement == 0) {
                return "=";
            }
            return movement > 0 ? "▲" + movement : "▼" + -movement;
        }

        public String gradeText() {
            return grade == 0 ? "" : grade >= 2 ? "●● " + grade : "● " + grade;
        }
    }

    private final ObservableList<QueryRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<QueryRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<Hit> general = FXCollections.observableArrayList();
    private final ObservableList<Hit> taskAware = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queryText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<List<QueryRow>> chartRows =
            new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyIntegerProperty cutoff;
    private LiveEvaluation.Snapshot snapshot;

    /** Document texts by id of the dataset shown, built once per dataset. */
    private RetrievalDataset textsOf;

    private Map<String, String> documentTexts = Map.of();

    public PerQueryViewModel(
            ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshot,
            ReadOnlyIntegerProperty cutoff) {
        this.cutoff = cutoff;
        snapshot.addListener((o, a, b) -> show(b));
        selected.addListener((o, a, b) -> showQuery(b));
        show(snapshot.get());
    }

    public ObservableList<QueryRow> rows() {
        return rows;
    }

    public ObjectProperty<QueryRow> selectedProperty() {
        return selected;
    }

    public ObservableList<Hit> generalHits() {
        return general;
    }

    public ObservableList<Hit> taskAwareHits() {
        return taskAware;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queryTextProperty() {
        return queryText.getReadOnlyProperty();
    }

    /** All rows in delta order, replaced at once, for the chart. */
    public ReadOnlyObjectProperty<List<QueryRow>> chartRowsProperty() {
        return chartRows.getReadOnlyProperty();
    }

    void show(LiveEvaluation.Snapshot s) {
        this.snapshot = s;
        if (s == null || s.result().comparison() == null) {
            rows.clear();
            chartRows.set(List.of());
            summary.set("");
            return;
        }
        String keep = selected.get() == null ? null : selected.get().id();
        ModeComparison c = s.result().comparison();
        Map<String, String> texts = new HashMap<>();
        for (TextItem q : s.result().dataset().queries()) {
            texts.put(q.id(), q.text());
        }
        List<QueryRow> list = new ArrayList<>();
        for (ModeComparison.QueryDelta d : c.perQuery()) {
            list.add(new QueryRow(d.queryId(), texts.get(d.queryId()), d.general(), d.taskAware()));
        }
        list.sort(Comparator.comparingDouble(QueryRow::delta).thenComparing(QueryRow::id));
        rows.setAll(list);
        chartRows.set(List.copyOf(list));
        summary.set(
                String.format(
                        Locale.ROOT,
                        "%s per query: %d wins, %d losses, %d ties (task-aware vs general)",
                        c.mainMetric().label(),
                        c.wins(),
                        c.losses(),
                        c.ties()));
        QueryRow again =
                keep == null
                        ? (list.isEmpty() ? null : list.get(0))
                        : list.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(null);
        if (again != null && selected.get() != null && again.equals(selected.get())) {
            showQuery(again);
        } else {
            selected.set(again);
        }
    }

    /** Selects a query by id (e.g. from a heatmap click). */
    public void select(String queryId) {
        rows.stream().filter(r -> r.id().equals(queryId)).findFirst().ifPresent(selected::set);
    }

    private void showQuery(QueryRow row) {
        if (row == null || snapshot == null) {
            general.clear();
            taskAware.clear();
            queryText.set("");
            return;
        }
        queryText.set(row.id() + ": " + row.text());
        RetrievalDataset ds = snapshot.result().dataset();
        Map<String, Integer> judged = ds.qrels().of(row.id());
        List<ScoredDoc> g = snapshot.result().modes().get(Mode.GENERAL).run().of(row.id());
        List<ScoredDoc> a = snapshot.result().modes().get(Mode.TASK_AWARE).run().of(row.id());
        if (!ds.equals(textsOf)) {
            documentTexts = documentTexts(ds);
            textsOf = ds;
        }
        int k = cutoff.get();
        general.setAll(hits(g, a, judged, k, documentTexts));
        taskAware.setAll(hits(a, g, judged, k, documentTexts));
    }

    static List<Hit> hits(
            List<ScoredDoc> here,
            List<ScoredDoc> other,
            Map<String, Integer> judged,
            int k,
            Map<String, String> documentTexts) {
        Map<String, Integer> otherRank = new HashMap<>();
        for (int i = 0; i < other.size(); i++) {
            otherRank.put(other.get(i).docId(), i + 1);
        }
        List<Hit> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, here.size()); i++) {
            ScoredDoc d = here.get(i);
            Integer o = otherRank.get(d.docId());
            out.add(
                    new Hit(
                            i + 1,
                            d.docId(),
                            documentTexts.getOrDefault(d.docId(), ""),
                            d.score(),
                            judged.getOrDefault(d.docId(), 0),
                            o == null ? null : o - (i + 1)));
        }
        return out;
    }

    static Map<String, String> documentTexts(RetrievalDataset ds) {
        Map<String, String> text = new HashMap<>();
        for (TextItem t : ds.documents()) {
            text.put(t.id(), t.text());
        }
        return text;
    }
}
