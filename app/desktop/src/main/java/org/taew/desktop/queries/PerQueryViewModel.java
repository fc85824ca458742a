package org.taew.desktop.queries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.model.Arm;
import org.taew.core.model.MetricId;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;

/**
 * Per-query view: every query with its main-measure value in two arms the user chooses (general and
 * task-aware unless another pair is chosen, see {@link ArmChoice}), sorted by the delta (largest
 * losses first); for the selected query the top-k of both arms side by side, with judgments and how
 * far each document moved between them.
 */
public final class PerQueryViewModel {
    /** One query of the table: the main measure of the left and the right arm. */
    public record QueryRow(String id, String text, double left, double right) {
        /** Right − left. */
        public double delta() {
            return right - left;
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
     * @param movement its rank in the other arm minus its rank here (positive: higher here), null
     *     when the other arm did not retrieve it within the ranking depth
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
    private final ObservableList<Hit> leftHits = FXCollections.observableArrayList();
    private final ObservableList<Hit> rightHits = FXCollections.observableArrayList();
    private final ArmChoice choice = new ArmChoice();
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
        choice.onChange(this::compare);
        show(snapshot.get());
    }

    /** The arm on the left (general by default); one the result lacks falls back. */
    public ObjectProperty<Arm> leftProperty() {
        return choice.left();
    }

    /** The arm on the right (task-aware by default); deltas are right − left. */
    public ObjectProperty<Arm> rightProperty() {
        return choice.right();
    }

    /** The arms of the shown result, to choose from. */
    public ObservableList<Arm> arms() {
        return choice.arms();
    }

    /** E.g. {@code General (no instruction)}: the heading of the left arm's top-k. */
    public ReadOnlyStringProperty leftTitleProperty() {
        return choice.leftTitle();
    }

    public ReadOnlyStringProperty rightTitleProperty() {
        return choice.rightTitle();
    }

    /** E.g. {@code Δ (task-aware − general)}. */
    public ReadOnlyStringProperty deltaLabelProperty() {
        return choice.deltaLabel();
    }

    public ObservableList<QueryRow> rows() {
        return rows;
    }

    public ObjectProperty<QueryRow> selectedProperty() {
        return selected;
    }

    /** The selected query's top-k of the left arm. */
    public ObservableList<Hit> leftHits() {
        return leftHits;
    }

    /** The selected query's top-k of the right arm. */
    public ObservableList<Hit> rightHits() {
        return rightHits;
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
            choice.offer(Map.of());
            rows.clear();
            chartRows.set(List.of());
            summary.set("");
            return;
        }
        choice.offer(s.result().arms());
        compare();
    }

    /** The rows of the chosen arms on the main measure, sorted by delta; the selection kept. */
    private void compare() {
        if (snapshot == null || snapshot.result().comparison() == null) {
            return;
        }
        RetrievalEvaluation.Result r = snapshot.result();
        ArmResult left = choice.result(choice.left().get());
        ArmResult right = choice.result(choice.right().get());
        String keep = selected.get() == null ? null : selected.get().id();
        Map<String, String> texts = new HashMap<>();
        for (TextItem q : r.dataset().queries()) {
            texts.put(q.id(), q.text());
        }
        MetricId main = r.settings().mainMetric();
        Map<String, Double> rightValues = values(right.scores(), main);
        List<QueryRow> list = new ArrayList<>();
        values(left.scores(), main)
                .forEach(
                        (id, v) -> {
                            Double w = rightValues.get(id);
                            if (w != null) {
                                list.add(new QueryRow(id, texts.get(id), v, w));
                            }
                        });
        list.sort(Comparator.comparingDouble(QueryRow::delta).thenComparing(QueryRow::id));
        rows.setAll(list);
        chartRows.set(List.copyOf(list));
        Map<String, Long> outcomes = new HashMap<>();
        list.forEach(q -> outcomes.merge(q.outcome(), 1L, Long::sum));
        summary.set(
                String.format(
                        Locale.ROOT,
                        "%s per query: %d wins, %d losses, %d ties (%s vs %s)",
                        main.label(),
                        outcomes.getOrDefault("win", 0L),
                        outcomes.getOrDefault("loss", 0L),
                        outcomes.getOrDefault("tie", 0L),
                        right.arm().label(),
                        left.arm().label()));
        QueryRow again =
                keep == null
                        ? (list.isEmpty() ? null : list.get(0))
                        : list.stream().filter(q -> q.id().equals(keep)).findFirst().orElse(null);
        if (again != null && selected.get() != null && again.equals(selected.get())) {
            showQuery(again);
        } else {
            selected.set(again);
        }
    }

    /** A measure's value per query id, in the scores' order. */
    private static Map<String, Double> values(QueryScores scores, MetricId m) {
        Map<String, Double> out = new LinkedHashMap<>();
        double[] v = scores.of(m);
        for (int i = 0; i < v.length; i++) {
            out.put(scores.queryIds().get(i), v[i]);
        }
        return out;
    }

    /** Selects a query by id (e.g. from a heatmap click). */
    public void select(String queryId) {
        rows.stream().filter(r -> r.id().equals(queryId)).findFirst().ifPresent(selected::set);
    }

    private void showQuery(QueryRow row) {
        if (row == null || snapshot == null) {
            leftHits.clear();
            rightHits.clear();
            queryText.set("");
            return;
        }
        queryText.set(row.id() + ": " + row.text());
        RetrievalDataset ds = snapshot.result().dataset();
        Map<String, Integer> judged = ds.qrels().of(row.id());
        List<ScoredDoc> g = choice.result(choice.left().get()).run().of(row.id());
        List<ScoredDoc> a = choice.result(choice.right().get()).run().of(row.id());
        if (!ds.equals(textsOf)) {
            documentTexts = documentTexts(ds);
            textsOf = ds;
        }
        int k = cutoff.get();
        leftHits.setAll(hits(g, a, judged, k, documentTexts));
        rightHits.setAll(hits(a, g, judged, k, documentTexts));
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
