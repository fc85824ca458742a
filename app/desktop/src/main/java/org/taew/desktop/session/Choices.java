package org.taew.desktop.session;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.encoding.Dimensions;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.util.DialogService;

/**
 * What the user can choose from: datasets, models and devices, and which are chosen. Names and
 * folders are resolved as the command line resolves them ({@link SessionResolver}). While {@link
 * #updating()} is true the choices change by program, not by the user.
 */
final class Choices {
    final ObservableList<DatasetCatalog.Entry> datasets = FXCollections.observableArrayList();
    final ObjectProperty<DatasetCatalog.Entry> dataset = new SimpleObjectProperty<>();
    final ObservableList<SessionViewModel.ModelChoice> models = FXCollections.observableArrayList();
    final ObjectProperty<SessionViewModel.ModelChoice> model = new SimpleObjectProperty<>();
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
                models.add(new SessionViewModel.ModelChoice(b.name(), b.name()));
            }
        }
        for (Path p : mc.localFolders()) {
            String n = p.getFileName().toString();
            if (models.stream().noneMatch(m -> m.nameOrPath().equals(n))) {
                models.add(new SessionViewModel.ModelChoice(n + " (folder)", p.toString()));
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
        SessionViewModel.ModelChoice m;
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
    void addModel(SessionViewModel.ModelChoice c) {
        models.removeIf(m -> m.nameOrPath().equals(c.nameOrPath()));
        models.add(c);
        model.set(c);
    }

    /** Chooses without opening: the caller opens once both are set. */
    void choose(DatasetCatalog.Entry d, SessionViewModel.ModelChoice m) {
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
    SessionViewModel.ModelChoice model(String nameOrPath) throws WorkbenchException {
        if (nameOrPath == null) {
            return first();
        }
        for (SessionViewModel.ModelChoice m : models) {
            if (m.nameOrPath().equals(nameOrPath)) {
                return m;
            }
        }
        ModelSpec spec = resolver.models().resolve(nameOrPath);
        SessionViewModel.ModelChoice c =
                new SessionViewModel.ModelChoice(
                        spec.dir().getFileName() + " (folder)", nameOrPath);
        models.add(c);
        return c;
    }

    DatasetCatalog.Entry firstDataset() {
        return datasets.isEmpty() ? null : datasets.get(0);
    }

    SessionViewModel.ModelChoice first() {
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

    /** What the choices ask core to open (the desktop's editor starts empty without a file). */
    SessionRequest request(DeviceChoice d) {
        return SessionRequest.builder()
                .optDataset(dataset.get().path().toString())
                .optSplit(split.get())
                .optModel(model.get().nameOrPath())
                .optCompute(d.compute())
                .optPrecision(d.precision())
                .optEncoder(EncoderOptions.DEFAULT)
                .optDimension(dimension.get() == null ? 0 : dimension.get())
                .optEmptyWhenNoInstructions(true)
                .optRecordAs(RunRecord.Origin.DESKTOP)
                .build();
    }

    /** The dimensions a model of {@code full}-value vectors offers; keeps the current one. */
    void dimensions(int full, int current) {
        List<Integer> d = Dimensions.offered(full);
        updating = true;
        try {
            dimensions.setAll(d);
            dimension.set(d.contains(current) ? current : 0);
        } finally {
            updating = false;
        }
    }

    /** All dimensions again (another model: its own length is not known before it is open). */
    void allDimensions() {
        updating = true;
        try {
            dimension.set(0);
        } finally {
            updating = false;
        }
    }

    /** The CPU, and the GPUs once the engine has said how many there are. */
    void devices(int gpus, boolean int8, DeviceChoice current) {
        List<DeviceChoice> d = DeviceChoice.available(gpus, int8);
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
