package org.taew.desktop.session;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ObservableList;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.export.EvaluationReport;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.MetricId;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.instructions.InstructionEditorViewModel;
import org.taew.desktop.util.BackgroundTask;
import org.taew.desktop.util.Debouncer;
import org.taew.desktop.util.DialogService;

/**
 * The workbench session: which dataset, model and device, and the latest evaluation of both modes.
 * What a choice means is core's rule: the view model builds a {@link SessionRequest} and {@link
 * SessionResolver} resolves it as it does for the command line; an {@link EvaluationSession} holds
 * the encoder. Edits in the instruction editor re-evaluate after a pause in typing (see {@link
 * Evaluator}). All state changes happen on the UI thread; its work runs in the window's {@link
 * WorkStatus}.
 */
public final class SessionViewModel implements AutoCloseable {
    /** The cut-offs offered for the measures. */
    public static final List<Integer> CUTOFFS = SessionDefaults.CUTOFFS;

    /** The open session and what was asked to open it. */
    public record Open(EvaluationSession session, SessionRequest request) {}

    private final WorkbenchContext context;
    private final SessionResolver resolver;
    private final WorkStatus work;
    private final DialogService dialogs;
    private final InstructionEditorViewModel editor;
    private final Evaluator evaluator;

    private final Choices choices;
    private final IntegerProperty cutoff = new SimpleIntegerProperty(SessionDefaults.CUTOFF);
    private final BooleanProperty ignoreIdenticalIds = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper sts = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dimensionCaution = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper draft = new ReadOnlyStringWrapper("");
    private final IdenticalIdsNote identicalIdsNote = new IdenticalIdsNote();
    private final ReadOnlyObjectWrapper<SessionSetup> setup = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Open> open = new ReadOnlyObjectWrapper<>();

    public SessionViewModel(
            WorkbenchContext context,
            SessionResolver resolver,
            InstructionEditorViewModel editor,
            WorkStatus work,
            RunRecorder recorder,
            DialogService dialogs,
            Debouncer debouncer,
            LongSupplier clock) {
        this.context = context;
        this.resolver = resolver;
        this.choices = new Choices(resolver);
        this.work = work;
        this.dialogs = dialogs;
        this.editor = editor;
        this.evaluator = new Evaluator(editor, this::settings, work, recorder, debouncer, clock);
        work.onCancel(evaluator::dropPending);
        cutoff.addListener((o, a, b) -> requestEvaluation());
        ignoreIdenticalIds.addListener(
                (o, a, b) -> {
                    identicalIdsNote.show(b);
                    requestEvaluation();
                });
        choices.dataset.addListener(
                (o, a, b) -> {
                    choices.splitsOf(b);
                    open();
                });
        choices.split.addListener(
                (o, a, b) -> {
                    if (b != null) {
                        open();
                    }
                });
        choices.model.addListener(
                (o, a, b) -> {
                    choices.allDimensions();
                    open();
                });
        choices.dimension.addListener(
                (o, a, b) -> {
                    if (!choices.updating() && b != null && !b.equals(a)) {
                        open();
                    }
                });
        choices.device.addListener(
                (o, a, b) -> {
                    if (b != null && a != null && b != a) {
                        open();
                    }
                });
    }

    // ---- state ----

    public InstructionEditorViewModel editor() {
        return editor;
    }

    public ObservableList<DatasetCatalog.Entry> datasets() {
        return choices.datasets;
    }

    public ObjectProperty<DatasetCatalog.Entry> selectedDatasetProperty() {
        return choices.dataset;
    }

    public ObservableList<ModelChoice> models() {
        return choices.models;
    }

    public ObjectProperty<ModelChoice> selectedModelProperty() {
        return choices.model;
    }

    /** The splits of the chosen dataset (a list to choose from when there are several). */
    public ObservableList<String> splits() {
        return choices.splits;
    }

    public ObjectProperty<String> selectedSplitProperty() {
        return choices.split;
    }

    public ObservableList<DeviceChoice> devices() {
        return choices.devices;
    }

    public ObjectProperty<DeviceChoice> selectedDeviceProperty() {
        return choices.device;
    }

    /** Matryoshka dimensions to choose from once a model is open: 0 (all), then smaller ones. */
    public ObservableList<Integer> dimensions() {
        return choices.dimensions;
    }

    public ObjectProperty<Integer> selectedDimensionProperty() {
        return choices.dimension;
    }

    /**
     * Why the chosen dimensions may lose much (the model card does not claim Matryoshka training),
     * or empty.
     */
    public ReadOnlyStringProperty dimensionCautionProperty() {
        return dimensionCaution.getReadOnlyProperty();
    }

    /**
     * Why the open session's results are drafts (int8, q4 weights), or empty: results made with
     * them are marked until confirmed in fp32.
     */
    public ReadOnlyStringProperty draftProperty() {
        return draft.getReadOnlyProperty();
    }

    /**
     * Confirms a draft: the same dataset and model on the CPU with fp32 weights, evaluated again.
     */
    public void confirmInFp32() {
        if (choices.device.get() != null && choices.device.get().precision().draft()) {
            choices.device.set(DeviceChoice.CPU);
        }
    }

    public IntegerProperty cutoffProperty() {
        return cutoff;
    }

    public BooleanProperty ignoreIdenticalIdsProperty() {
        return ignoreIdenticalIds;
    }

    /** Whether and why identical ids are ignored (core's rule: ids and texts, dataset.yaml). */
    public ReadOnlyStringProperty identicalIdsNoteProperty() {
        return identicalIdsNote.noteProperty();
    }

    /** Empty, or the queries whose judged-relevant document ignoring identical ids removes. */
    public ReadOnlyStringProperty identicalIdsWarningProperty() {
        return identicalIdsNote.warningProperty();
    }

    /** Which engines and device do the work, e.g. "OnnxRuntime on CPU · similarity search ...". */
    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    /** How the last update went, e.g. "Updated 0.62 s after the edit · encoded ...". */
    public ReadOnlyStringProperty lastUpdateProperty() {
        return evaluator.lastUpdateProperty();
    }

    public ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshotProperty() {
        return evaluator.snapshotProperty();
    }

    /** Whether the open dataset is sentence pairs (STS) rather than a retrieval dataset. */
    public ReadOnlyBooleanProperty stsProperty() {
        return sts.getReadOnlyProperty();
    }

    /** The latest evaluation of sentence pairs. */
    public ReadOnlyObjectProperty<StsSnapshot> stsSnapshotProperty() {
        return evaluator.stsProperty();
    }

    public WorkbenchContext context() {
        return context;
    }

    /** The open dataset and model (null before one is open). */
    public ReadOnlyObjectProperty<SessionSetup> setupProperty() {
        return setup.getReadOnlyProperty();
    }

    /** The open session and its request (null before one is open), for work on it. */
    public ReadOnlyObjectProperty<Open> openProperty() {
        return open.getReadOnlyProperty();
    }

    // ---- actions ----

    /**
     * Lists datasets and models and opens the given ones: names or folders, resolved as the command
     * line resolves them (null: the defaults). A name that cannot be resolved is reported and the
     * default opened instead.
     */
    public void start(String datasetNameOrPath, String modelNameOrPath) {
        choices.start(datasetNameOrPath, modelNameOrPath, dialogs);
        if (choices.datasets.isEmpty()) {
            work.say("No dataset in " + context.workspace().datasets() + "; open a folder");
        }
        open();
    }

    /** Adds a dataset chosen by the user (a BEIR folder or an STS pair file) and selects it. */
    public void openDataset(Path path) {
        choices.addDataset(path, dialogs);
    }

    /** Adds a model folder chosen by the user and selects it. */
    public void openModelFolder(Path dir) {
        openModel(new ModelChoice(dir.getFileName() + " (folder)", dir.toString()));
    }

    /** Lists a model (a folder, a fetched Hub model) and selects it. */
    public void openModel(ModelChoice choice) {
        choices.addModel(choice);
    }

    /** The current evaluation with what its reports say (results files, the HTML report). */
    public EvaluationReport report() throws WorkbenchException {
        Open o = open.get();
        EvaluationSession session = o == null ? null : o.session();
        if (session != null && session.setup().isSts() && evaluator.stsProperty().get() != null) {
            return session.report(evaluator.stsProperty().get().result(), editor.templateSource());
        }
        LiveEvaluation.Snapshot s = evaluator.snapshotProperty().get();
        if (s == null || session == null || session.setup().isSts()) {
            throw WorkbenchException.badInput("Nothing to export yet: no evaluation has finished");
        }
        return session.report(s.result(), editor.templateSource());
    }

    @Override
    public void close() {
        work.cancel();
        editor.autosaveNow();
        // after the cancelled work has stopped: it may still be inside the encoder
        Open o = open.get();
        open.set(null);
        evaluator.target(null);
        work.afterAll(
                p -> {
                    if (o != null) {
                        o.session().close();
                    }
                    return null;
                });
    }

    // ---- opening ----

    private void open() {
        DatasetCatalog.Entry ds = choices.dataset.get();
        ModelChoice mc = choices.model.get();
        if (choices.updating() || ds == null || mc == null) {
            return;
        }
        if (choices.waitsForSplit()) {
            work.say(
                    ds.name()
                            + " has the splits "
                            + String.join(", ", choices.splits)
                            + " and none is called test: choose one");
            return;
        }
        work.cancel();
        Choices.Weights weights = choices.weightsFor(mc, dialogs);
        SessionRequest asked = choices.request(weights.device());
        EvaluationSession old = open.get() == null ? null : open.get().session();
        record Opened(EvaluationSession session, int gpus) {}
        work.begin(SessionState.OPENING, "Opening " + ds.name() + " with " + mc.label());
        work.run(
                BackgroundTask.of(
                                p -> {
                                    p.reset("Reading " + ds.name() + ", loading " + mc.label(), 1);
                                    SessionSetup resolved = resolver.resolve(asked);
                                    EvaluationSession next =
                                            old == null
                                                    ? EvaluationSession.open(resolved, true)
                                                    : old.retarget(resolved, true);
                                    return new Opened(next, Engines.gpuCount());
                                })
                        .showingProgressIn(work.progress())
                        .onSuccess(o -> opened(new Open(o.session(), asked), o.gpus(), weights))
                        .onFailure(
                                e -> {
                                    if (old != null && old.encoder() == null) {
                                        // the old session went with the failed open
                                        open.set(null);
                                        evaluator.target(null);
                                    }
                                    work.fail(
                                            "Cannot open " + ds.name() + " with " + mc.label(), e);
                                }));
    }

    private void opened(Open o, int gpus, Choices.Weights weights) {
        EvaluationSession s = o.session();
        open.set(o);
        SessionSetup setup = s.setup();
        this.setup.set(setup);
        work.idle();
        choices.devices(gpus, weights.has(), weights.device());
        choices.dimensions(setup, s.encoder());
        engine.set(
                s.encoder().engine()
                        + " · similarity search on "
                        + Engines.describe(Engines.SEARCH_ENGINE));
        evaluator.target(s);
        sts.set(setup.isSts());
        if (!setup.isSts()) {
            ignoreIdenticalIds.set(identicalIdsNote.opened(setup.identicalIds()));
        }
        String cut = s.dimensionCaution();
        dimensionCaution.set(cut == null ? "" : cut);
        String note = s.draftNote();
        draft.set(note == null ? "" : note);
        work.say(setup.describe());
        editor.load(setup.instructionSet(), setup.templateSource(), setup.task());
        requestEvaluation();
    }

    // ---- evaluating ----

    /** Evaluates both modes with the editor's instructions, now or after the running work. */
    public void requestEvaluation() {
        evaluator.request();
    }

    /** After other work on the session (an experiment): the evaluation that waited for it runs. */
    public void resumeEvaluations() {
        evaluator.resume();
    }

    /** The measures and comparison the cut-off and the identical-ids choice ask for. */
    public RetrievalEvaluation.Settings settings() {
        int k = cutoff.get();
        return new RetrievalEvaluation.Settings(
                MetricId.atCutoff(k),
                SessionDefaults.mainMetric(k),
                SessionDefaults.DEPTH,
                ignoreIdenticalIds.get(),
                ModeComparison.Settings.DEFAULT);
    }
}
