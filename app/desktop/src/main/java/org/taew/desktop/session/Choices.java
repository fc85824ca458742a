package org.taew.desktop.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.encoding.Dimensions;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.util.DialogService;

/**
 * What the user can choose from: datasets, models and devices, and which are chosen. Names and
 * folders are resolved as the command line resolves them ({@link SessionResolver}). While {@link
 * #updating()} is true the choices change by program, not by the user.
 */
final class Choices {
    /**
     * The lexical arms beside the modes of a retrieval dataset: BM25 as the reference (cheap,
     * ranked once per split) and its hybrid with task-aware mode (reciprocal rank fusion, k = 60).
     */
    static final LexicalSettings LEXICAL = LexicalSettings.BM25.withHybrid(HybridSettings.DEFAULT);

    final ObservableList<DatasetCatalog.Entry> datasets = FXCollections.observableArrayList();
    final ObjectProperty<DatasetCatalog.Entry> dataset = new SimpleObjectProperty<>();
    final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>();
    final ObservableList<String> splits = FXCollections.observableArrayList();
    final ObjectProperty<String> split = new SimpleObjectProperty<>();
    final ObservableList<DeviceChoice> devices =
            FXCollections.observableArrayList(DeviceChoice.CPU);
    final ObjectProperty<DeviceChoice> device = new SimpleObjectProperty<>(DeviceChoice.CPU);

    /** Matryoshka dimensions to keep, 0 for all (core's {@link Dimensions#offered}). */
    final ObservableList<Integer> dimensions = FXCollections.observableArrayList(0);

    final ObjectProperty<Integer> dimension = new SimpleObjectProperty<>(0);

    private final SessionResolver resolver;
    private boolean updating;
    // what "all" asks for: 0 (the model's vectors as they are), or the full length of a folder
    // that cuts its vectors itself
    private int all;

    Choices(SessionResolver resolver) {
        this.resolver = resolver;
    }

    boolean updating() {
        return updating;
    }

    /** The retrieval datasets of the workspace, the bundled models and the local model folders. */
    void list() throws WorkbenchException {
        for (DatasetCatalog.Entry e : resolver.datasets().list()) {
            if (e.kind() == DatasetCatalog.Kind.RETRIEVAL) {
                datasets.add(e);
            }
        }
        ModelCatalog mc = resolver.models();
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
    }

    /**
     * Lists what there is and chooses the given dataset and model (null: the defaults) without
     * opening them; one that cannot be resolved is reported and the first one chosen instead.
     */
    void start(String datasetNameOrPath, String modelNameOrPath, DialogService dialogs) {
        try {
            list();
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot list datasets and models", e.getMessage(), e);
        }
        DatasetCatalog.Entry d;
        try {
            d = dataset(datasetNameOrPath);
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot open the dataset " + datasetNameOrPath, e.getMessage(), null);
            d = firstDataset();
        }
        ModelChoice m;
        try {
            m = model(modelNameOrPath);
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot open the model " + modelNameOrPath, e.getMessage(), null);
            m = first();
        }
        choose(d, m);
        splitsOf(d);
    }

    /** Lists a dataset the user opened (a BEIR folder or an STS file) and chooses it. */
    void addDataset(Path path, DialogService dialogs) {
        try {
            DatasetCatalog.Entry e = resolver.datasets().resolve(path.toString());
            datasets.removeIf(d -> d.path().equals(e.path()));
            datasets.add(e);
            dataset.set(e);
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot open the dataset", e.getMessage(), null);
        }
    }

    /** Lists a model the user opened and chooses it. */
    void addModel(ModelChoice c) {
        models.removeIf(m -> m.nameOrPath().equals(c.nameOrPath()));
        models.add(c);
        model.set(c);
    }

    /** Chooses without opening: the caller opens once both are set. */
    void choose(DatasetCatalog.Entry d, ModelChoice m) {
        updating = true;
        try {
            dataset.set(d);
            model.set(m);
        } finally {
            updating = false;
        }
    }

    /** A dataset by name or folder (null: the default), listed if it was not. */
    DatasetCatalog.Entry dataset(String nameOrPath) throws WorkbenchException {
        DatasetCatalog.Entry e =
                resolver.datasets()
                        .resolve(nameOrPath == null ? SessionDefaults.DATASET : nameOrPath);
        for (DatasetCatalog.Entry d : datasets) {
            if (d.path().equals(e.path())) {
                return d;
            }
        }
        datasets.add(e);
        return e;
    }

    /** A model by name or folder (null: the first), listed if it was not. */
    ModelChoice model(String nameOrPath) throws WorkbenchException {
        if (nameOrPath == null) {
            return first();
        }
        for (ModelChoice m : models) {
            if (m.nameOrPath().equals(nameOrPath)) {
                return m;
            }
        }
        // checked in the first precision it has: a folder of quantized weights only opens as a
        // draft
        List<Precision> has = resolver.models().precisions(nameOrPath);
        ModelSpec spec =
                resolver.models().resolve(nameOrPath, has.isEmpty() ? Precision.FP32 : has.get(0));
        ModelChoice c = new ModelChoice(spec.dir().getFileName() + " (folder)", nameOrPath);
        models.add(c);
        return c;
    }

    DatasetCatalog.Entry firstDataset() {
        return datasets.isEmpty() ? null : datasets.get(0);
    }

    ModelChoice first() {
        return models.isEmpty() ? null : models.get(0);
    }

    /**
     * Lists the splits of the chosen dataset and chooses core's default: {@code test}, else the
     * only one; with several and none called test, none (the user chooses).
     */
    void splitsOf(DatasetCatalog.Entry d) {
        List<String> s = List.of();
        if (d != null) {
            try {
                s = BeirReader.splits(d.path());
            } catch (WorkbenchException e) {
                s = List.of(); // opening the dataset reports it
            }
        }
        updating = true;
        try {
            splits.setAll(s);
            split.set(
                    s.contains(BeirReader.DEFAULT_SPLIT)
                            ? BeirReader.DEFAULT_SPLIT
                            : s.size() == 1 ? s.get(0) : null);
        } finally {
            updating = false;
        }
    }

    /** Whether the dataset has several splits, none called test, and none is chosen yet. */
    boolean waitsForSplit() {
        return split.get() == null && splits.size() > 1;
    }

    /**
     * What the choices ask core to open (the desktop's editor starts empty without a file); a
     * retrieval dataset gets the lexical arms, sentence pairs have none.
     */
    SessionRequest request(DeviceChoice d) {
        DatasetCatalog.Entry chosen = dataset.get();
        return SessionRequest.builder()
                .optDataset(chosen.path().toString())
                .optSplit(split.get())
                .optModel(model.get().nameOrPath())
                .optCompute(d.compute())
                .optPrecision(d.precision())
                .optEncoder(EncoderOptions.DEFAULT)
                .optDimension(
                        dimension.get() == null || dimension.get() == 0 ? all : dimension.get())
                .optEmptyWhenNoInstructions(true)
                .optRecordAs(RunRecord.Origin.DESKTOP)
                .optLexical(
                        chosen.kind() == DatasetCatalog.Kind.RETRIEVAL
                                ? LEXICAL
                                : LexicalSettings.NONE)
                .build();
    }

    /**
     * The dimensions a model of {@code full}-value vectors offers, the current one among them (a
     * folder's own cut, sentence-transformers' {@code truncate_dim}, may be none of the usual
     * sizes). For a folder that cuts its vectors itself, "all" asks for the full length: asking for
     * nothing would give the folder's cut again.
     */
    void dimensions(SessionSetup setup, Encoder encoder) {
        dimensions(Dimensions.full(encoder), encoder.dimension(), setup.model().truncateDim());
    }

    /**
     * {@link #dimensions(SessionSetup, Encoder)} of a model of {@code full}-value vectors cut to
     * {@code current}, whose folder cuts them to {@code folderCut} itself (0: it does not).
     */
    void dimensions(int full, int current, int folderCut) {
        boolean cuts = folderCut > 0 && folderCut < full;
        List<Integer> d = new ArrayList<>(Dimensions.offered(full));
        int shown = current == full ? 0 : current;
        for (int x : new int[] {shown, cuts ? folderCut : 0}) {
            if (x > 0 && !d.contains(x)) {
                d.add(x);
            }
        }
        d.subList(1, d.size()).sort(Comparator.reverseOrder());
        updating = true;
        try {
            all = cuts ? full : 0;
            dimensions.setAll(d);
            dimension.set(shown);
        } finally {
            updating = false;
        }
    }

    /** All dimensions again (another model: its own length is not known before it is open). */
    void allDimensions() {
        updating = true;
        try {
            all = 0;
            dimension.set(0);
        } finally {
            updating = false;
        }
    }

    /** The device a model opens on, and the precisions it has weights of. */
    record Weights(DeviceChoice device, List<Precision> has) {}

    /**
     * The weights {@code mc} has decide before anything is loaded: a draft device on a model
     * without weights of that precision opens fp32, a folder with only quantized weights opens as a
     * draft of the first it has; the user is told when the chosen device changes.
     */
    Weights weightsFor(ModelChoice mc, DialogService dialogs) {
        DeviceChoice chosen = device.get() == null ? DeviceChoice.CPU : device.get();
        List<Precision> has = resolver.models().precisions(mc.nameOrPath());
        DeviceChoice opening = chosen;
        if (!has.isEmpty() && !has.contains(chosen.precision())) {
            opening =
                    has.contains(Precision.FP32) ? DeviceChoice.CPU : DeviceChoice.cpu(has.get(0));
        }
        if (opening != chosen) {
            devices(devices.contains(DeviceChoice.GPU) ? 1 : 0, has, opening);
            dialogs.showInformation(
                    "Precision",
                    opening == DeviceChoice.CPU
                            ? mc.label()
                                    + " has no "
                                    + chosen.precision().label()
                                    + " weights: it opens with its fp32 weights."
                            : mc.label()
                                    + " has only "
                                    + String.join(", ", has.stream().map(Precision::label).toList())
                                    + " weights: it opens as a "
                                    + opening.precision().label()
                                    + " draft (its numbers are marked as drafts).");
        }
        return new Weights(opening, has);
    }

    /** The CPU, and the GPUs once the engine has said how many there are. */
    void devices(int gpus, List<Precision> has, DeviceChoice current) {
        List<DeviceChoice> d = DeviceChoice.available(gpus, has);
        if (!d.equals(devices)) {
            updating = true;
            try {
                devices.setAll(d);
                device.set(d.contains(current) ? current : DeviceChoice.CPU);
            } finally {
                updating = false;
            }
        }
    }
}
