package org.taew.desktop;

import java.util.function.LongSupplier;
import org.taew.core.logic.evaluation.EmbeddingMap;
import org.taew.core.logic.evaluation.SimilarityMap;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.util.WorkbenchHome;
import org.taew.desktop.experiments.ExperimentsViewModel;
import org.taew.desktop.experiments.WordingSuggestions;
import org.taew.desktop.heatmap.HeatmapViewModel;
import org.taew.desktop.history.HistoryViewModel;
import org.taew.desktop.history.SearchHistoryViewModel;
import org.taew.desktop.instructions.InstructionEditorViewModel;
import org.taew.desktop.map.MapViewModel;
import org.taew.desktop.metrics.MetricsViewModel;
import org.taew.desktop.production.ProductionExportViewModel;
import org.taew.desktop.queries.PerQueryViewModel;
import org.taew.desktop.session.Downloads;
import org.taew.desktop.session.RunRecorder;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.session.WorkStatus;
import org.taew.desktop.session.WorkbenchContext;
import org.taew.desktop.sts.StsViewModel;
import org.taew.desktop.util.Debouncer;
import org.taew.desktop.util.DialogService;
import org.taew.desktop.util.TaskRunner;

/**
 * The composition root of the window's view models: every one is built here, once, and given what
 * it needs (the window's {@link WorkStatus}, the {@link RunRecorder}, the session's properties);
 * the views only read them. Tests build the same graph without a window.
 */
public final class DesktopViewModels {
    private final WorkStatus work;
    private final RunRecorder recorder;
    private final InstructionEditorViewModel editor;
    private final SessionViewModel session;
    private final Downloads downloads;
    private final MetricsViewModel metrics;
    private final HeatmapViewModel heatmaps;
    private final MapViewModel map;
    private final PerQueryViewModel perQuery;
    private final StsViewModel sts;
    private final ExperimentsViewModel experiments;
    private final WordingSuggestions suggestions;
    private final HistoryViewModel history;
    private final SearchHistoryViewModel searches;
    private final ProductionExportViewModel production;

    private DesktopViewModels(
            WorkbenchContext context,
            TaskRunner runner,
            DialogService dialogs,
            Debouncer debouncer,
            LongSupplier clock) {
        SessionResolver resolver = new SessionResolver(context.workspace(), context.home());
        work = new WorkStatus(runner, dialogs);
        recorder = new RunRecorder(runner, dialogs, WorkbenchHome.history(context.home()));
        editor =
                new InstructionEditorViewModel(
                        context.workspace().instructions(),
                        WorkbenchHome.autosave(context.home()),
                        dialogs,
                        debouncer,
                        clock);
        session =
                new SessionViewModel(
                        context, resolver, editor, work, recorder, dialogs, debouncer, clock);
        downloads =
                new Downloads(
                        session,
                        work,
                        dialogs,
                        resolver.models().modelsDir(),
                        context.workspace().datasets());
        experiments = new ExperimentsViewModel(session, resolver, work, recorder);
        suggestions = new WordingSuggestions(session, resolver, work, recorder, experiments);
        metrics = new MetricsViewModel(session.snapshotProperty());
        heatmaps =
                new HeatmapViewModel(
                        session.snapshotProperty(),
                        SimilarityMap.DEFAULT_MAX_QUERIES,
                        SimilarityMap.DEFAULT_NEGATIVES_PER_QUERY);
        perQuery = new PerQueryViewModel(session.snapshotProperty(), session.cutoffProperty());
        // a click on a heatmap cell also selects its query for the side-by-side view
        heatmaps.selectedQueryProperty().addListener((o, a, b) -> perQuery.select(b));
        map =
                new MapViewModel(
                        session,
                        work,
                        experiments.resultProperty(), // its variants are ends of the arrows
                        EmbeddingMap.DEFAULT_MAX_QUERIES,
                        EmbeddingMap.DEFAULT_MAX_DOCUMENTS);
        // so does a click on a query of the map
        map.selectedQueryProperty()
                .addListener(
                        (o, a, b) -> {
                            if (b != null) {
                                perQuery.select(b);
                            }
                        });
        sts = new StsViewModel(session.stsSnapshotProperty());
        history = new HistoryViewModel(session, recorder, runner.ui());
        searches = new SearchHistoryViewModel(session, recorder, runner.ui());
        production = new ProductionExportViewModel(session, experiments, work, dialogs);
    }

    /** The view models of one window, its work run by {@code runner}. */
    public static DesktopViewModels create(
            WorkbenchContext context,
            TaskRunner runner,
            DialogService dialogs,
            Debouncer debouncer,
            LongSupplier clock) {
        return new DesktopViewModels(context, runner, dialogs, debouncer, clock);
    }

    public WorkStatus work() {
        return work;
    }

    public RunRecorder recorder() {
        return recorder;
    }

    public InstructionEditorViewModel editor() {
        return editor;
    }

    public SessionViewModel session() {
        return session;
    }

    public Downloads downloads() {
        return downloads;
    }

    public MetricsViewModel metrics() {
        return metrics;
    }

    public HeatmapViewModel heatmaps() {
        return heatmaps;
    }

    public MapViewModel map() {
        return map;
    }

    public PerQueryViewModel perQuery() {
        return perQuery;
    }

    public StsViewModel sts() {
        return sts;
    }

    /** The Experiments tab's Suggest wordings. */
    public WordingSuggestions suggestions() {
        return suggestions;
    }

    public ExperimentsViewModel experiments() {
        return experiments;
    }

    public HistoryViewModel history() {
        return history;
    }

    /** The History tab's instruction searches. */
    public SearchHistoryViewModel searches() {
        return searches;
    }

    /** "Use in production…" of the editor and of the leaderboard. */
    public ProductionExportViewModel production() {
        return production;
    }
}
