package org.taew.desktop.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.export.RunsCsv;
import org.taew.core.logic.history.RunComparison;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.model.MetricId;
import org.taew.core.model.TaskTemplates;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.session.RunRecorder;
import org.taew.desktop.session.SessionViewModel;

/**
 * The History tab: every run recorded for the open dataset and model (each evaluated draft, each
 * experiment variant, the command line's), BM25's and the model's hybrids on that dataset, and
 * every run file scored on it ({@code taew eval --run}: a cluster's run, another toolkit's), newest
 * first ({@link HistoryListing}); any two compared side by side; any one made here restored into
 * the editor. The database is read on {@code io}; the lists change on {@code ui}.
 */
public final class HistoryViewModel {
    /** Runs listed at most. */
    static final int LIMIT = 500;

    /** One run as the table shows it. */
    public record Row(
            long id,
            String when,
            int times,
            String source,
            String arm,
            String query,
            String document,
            double score,
            String scoreText) {
        static Row of(RunRecord r) {
            return new Row(
                    r.id(),
                    HistoryRead.WHEN.format(r.evaluated()),
                    r.times(),
                    r.origin().source(),
                    r.origin().experiment() == null
                            ? r.origin().label()
                            : r.origin().label() + " (" + r.origin().experiment() + ")",
                    r.templates().query(),
                    r.templates().document(),
                    r.mainScore(),
                    String.format(
                                    Locale.ROOT,
                                    "%s %.4f",
                                    MetricId.parse(r.settings().mainMeasure()).label(),
                                    r.mainScore())
                            + (r.model().draft() ? " (draft)" : ""));
        }
    }

    /** One query of two compared runs, on the main measure. */
    public record QueryRow(String queryId, double a, double b, double delta) {
        public String deltaText() {
            return String.format(Locale.ROOT, "%+.4f", delta);
        }
    }

    /**
     * A document in either run's top 10 for the selected query: its ranks ("–" when absent) and how
     * it moved from A to B.
     */
    public record MoveRow(String docId, String rankA, String rankB, String change) {}

    private final SessionViewModel session;
    private final RunRecorder recorder;
    private final Executor io;
    private final Executor ui;
    private final ObservableList<Row> runs = FXCollections.observableArrayList();
    private List<RunRecord> listed = List.of();
    private final ObservableList<ModeComparison.MetricDelta> comparison =
            FXCollections.observableArrayList();
    private final ObservableList<QueryRow> queries = FXCollections.observableArrayList();
    private final ObservableList<MoveRow> movement = FXCollections.observableArrayList();
    private RunComparison current;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper compared = new ReadOnlyStringWrapper("");

    public HistoryViewModel(SessionViewModel session, RunRecorder recorder, Executor ui) {
        this.session = session;
        this.recorder = recorder;
        this.io = recorder.io();
        this.ui = ui;
        recorder.recordedProperty().addListener((o, a, b) -> refresh());
        session.setupProperty().addListener((o, a, b) -> refresh());
    }

    public ObservableList<Row> runs() {
        return runs;
    }

    public ObservableList<ModeComparison.MetricDelta> comparison() {
        return comparison;
    }

    /** The compared runs' queries on the main measure, those that changed most first. */
    public ObservableList<QueryRow> queries() {
        return queries;
    }

    /** How the selected query's top 10 moved from A to B. */
    public ObservableList<MoveRow> movement() {
        return movement;
    }

    /** Shows how a query's top documents moved between the compared runs. */
    public void showQuery(String queryId) {
        movement.clear();
        if (current == null || queryId == null) {
            return;
        }
        for (RunComparison.Movement m : current.movement(queryId)) {
            String change =
                    m.rankA() == 0
                            ? "new in B's top 10"
                            : m.rankB() == 0
                                    ? "left the top 10"
                                    : m.rise() > 0
                                            ? "▲" + m.rise()
                                            : m.rise() < 0 ? "▼" + -m.rise() : "=";
            movement.add(
                    new MoveRow(
                            m.docId(),
                            m.rankA() == 0 ? "–" : Integer.toString(m.rankA()),
                            m.rankB() == 0 ? "–" : Integer.toString(m.rankB()),
                            change));
        }
    }

    /** How many runs are listed, or why none can be. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The two runs compared and the per-query outcome, in words. */
    public ReadOnlyStringProperty comparedProperty() {
        return compared.getReadOnlyProperty();
    }

    /** Reads the runs of the open dataset and model again. */
    public void refresh() {
        HistoryRead.read(
                session,
                recorder,
                ui,
                "runs",
                (h, dataset, model, file) -> {
                    HistoryListing l = HistoryListing.read(h, dataset, model, LIMIT);
                    return new HistoryRead.Found<>(
                            l.records(), l.describe(dataset, model, LIMIT, file));
                },
                (records, said) -> {
                    listed = records == null ? List.of() : records;
                    runs.setAll(listed.stream().map(Row::of).toList());
                    status.set(said);
                });
    }

    /**
     * Writes the runs on the list as CSV, in the format of {@code taew runs export} (core's {@link
     * RunsCsv}), replacing {@code target} atomically.
     */
    public void exportCsv(Path target) {
        List<RunRecord> records = listed;
        io.execute(
                () -> {
                    String said;
                    try {
                        AtomicFiles.writeString(target, RunsCsv.runs(records));
                        said = "Wrote " + records.size() + " runs to " + target;
                    } catch (WorkbenchException e) {
                        said = e.getMessage();
                    }
                    String message = said;
                    ui.execute(() -> status.set(message));
                });
    }

    /** The two runs last compared, or null when none are (or the comparison failed). */
    public RunComparison compared() {
        return current;
    }

    /** Compares two runs (A, B) on the queries both evaluated. */
    public void compare(long a, long b) {
        Path file = recorder.historyFile();
        io.execute(
                () -> {
                    RunComparison c;
                    String problem = null;
                    try (RunHistory h = RunHistory.openForReading(file)) {
                        c = RunComparison.of(h.get(a), h.get(b), ModeComparison.Settings.DEFAULT);
                    } catch (WorkbenchException e) {
                        c = null;
                        problem = e.getMessage();
                    }
                    RunComparison done = c;
                    String failed = problem;
                    ui.execute(() -> showComparison(done, failed));
                });
    }

    private void showComparison(RunComparison c, String problem) {
        current = c;
        movement.clear();
        if (c == null) {
            comparison.clear();
            queries.clear();
            compared.set(problem);
            return;
        }
        List<QueryRow> perQuery = new ArrayList<>();
        for (ModeComparison.QueryDelta q : c.comparison().perQuery()) {
            perQuery.add(new QueryRow(q.queryId(), q.general(), q.taskAware(), q.delta()));
        }
        perQuery.sort(
                Comparator.comparingDouble((QueryRow q) -> -Math.abs(q.delta()))
                        .thenComparing(QueryRow::queryId));
        queries.setAll(perQuery);
        comparison.setAll(c.comparison().metrics());
        ModeComparison m = c.comparison();
        StringBuilder sb =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "A = run %d (%s), B = run %d (%s), on %d queries: B better on %d,"
                                        + " worse on %d, tied on %d (%s).",
                                c.a().id(),
                                c.a().origin().label(),
                                c.b().id(),
                                c.b().origin().label(),
                                c.queries().size(),
                                m.wins(),
                                m.losses(),
                                m.ties(),
                                m.mainMetric().label()));
        for (String w : c.warnings()) {
            sb.append("\nWarning: ").append(w).append('.');
        }
        compared.set(sb.toString());
    }

    /** Loads a run's templates into the editor (undoable). */
    public void restore(long id) {
        Path file = recorder.historyFile();
        io.execute(
                () -> {
                    RunRecord r;
                    try (RunHistory h = RunHistory.openForReading(file)) {
                        r = h.get(id);
                    } catch (WorkbenchException e) {
                        String m = e.getMessage();
                        ui.execute(() -> status.set(m));
                        return;
                    }
                    if (RunRecord.Model.BM25.equals(r.model().name())) {
                        String m = "Run " + id + " is BM25's: it has no templates to restore";
                        ui.execute(() -> status.set(m));
                        return;
                    }
                    if (RunRecord.Origin.RUN_FILE.equals(r.origin().source())) {
                        String m =
                                "Run "
                                        + id
                                        + " was scored from a run file made elsewhere ("
                                        + r.model().name()
                                        + "): it has no templates to restore";
                        ui.execute(() -> status.set(m));
                        return;
                    }
                    TaskTemplates t =
                            new TaskTemplates(
                                    r.templates().query(),
                                    r.templates().document(),
                                    "",
                                    r.templates().excludeInstructionFromPooling());
                    ui.execute(() -> session.editor().apply(t, "run " + id));
                });
    }
}
