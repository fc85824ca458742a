package org.taew.desktop.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.datasets.IdenticalIds;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Side;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.WorkbenchContext;
import org.taew.desktop.instructions.InstructionEditorViewModel;
import org.taew.desktop.util.Debouncer;
import org.taew.desktop.util.DialogService;
import org.taew.desktop.util.ErrorMessages;
import org.taew.desktop.util.TaskRunner;
import org.taew.desktop.util.UiProgress;

/**
 * The workbench session: which dataset, model, task and device, the open encoder, and the latest
 * evaluation of both modes. Edits in the instruction editor re-evaluate after a pause in typing;
 * only the side whose template changed is encoded again (see {@link LiveEvaluation}). All state
 * changes happen on the UI thread; core work goes through the {@link TaskRunner}.
 */
public final class SessionViewModel implements AutoCloseable {
    /** The cut-offs offered for the measures. */
    public static final List<Integer> CUTOFFS = List.of(1, 3, 5, 10, 20, 50, 100);

    /** Ranking depth kept for every query (the largest cut-off). */
    static final int DEPTH = 100;

    /** A model the user can pick: a bundled model by name, or a folder. */
    public record ModelChoice(String label, String nameOrPath) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final WorkbenchContext context;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Debouncer debouncer;
    private final LongSupplier clock;
    private final InstructionEditorViewModel editor;
    private final UiProgress progress;

    private final ObservableList<DatasetCatalog.Entry> datasets =
            FXCollections.observableArrayList();
    private final ObjectProperty<DatasetCatalog.Entry> selectedDataset =
            new SimpleObjectProperty<>();
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelChoice> selectedModel = new SimpleObjectProperty<>();
    private final ObservableList<String> devices = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedDevice = new SimpleObjectProperty<>();
    static final String CPU = "CPU";
    static final String GPU = "GPU (CUDA)";
    static final String GPU_HALF = "GPU (CUDA, float16)";
    private String openedDevice;
    private final IntegerProperty cutoff = new SimpleIntegerProperty(10);
    private final BooleanProperty ignoreIdenticalIds = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Starting");
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastUpdate = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper identicalIdsNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper identicalIdsWarning = new ReadOnlyStringWrapper("");
    private IdenticalIds.Decision openedIdenticalIds;
    private final ReadOnlyObjectWrapper<LiveEvaluation.Snapshot> snapshot =
            new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ModelSpec> model = new ReadOnlyObjectWrapper<>();

    private Encoder encoder;
    private EmbeddingService embedder;
    private LiveEvaluation live;
    private TaskRunner.Handle running;
    private Object runningToken;
    private boolean rerun;
    private boolean opening;
    private long pendingEditAt;

    /** What the running or last finished evaluation was asked for, to skip repeats. */
    private List<Object> lastRequest;

    private final TokenPreview preview = new TokenPreview();

    public SessionViewModel(
            WorkbenchContext context,
            TaskRunner runner,
            DialogService dialogs,
            Debouncer debouncer,
            LongSupplier clock) {
        this.context = context;
        this.runner = runner;
        this.dialogs = dialogs;
        this.debouncer = debouncer;
        this.clock = clock;
        this.progress = new UiProgress(runner.ui());
        this.editor =
                new InstructionEditorViewModel(
                        context.workspace().instructions(),
                        context.home().resolve("autosave"),
                        dialogs,
                        debouncer,
                        clock);
        editor.compiledProperty().addListener((o, a, b) -> onInstructionsChanged());
        editor.selectedTaskProperty().addListener((o, a, b) -> onInstructionsChanged());
        cutoff.addListener((o, a, b) -> requestEvaluation());
        ignoreIdenticalIds.addListener(
                (o, a, b) -> {
                    describeIdenticalIds(b);
                    requestEvaluation();
                });
        selectedDataset.addListener((o, a, b) -> open());
        selectedModel.addListener((o, a, b) -> open());
        selectedDevice.addListener(
                (o, a, b) -> {
                    if (b != null && a != null && !b.equals(a)) {
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
        return datasets;
    }

    public ObjectProperty<DatasetCatalog.Entry> selectedDatasetProperty() {
        return selectedDataset;
    }

    public ObservableList<ModelChoice> models() {
        return models;
    }

    public ObjectProperty<ModelChoice> selectedModelProperty() {
        return selectedModel;
    }

    public ObservableList<String> devices() {
        return devices;
    }

    public ObjectProperty<String> selectedDeviceProperty() {
        return selectedDevice;
    }

    public IntegerProperty cutoffProperty() {
        return cutoff;
    }

    public BooleanProperty ignoreIdenticalIdsProperty() {
        return ignoreIdenticalIds;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether and why identical ids are ignored (core's rule: ids and texts, dataset.yaml). */
    public ReadOnlyStringProperty identicalIdsNoteProperty() {
        return identicalIdsNote.getReadOnlyProperty();
    }

    /** Empty, or the queries whose judged-relevant document ignoring identical ids removes. */
    public ReadOnlyStringProperty identicalIdsWarningProperty() {
        return identicalIdsWarning.getReadOnlyProperty();
    }

    private void describeIdenticalIds(boolean ignore) {
        IdenticalIds.Decision d = openedIdenticalIds;
        if (d == null) {
            return;
        }
        if (ignore != d.ignore()) {
            d =
                    new IdenticalIds.Decision(
                            ignore,
                            IdenticalIds.Basis.CHOSEN,
                            d.evidence(),
                            d.relevantToThemselves());
        }
        identicalIdsNote.set(d.describe());
        identicalIdsWarning.set(d.warning() == null ? "" : d.warning());
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Which engines and device do the work, e.g. "CPU · OnnxRuntime 1.21.1 · search PyTorch". */
    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    /** How the last update went, e.g. "updated 0.62 s after the edit; queries re-encoded". */
    public ReadOnlyStringProperty lastUpdateProperty() {
        return lastUpdate.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public WorkbenchContext context() {
        return context;
    }

    // ---- actions ----

    /** Lists datasets, models and devices and opens the defaults (or the given names). */
    public void start(String datasetName, String modelName) {
        try {
            DatasetCatalog catalog = new DatasetCatalog(context.workspace().datasets());
            for (DatasetCatalog.Entry e : catalog.list()) {
                if (e.kind() == DatasetCatalog.Kind.RETRIEVAL) {
                    datasets.add(e);
                }
            }
            ModelCatalog mc = new ModelCatalog(context.home().resolve("models"));
            for (ModelCatalog.BundledModel b : mc.bundled()) {
                if (b.available()) {
                    models.add(new ModelChoice(b.name(), b.name()));
                }
            }
            for (Path p : mc.localFolders()) {
                String n = p.getFileName().toString();
                if (models.stream().noneMatch(m -> m.nameOrPath().equals(n))) {
                    models.add(new ModelChoice(n + " (folder)", p.toString()));
                }
            }
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot list datasets and models", e.getMessage(), e);
        }
        // GPUs are listed once the engine is loaded (in the background, with the model)
        devices.setAll(CPU);
        selectedDevice.set(CPU);
        opening = true;
        try {
            selectedDataset.set(
                    datasets.stream()
                            .filter(d -> d.name().equals(datasetName))
                            .findFirst()
                            .orElse(datasets.isEmpty() ? null : datasets.get(0)));
            selectedModel.set(
                    models.stream()
                            .filter(m -> m.nameOrPath().equals(modelName))
                            .findFirst()
                            .orElse(models.isEmpty() ? null : models.get(0)));
        } finally {
            opening = false;
        }
        if (datasets.isEmpty()) {
            status.set("No dataset in " + context.workspace().datasets() + "; open a folder");
        }
        open();
    }

    /** Adds a dataset folder chosen by the user and selects it. */
    public void openDatasetFolder(Path dir) {
        try {
            DatasetCatalog.Entry e =
                    new DatasetCatalog(context.workspace().datasets()).resolve(dir.toString());
            if (e.kind() != DatasetCatalog.Kind.RETRIEVAL) {
                throw WorkbenchException.badInput(dir + " is not a retrieval dataset");
            }
            datasets.removeIf(d -> d.path().equals(e.path()));
            datasets.add(e);
            selectedDataset.set(e);
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot open the dataset", e.getMessage(), null);
        }
    }

    /** Adds a model folder chosen by the user and selects it. */
    public void openModelFolder(Path dir) {
        ModelChoice c = new ModelChoice(dir.getFileName() + " (folder)", dir.toString());
        models.removeIf(m -> m.nameOrPath().equals(c.nameOrPath()));
        models.add(c);
        selectedModel.set(c);
    }

    /** Stops the running work. */
    public void cancel() {
        rerun = false;
        if (running != null) {
            running.cancel();
        }
    }

    /** Writes the CLI's result files for the current evaluation into {@code dir}. */
    public List<Path> export(Path dir) throws WorkbenchException {
        LiveEvaluation.Snapshot s = snapshot.get();
        if (s == null) {
            throw WorkbenchException.badInput("Nothing to export yet: no evaluation has finished");
        }
        Path source =
                editor.selectedSetProperty().get() == null
                        ? null
                        : editor.selectedSetProperty().get().source();
        return ResultsWriter.writeRetrieval(
                dir, s.result(), model.get(), encoder == null ? "" : encoder.engine(), source);
    }

    @Override
    public void close() {
        cancel();
        editor.autosaveNow();
        // after the cancelled work has stopped: it may still be inside the encoder
        EmbeddingService e = embedder;
        Encoder enc = encoder;
        embedder = null;
        encoder = null;
        live = null;
        runner.submit(
                p -> {
                    closeEncoder(e, enc);
                    return null;
                },
                org.taew.core.util.ProgressListener.NONE,
                v -> {},
                x -> {});
    }

    // ---- opening ----

    private void open() {
        if (opening) {
            return;
        }
        DatasetCatalog.Entry ds = selectedDataset.get();
        ModelChoice mc = selectedModel.get();
        if (ds == null || mc == null) {
            return;
        }
        cancel();
        Path modelsDir = context.home().resolve("models");
        Path cacheDir = context.home().resolve("embeddings");
        ModelSpec current = model.get();
        String device = selectedDevice.get() == null ? CPU : selectedDevice.get();
        ComputeChoice choice = computeChoice(device);
        String currentDevice = openedDevice;
        Encoder oldEncoder = encoder;
        EmbeddingService oldEmbedder = embedder;
        record Opened(
                RetrievalDataset data,
                DatasetSettings settings,
                IdenticalIds.Decision identicalIds,
                ModelSpec spec,
                Encoder encoder,
                EmbeddingService embedder,
                int gpus) {}
        busy.set(true);
        status.set("Opening " + ds.name() + " with " + mc.label());
        track(
                p -> {
                    p.reset("Reading " + ds.name(), 1);
                    RetrievalDataset data = BeirReader.read(ds.path(), null);
                    DatasetSettings settings = DatasetSettings.of(ds.path());
                    IdenticalIds.Decision identical = IdenticalIds.decide(null, settings, data);
                    p.reset("Loading " + mc.label(), 1);
                    ModelSpec spec = new ModelCatalog(modelsDir).resolve(mc.nameOrPath());
                    int gpus = Engines.gpuCount();
                    if (current != null
                            && current.identity().equals(spec.identity())
                            && device.equals(currentDevice)) {
                        return new Opened(
                                data, settings, identical, current, oldEncoder, oldEmbedder, gpus);
                    }
                    closeEncoder(oldEmbedder, oldEncoder);
                    Encoder enc =
                            Engines.openEncoder(
                                    spec, EncoderOptions.DEFAULT.inBackground(), choice);
                    return new Opened(
                            data,
                            settings,
                            identical,
                            spec,
                            enc,
                            new EmbeddingService(enc, cacheDir),
                            gpus);
                },
                progress,
                o -> {
                    busy.set(false);
                    encoder = o.encoder();
                    embedder = o.embedder();
                    model.set(o.spec());
                    openedDevice = device;
                    listDevices(o.gpus(), device);
                    engine.set(
                            o.encoder().engine()
                                    + " · similarity search on "
                                    + Engines.describe(Engines.SEARCH_ENGINE));
                    live = new LiveEvaluation(o.data(), "", o.embedder(), Engines.vectorSearch());
                    preview.clear();
                    openedIdenticalIds = o.identicalIds();
                    ignoreIdenticalIds.set(o.identicalIds().ignore());
                    describeIdenticalIds(o.identicalIds().ignore());
                    status.set(
                            o.data().name()
                                    + ": "
                                    + o.data().queries().size()
                                    + " queries, "
                                    + o.data().documents().size()
                                    + " documents; model "
                                    + o.spec().name());
                    editor.load(o.spec());
                    String task = o.settings().task();
                    if (task != null && editor.tasks().contains(task)) {
                        editor.selectedTaskProperty().set(task);
                    }
                    requestEvaluation();
                },
                e -> {
                    busy.set(false);
                    if (oldEncoder != null && encoder == oldEncoder) {
                        // the old encoder was closed by the failed open
                        encoder = null;
                        embedder = null;
                        model.set(null);
                        live = null;
                    }
                    fail("Cannot open " + ds.name() + " with " + mc.label(), e);
                });
    }

    /**
     * Submits work and remembers it as the running work until a callback runs. A runner that calls
     * back before {@code submit} returns (tests) leaves nothing running.
     */
    private <T> void track(
            TaskRunner.Work<T> work,
            org.taew.core.util.ProgressListener listener,
            java.util.function.Consumer<T> onSuccess,
            java.util.function.Consumer<Throwable> onFailure) {
        Object token = new Object();
        runningToken = token;
        TaskRunner.Handle h =
                runner.submit(
                        work,
                        listener,
                        v -> {
                            if (runningToken == token) {
                                runningToken = null;
                                running = null;
                            }
                            onSuccess.accept(v);
                        },
                        e -> {
                            if (runningToken == token) {
                                runningToken = null;
                                running = null;
                            }
                            onFailure.accept(e);
                        });
        if (runningToken == token) {
            running = h;
        }
    }

    private static void closeEncoder(EmbeddingService embedder, Encoder encoder) {
        if (embedder != null) {
            embedder.close();
        }
        if (encoder != null) {
            encoder.close();
        }
    }

    /** CPU, and each CUDA GPU in full and half precision, once the engine has said how many. */
    private void listDevices(int gpus, String current) {
        List<String> d = new ArrayList<>();
        d.add(CPU);
        if (gpus > 0) {
            d.add(GPU);
            d.add(GPU_HALF);
        }
        if (!d.equals(devices)) {
            opening = true;
            try {
                devices.setAll(d);
                selectedDevice.set(d.contains(current) ? current : CPU);
            } finally {
                opening = false;
            }
        }
    }

    static ComputeChoice computeChoice(String device) {
        return switch (device) {
            case GPU ->
                    new ComputeChoice(ComputeChoice.Device.GPU, ComputeChoice.Engine.AUTO, false);
            case GPU_HALF ->
                    new ComputeChoice(ComputeChoice.Device.GPU, ComputeChoice.Engine.AUTO, true);
            default ->
                    new ComputeChoice(ComputeChoice.Device.CPU, ComputeChoice.Engine.AUTO, false);
        };
    }

    // ---- evaluating ----

    private void onInstructionsChanged() {
        long at = editor.editedAtProperty().get();
        if (pendingEditAt == 0 || at > pendingEditAt) {
            pendingEditAt = at;
        }
        if (editor.compiledProperty().get() == null) {
            lastUpdate.set("Waiting for a valid template");
            return;
        }
        debouncer.schedule("evaluate", this::requestEvaluation);
    }

    /** Evaluates both modes with the editor's instructions, now or after the running work. */
    public void requestEvaluation() {
        if (live == null) {
            return;
        }
        InstructionPair pair = editor.compiledProperty().get();
        if (pair == null) {
            return;
        }
        RetrievalEvaluation.Settings settings = settings();
        List<Object> request = List.of(live, pair, settings);
        if (running != null) {
            rerun = !request.equals(lastRequest);
            return;
        }
        if (request.equals(lastRequest) && snapshot.get() != null) {
            return;
        }
        lastRequest = request;
        String task = editor.selectedTaskProperty().get();
        LiveEvaluation target = live;
        long editAt = pendingEditAt;
        pendingEditAt = 0;
        busy.set(true);
        status.set("Evaluating " + (task == null ? "" : task));
        track(
                p -> target.evaluate(pair, settings, p),
                progress,
                s -> {
                    busy.set(false);
                    if (target != live) {
                        return;
                    }
                    snapshot.set(s);
                    describeUpdate(s, editAt);
                    progress.idle("");
                    status.set("Ready");
                    if (rerun) {
                        rerun = false;
                        requestEvaluation();
                    } else {
                        // after the new numbers are drawn: the tokenizer uses every core
                        debouncer.schedule("token-preview", () -> measureCosts(pair));
                    }
                },
                e -> {
                    busy.set(false);
                    lastRequest = null;
                    fail("Evaluation failed", e);
                    if (rerun) {
                        rerun = false;
                        requestEvaluation();
                    }
                });
    }

    private void describeUpdate(LiveEvaluation.Snapshot s, long editAt) {
        StringBuilder sb = new StringBuilder();
        if (editAt != 0) {
            double latency = (clock.getAsLong() - editAt) / 1e9;
            sb.append(String.format(Locale.ROOT, "Updated %.2f s after the edit", latency));
        } else {
            sb.append("Evaluated");
        }
        List<String> encoded = new ArrayList<>();
        s.queries()
                .forEach(
                        (m, v) -> {
                            if (!v.reused() && v.report().encoded() > 0) {
                                encoded.add(m.label() + " queries " + v.report().encoded());
                            }
                        });
        s.documents()
                .forEach(
                        (m, v) -> {
                            if (!v.reused() && v.report().encoded() > 0) {
                                encoded.add(m.label() + " documents " + v.report().encoded());
                            }
                        });
        sb.append(
                encoded.isEmpty()
                        ? " · nothing re-encoded (cache)"
                        : " · encoded " + String.join(", ", encoded));
        lastUpdate.set(sb.toString());
    }

    RetrievalEvaluation.Settings settings() {
        int k = cutoff.get();
        return new RetrievalEvaluation.Settings(
                MetricId.atCutoff(k),
                new MetricId(MetricId.Kind.NDCG_CUT, k),
                DEPTH,
                ignoreIdenticalIds.get(),
                ModeComparison.Settings.DEFAULT);
    }

    /**
     * Token preview of both sides, measured after the numbers are shown; remembered per template.
     */
    private void measureCosts(InstructionPair pair) {
        if (running != null || pair != editor.compiledProperty().get()) {
            return; // another evaluation is on its way; its preview follows it
        }
        Encoder enc = encoder;
        LiveEvaluation target = live;
        if (enc == null || target == null) {
            return;
        }
        Map<Side, String> known = preview.known(pair);
        known.forEach(editor::setCost);
        List<Side> missing = new ArrayList<>();
        for (Side side : Side.values()) {
            if (!known.containsKey(side)) {
                missing.add(side);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        track(
                p -> TokenPreview.measure(enc, target.dataset(), pair, missing),
                org.taew.core.util.ProgressListener.NONE,
                out -> {
                    if (target == live) {
                        preview.remember(pair, out);
                        out.forEach(editor::setCost);
                    }
                    runPendingEvaluation();
                },
                e -> {
                    if (!ErrorMessages.isCancellation(e)) {
                        editor.setCost(
                                Side.QUERY, "token count failed: " + ErrorMessages.message(e));
                    }
                    runPendingEvaluation();
                });
    }

    private void runPendingEvaluation() {
        if (rerun) {
            rerun = false;
            requestEvaluation();
        }
    }

    private void fail(String title, Throwable e) {
        if (ErrorMessages.isCancellation(e)) {
            progress.idle("Cancelled");
            status.set("Cancelled");
            return;
        }
        progress.idle("");
        status.set(title);
        dialogs.showError(title, ErrorMessages.message(e), e);
    }
}
