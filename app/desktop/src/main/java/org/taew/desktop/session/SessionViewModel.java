package org.taew.desktop.session;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ObservableList;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.encoding.Dimensions;
import org.taew.core.logic.encoding.FetchedModels;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentRunner;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.logic.hub.BeirFetcher;
import org.taew.core.logic.hub.HubClient;
import org.taew.core.logic.hub.HubDatasetFetcher;
import org.taew.core.logic.hub.ModelFetcher;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.MetricId;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.desktop.instructions.InstructionEditorViewModel;
import org.taew.desktop.util.Debouncer;
import org.taew.desktop.util.DialogService;
import org.taew.desktop.util.ErrorMessages;
import org.taew.desktop.util.TaskRunner;
import org.taew.desktop.util.UiProgress;

/**
 * The workbench session: which dataset, model and device, and the latest evaluation of both modes.
 * What a choice means is core's rule: the view model builds a {@link SessionRequest} and {@link
 * SessionResolver} resolves it as it does for the command line; an {@link EvaluationSession} holds
 * the encoder. Edits in the instruction editor re-evaluate after a pause in typing (see {@link
 * Evaluator}). All state changes happen on the UI thread; core work goes through the {@link
 * TaskRunner}.
 */
public final class SessionViewModel implements AutoCloseable {
    /** The cut-offs offered for the measures. */
    public static final List<Integer> CUTOFFS = SessionDefaults.CUTOFFS;

    /** A model the user can pick: a bundled model by name, or a folder. */
    public record ModelChoice(String label, String nameOrPath) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final WorkbenchContext context;
    private final SessionResolver resolver;
    private final Background background;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final InstructionEditorViewModel editor;
    private final UiProgress progress;
    private final Evaluator evaluator;

    private final Choices choices;
    private final IntegerProperty cutoff = new SimpleIntegerProperty(SessionDefaults.CUTOFF);
    private final BooleanProperty ignoreIdenticalIds = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<SessionState> state =
            new ReadOnlyObjectWrapper<>(SessionState.IDLE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper sts = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Starting");
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dimensionCaution = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper draft = new ReadOnlyStringWrapper("");
    private final IdenticalIdsNote identicalIdsNote = new IdenticalIdsNote();
    private final ReadOnlyObjectWrapper<ModelSpec> model = new ReadOnlyObjectWrapper<>();

    private final ReadOnlyObjectWrapper<SessionSetup> setup = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper historyProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper recorded = new ReadOnlyLongWrapper();
    private EvaluationSession session;
    private SessionRequest request;

    public SessionViewModel(
            WorkbenchContext context,
            TaskRunner runner,
            DialogService dialogs,
            Debouncer debouncer,
            LongSupplier clock) {
        this.context = context;
        this.resolver = new SessionResolver(context.workspace(), context.home());
        this.choices = new Choices(resolver);
        this.background = new Background(runner);
        this.runner = runner;
        this.dialogs = dialogs;
        this.progress = new UiProgress(runner.ui());
        this.editor =
                new InstructionEditorViewModel(
                        context.workspace().instructions(),
                        WorkbenchHome.autosave(context.home()),
                        dialogs,
                        debouncer,
                        clock);
        this.evaluator = new Evaluator(this, editor, debouncer, clock);
        busy.bind(Bindings.createBooleanBinding(() -> state.get().busy(), state));
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

    public UiProgress progress() {
        return progress;
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
     * Why the open session's results are drafts (int8 weights), or empty: results made with them
     * are marked until confirmed in fp32.
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

    public ReadOnlyObjectProperty<SessionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether and why identical ids are ignored (core's rule: ids and texts, dataset.yaml). */
    public ReadOnlyStringProperty identicalIdsNoteProperty() {
        return identicalIdsNote.noteProperty();
    }

    /** Empty, or the queries whose judged-relevant document ignoring identical ids removes. */
    public ReadOnlyStringProperty identicalIdsWarningProperty() {
        return identicalIdsNote.warningProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
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

    /** The run history every evaluation is recorded in. */
    public Path historyFile() {
        return WorkbenchHome.history(context.home());
    }

    /** Counts finished evaluations and experiments: what they recorded is in the history now. */
    public ReadOnlyLongProperty recordedProperty() {
        return recorded.getReadOnlyProperty();
    }

    /** Where the run history is read and written: in order, beside the worker. */
    public Executor io() {
        return runner.io();
    }

    /** Why evaluations are not recorded in the history, or empty while they are. */
    public ReadOnlyStringProperty historyProblemProperty() {
        return historyProblem.getReadOnlyProperty();
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
            status.set("No dataset in " + context.workspace().datasets() + "; open a folder");
        }
        open();
    }

    /** Adds a dataset chosen by the user (a BEIR folder or an STS pair file) and selects it. */
    public void openDataset(Path path) {
        choices.addDataset(path, dialogs);
    }

    /** Adds a model folder chosen by the user and selects it. */
    public void openModelFolder(Path dir) {
        choices.addModel(new ModelChoice(dir.getFileName() + " (folder)", dir.toString()));
    }

    /**
     * Fetches a model from the Hugging Face Hub ({@code ORG/NAME[@REVISION]}, {@code HF_TOKEN} and
     * {@code HF_ENDPOINT} honoured) in the background, then opens it.
     */
    public void downloadModel(String name) {
        downloadModel(name, HubClient.fromEnvironment(System.getenv()));
    }

    /** {@link #downloadModel(String)} from the Hub {@code hub} talks to. */
    public void downloadModel(String name, HubClient hub) {
        FetchedModels.Spec spec;
        try {
            spec = FetchedModels.Spec.parse(name);
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot download the model", e.getMessage(), null);
            return;
        }
        cancel();
        state.set(SessionState.OPENING);
        status.set("Downloading " + spec.repo() + " from " + hub.endpoint());
        Path models = resolver.models().modelsDir();
        track(
                p -> ModelFetcher.fetch(hub, models, spec, Precision.FP32, p),
                progress,
                f -> {
                    state.set(SessionState.IDLE);
                    String exact = spec.repo() + "@" + FetchedModels.shortCommit(f.info().commit());
                    choices.addModel(new ModelChoice(exact + " (Hub)", exact));
                },
                e -> fail("Cannot download " + spec.repo(), e));
    }

    /**
     * Fetches a BEIR collection by name from the BEIR benchmark's site, or with a slash ({@code
     * ORG/NAME[@REVISION]}) a dataset repository of the Hugging Face Hub (BEIR jsonl, MTEB's
     * parquet or STS layout; {@code HF_TOKEN} and {@code HF_ENDPOINT} honoured), then opens it.
     */
    public void downloadDataset(String name) {
        if (HubDatasetFetcher.isHubName(name)) {
            downloadHubDataset(name, HubClient.fromEnvironment(System.getenv()));
            return;
        }
        downloadDataset(
                name,
                new HubClient(BeirFetcher.DEFAULT_ENDPOINT, null),
                BeirFetcher.DEFAULT_ENDPOINT);
    }

    /**
     * {@link #downloadDataset(String)} for a Hub repository, from the Hub {@code hub} talks to: a
     * retrieval set opens as a dataset, an STS set as its test pairs (else its first split).
     */
    public void downloadHubDataset(String name, HubClient hub) {
        cancel();
        state.set(SessionState.OPENING);
        status.set("Downloading " + name + " from " + hub.endpoint());
        Path datasets = context.workspace().datasets();
        track(
                p -> HubDatasetFetcher.fetch(hub, datasets, name, p),
                progress,
                f -> {
                    state.set(SessionState.IDLE);
                    openDataset(f.opens());
                },
                e -> fail("Cannot download " + name, e));
    }

    /** {@link #downloadDataset(String)} from {@code endpoint}. */
    public void downloadDataset(String name, HubClient http, String endpoint) {
        cancel();
        state.set(SessionState.OPENING);
        status.set("Downloading " + name + " from " + endpoint);
        Path datasets = context.workspace().datasets();
        track(
                p -> BeirFetcher.fetch(http, endpoint, datasets, name, p),
                progress,
                f -> {
                    state.set(SessionState.IDLE);
                    openDataset(f.dir());
                },
                e -> fail("Cannot download " + name, e));
    }

    /** Stops the running work. */
    public void cancel() {
        evaluator.dropPending();
        if (background.isRunning()) {
            // before cancelling: the runner may report the cancellation at once
            state.set(SessionState.CANCELLING);
            background.cancel();
        }
    }

    /** Writes the CLI's result files for the current evaluation into {@code dir}. */
    public List<Path> export(Path dir) throws WorkbenchException {
        if (session != null && session.setup().isSts() && evaluator.stsProperty().get() != null) {
            return session.write(
                    dir, evaluator.stsProperty().get().result(), editor.templateSource());
        }
        LiveEvaluation.Snapshot s = evaluator.snapshotProperty().get();
        if (s == null || session == null || session.setup().isSts()) {
            throw WorkbenchException.badInput("Nothing to export yet: no evaluation has finished");
        }
        return session.write(dir, s.result(), editor.templateSource());
    }

    @Override
    public void close() {
        cancel();
        editor.autosaveNow();
        // after the cancelled work has stopped: it may still be inside the encoder
        EvaluationSession s = session;
        session = null;
        evaluator.target(null);
        background.afterAll(
                p -> {
                    if (s != null) {
                        s.close();
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
            status.set(
                    ds.name()
                            + " has the splits "
                            + String.join(", ", choices.splits)
                            + " and none is called test: choose one");
            return;
        }
        cancel();
        DeviceChoice chosen =
                choices.device.get() == null ? DeviceChoice.CPU : choices.device.get();
        // the weights the model has decide before anything is loaded: a draft device on a model
        // without int8 weights opens fp32, a folder with only int8 weights opens as a draft
        List<Precision> has = resolver.models().precisions(mc.nameOrPath());
        boolean int8 = has.contains(Precision.INT8);
        DeviceChoice device = chosen;
        if (chosen.precision().draft() && !int8) {
            device = DeviceChoice.CPU;
        } else if (chosen == DeviceChoice.CPU && int8 && !has.contains(Precision.FP32)) {
            device = DeviceChoice.CPU_INT8;
        }
        if (device != chosen) {
            choices.devices(choices.devices.contains(DeviceChoice.GPU) ? 1 : 0, int8, device);
            dialogs.showInformation(
                    "Precision",
                    device == DeviceChoice.CPU
                            ? mc.label() + " has no int8 weights: it opens with its fp32 weights."
                            : mc.label()
                                    + " has only int8 weights: it opens as an int8 draft (its"
                                    + " numbers are marked as drafts).");
        }
        DeviceChoice opening = device;
        SessionRequest asked = choices.request(device);
        EvaluationSession old = session;
        record Opened(EvaluationSession session, int gpus) {}
        state.set(SessionState.OPENING);
        status.set("Opening " + ds.name() + " with " + mc.label());
        track(
                p -> {
                    p.reset("Reading " + ds.name() + ", loading " + mc.label(), 1);
                    SessionSetup resolved = resolver.resolve(asked);
                    EvaluationSession next =
                            old == null
                                    ? EvaluationSession.open(resolved, true)
                                    : old.retarget(resolved, true);
                    return new Opened(next, Engines.gpuCount());
                },
                progress,
                o -> {
                    request = asked;
                    opened(o.session(), o.gpus(), int8, opening);
                },
                e -> {
                    if (old != null && old.encoder() == null) {
                        // the old session went with the failed open
                        session = null;
                        model.set(null);
                        evaluator.target(null);
                    }
                    fail("Cannot open " + ds.name() + " with " + mc.label(), e);
                });
    }

    private void opened(EvaluationSession s, int gpus, boolean int8, DeviceChoice device) {
        session = s;
        SessionSetup setup = s.setup();
        this.setup.set(setup);
        state.set(SessionState.IDLE);
        model.set(setup.model());
        choices.devices(gpus, int8, device);
        choices.dimensions(Dimensions.full(s.encoder()), setup.dimension());
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
        status.set(setup.describe());
        editor.load(setup.instructionSet(), setup.templateSource(), setup.task());
        requestEvaluation();
    }

    // ---- evaluating ----

    /** Evaluates both modes with the editor's instructions, now or after the running work. */
    public void requestEvaluation() {
        evaluator.request();
    }

    RetrievalEvaluation.Settings settings() {
        int k = cutoff.get();
        return new RetrievalEvaluation.Settings(
                MetricId.atCutoff(k),
                SessionDefaults.mainMetric(k),
                SessionDefaults.DEPTH,
                ignoreIdenticalIds.get(),
                ModeComparison.Settings.DEFAULT);
    }

    boolean isRunning() {
        return background.isRunning();
    }

    void evaluating(String task) {
        state.set(SessionState.EVALUATING);
        status.set("Evaluating " + (task == null ? "" : task));
    }

    void evaluated() {
        state.set(SessionState.IDLE);
        progress.idle("");
        status.set("Ready");
    }

    /**
     * Records a shown evaluation in the run history, off the worker (an edit's next evaluation does
     * not wait for it); the History tab refreshes after.
     */
    void record(EvaluationSession s, RetrievalEvaluation.Result result) {
        runner.io()
                .execute(
                        () -> {
                            s.record(result);
                            runner.ui().execute(() -> recorded(s));
                        });
    }

    /** What {@code s} recorded is in the history: say so, or once why it could not be. */
    private void recorded(EvaluationSession s) {
        noteHistoryProblem(s);
        recorded.set(recorded.get() + 1);
    }

    /** Says once, in a dialog, why the history records nothing; the status bar keeps saying it. */
    private void noteHistoryProblem(EvaluationSession s) {
        String problem = s.recordingProblem();
        if (problem != null && !problem.equals(historyProblem.get())) {
            historyProblem.set(problem);
            dialogs.showError(
                    "The run history cannot be written",
                    problem
                            + ". Evaluations go on; the History tab shows what was recorded before.",
                    null);
        }
    }

    // ---- experiments ----

    /**
     * Runs an experiment's variants on the open dataset and model, beside general mode and the
     * card's default, as one piece of background work: the status bar shows its progress and Cancel
     * stops it (the variants that finished are in the history). Edits made meanwhile are evaluated
     * after it.
     *
     * @param done receives the result on the UI thread
     */
    public void runExperiment(ExperimentSpec spec, Consumer<ExperimentResult> done) {
        EvaluationSession s = session;
        SessionRequest r = request;
        if (s == null || s.setup().isSts()) {
            status.set("Open a retrieval dataset to run an experiment");
            return;
        }
        if (background.isRunning()) {
            status.set("Busy: wait for the running work, or cancel it, then run the experiment");
            return;
        }
        state.set(SessionState.EVALUATING);
        status.set(
                "Running experiment "
                        + spec.name()
                        + ": "
                        + spec.variants().size()
                        + " variants, general mode and the card's default");
        track(
                p ->
                        ExperimentRunner.runOn(
                                spec, s, resolver, r, ModeComparison.Settings.DEFAULT, p),
                progress,
                result -> {
                    evaluated();
                    recorded(s);
                    status.set("Experiment " + spec.name() + " done");
                    done.accept(result);
                    evaluator.resume();
                },
                e -> {
                    fail("The experiment failed", e);
                    evaluator.resume();
                });
    }

    <T> void track(
            TaskRunner.Work<T> work,
            ProgressListener listener,
            Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        background.submit(work, listener, onSuccess, onFailure);
    }

    void fail(String title, Throwable e) {
        if (ErrorMessages.isCancellation(e)) {
            if (!background.isRunning()) { // else other work started since (an open): it goes on
                state.set(SessionState.IDLE);
                progress.idle("Cancelled");
                status.set("Cancelled");
            }
            return;
        }
        state.set(SessionState.FAILED);
        progress.idle("");
        status.set(title);
        dialogs.showError(title, ErrorMessages.message(e), e);
    }
}
