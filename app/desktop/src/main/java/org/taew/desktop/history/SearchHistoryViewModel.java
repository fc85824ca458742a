package org.taew.desktop.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.SearchRecord;
import org.taew.core.model.MetricId;
import org.taew.core.model.TaskTemplates;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.session.RunRecorder;
import org.taew.desktop.session.SessionViewModel;

/**
 * The History tab's instruction searches: every search recorded for the open dataset and model
 * ({@code taew experiment search}, the Experiments tab's Suggest wordings), newest first; one
 * selected shows what it spent and recommended and every wording it scored, in which search and
 * round, on how many queries, how it scored; any of those wordings goes into the editor. The
 * database is read on {@code io}; the lists change on {@code ui}.
 */
public final class SearchHistoryViewModel {
    /** Searches listed at most. */
    static final int LIMIT = 200;

    /** One search as the list shows it. */
    public record Row(
            long id,
            String when,
            String experiment,
            int wordings,
            int scored,
            String seconds,
            String chosen) {
        static Row of(SearchRecord s) {
            SearchRecord.Trace t = s.trace();
            return new Row(
                    s.id(),
                    HistoryRead.WHEN.format(s.created()),
                    t.experiment(),
                    t.spent().proposed(),
                    t.spent().evaluations(),
                    String.format(Locale.ROOT, "%.1f", t.spent().seconds()),
                    t.chosen());
        }
    }

    /**
     * One scoring step of the selected search.
     *
     * @param search {@code final} (on every query), {@code fold k} (fold k held out) or {@code dev}
     * @param score its mean on those queries, on the search's measure ({@link #measureProperty})
     * @param wentOn whether it went on to the next round
     */
    public record StepRow(
            String search,
            int round,
            String wording,
            String origin,
            int queries,
            String score,
            boolean wentOn,
            TaskTemplates templates) {
        public String wentOnText() {
            return wentOn ? "went on" : "";
        }

        public String query() {
            return templates.query();
        }
    }

    private final SessionViewModel session;
    private final RunRecorder recorder;
    private final Executor ui;
    private final ObservableList<Row> searches = FXCollections.observableArrayList();
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final Map<Long, SearchRecord> listed = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper measure = new ReadOnlyStringWrapper("Score");
    private long selected;

    public SearchHistoryViewModel(SessionViewModel session, RunRecorder recorder, Executor ui) {
        this.session = session;
        this.recorder = recorder;
        this.ui = ui;
        recorder.recordedProperty().addListener((o, a, b) -> refresh());
        session.setupProperty().addListener((o, a, b) -> refresh());
    }

    public ObservableList<Row> searches() {
        return searches;
    }

    /** The selected search's steps: each search (final first, then the folds) round by round. */
    public ObservableList<StepRow> steps() {
        return steps;
    }

    /** How many searches are listed, or why none can be. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The selected search: what it spent, what it chose, its recommendation. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The measure the selected search scored on, the steps' score column's title. */
    public ReadOnlyStringProperty measureProperty() {
        return measure.getReadOnlyProperty();
    }

    /** Reads the searches of the open dataset and model again. */
    public void refresh() {
        HistoryRead.read(
                session,
                recorder,
                ui,
                "searches",
                (h, dataset, model, file) -> {
                    List<SearchRecord> found = h.searches(dataset, model, LIMIT);
                    return new HistoryRead.Found<>(
                            found,
                            found.isEmpty()
                                    ? "No instruction searches of "
                                            + dataset
                                            + " with "
                                            + model
                                            + " yet: Suggest wordings on the Experiments tab runs"
                                            + " one"
                                    : found.size()
                                            + (found.size() == LIMIT ? "+" : "")
                                            + (found.size() == 1
                                                    ? " instruction search of "
                                                    : " instruction searches of ")
                                            + dataset
                                            + " with "
                                            + model
                                            + " in "
                                            + file);
                },
                (found, said) -> show(found == null ? List.of() : found, said));
    }

    private void show(List<SearchRecord> found, String said) {
        listed.clear();
        found.forEach(r -> listed.put(r.id(), r));
        searches.setAll(found.stream().map(Row::of).toList());
        status.set(said);
        select(listed.containsKey(selected) ? selected : 0);
    }

    /** Shows a listed search's steps, read off the FX thread (0: none). */
    public void select(long id) {
        selected = listed.containsKey(id) ? id : 0;
        steps.clear();
        summary.set("");
        measure.set("Score");
        if (selected == 0) {
            return;
        }
        Path file = recorder.historyFile();
        recorder.io()
                .execute(
                        () -> {
                            SearchRecord s;
                            String problem;
                            try (RunHistory h = RunHistory.openForReading(file)) {
                                s = h.search(id);
                                problem = null;
                            } catch (WorkbenchException e) {
                                s = null;
                                problem = e.getMessage();
                            }
                            SearchRecord read = s;
                            String failed = problem;
                            ui.execute(
                                    () -> {
                                        if (selected != id) {
                                            return; // another was selected meanwhile
                                        }
                                        if (read == null) {
                                            summary.set(failed);
                                        } else {
                                            showSteps(read);
                                        }
                                    });
                        });
    }

    private void showSteps(SearchRecord s) {
        SearchRecord.Trace t = s.trace();
        SearchRecord.Spent x = t.spent();
        boolean dev = t.searches() == 1;
        String label = MetricId.parse(t.measure()).label();
        List<SearchRecord.Step> ordered = new ArrayList<>(t.steps());
        // the final search first, then the folds; each round best first
        ordered.sort(SearchRecord.Step.SHOWN);
        List<StepRow> rows = new ArrayList<>();
        for (SearchRecord.Step step : ordered) {
            rows.add(
                    new StepRow(
                            dev ? "dev" : step.fold() == 0 ? "final" : "fold " + step.fold(),
                            step.round(),
                            step.wording(),
                            step.origin(),
                            step.queries(),
                            Double.isNaN(step.mean())
                                    ? "—"
                                    : String.format(Locale.ROOT, "%.4f", step.mean()),
                            step.kept(),
                            new TaskTemplates(
                                    step.templates().query(),
                                    step.templates().document(),
                                    "",
                                    step.templates().excludeInstructionFromPooling())));
        }
        steps.setAll(rows);
        measure.set(label);
        summary.set(
                String.format(
                        Locale.ROOT,
                        "Search %d (%s) chose %s. %d wordings, %d evaluations in %d searches, %.1f"
                                + " s. %s",
                        s.id(),
                        t.experiment(),
                        t.chosen(),
                        x.proposed(),
                        x.evaluations(),
                        t.searches(),
                        x.seconds(),
                        t.recommendation()));
    }

    /** Puts a step's wording into the editor (undoable); whether it went in. */
    public boolean use(StepRow step) {
        return session.editor()
                .apply(step.templates(), "search " + selected + ": " + step.wording());
    }
}
