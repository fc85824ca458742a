package org.taew.core.logic.session;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.datasets.IdenticalIds;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.logic.instructions.InstructionSources;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.StsDataset;
import org.taew.core.model.TaskInstructions;
import org.taew.core.model.TemplateSource;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;

/**
 * Turns a {@link SessionRequest} into a {@link SessionSetup}: the one place where the command line
 * and the desktop decide what is evaluated. In order: the dataset (named, a folder or an STS file;
 * default {@value SessionDefaults#DATASET}) and its dataset.yaml; the task (asked, else the file's,
 * else {@value SessionDefaults#RETRIEVAL_TASK} or {@value SessionDefaults#STS_TASK}); the model
 * (asked, else the first bundled one); the instructions of task-aware mode ({@link
 * InstructionSources}); the data, read and checked; identical ids ({@link IdenticalIds}); the
 * embedding cache in the home folder. Nothing here loads a model.
 */
public final class SessionResolver {
    private final Workspace workspace;
    private final Path home;

    public SessionResolver(Workspace workspace, Path home) {
        this.workspace = workspace;
        this.home = home;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Path home() {
        return home;
    }

    public DatasetCatalog datasets() {
        return new DatasetCatalog(workspace.datasets());
    }

    public ModelCatalog models() {
        return new ModelCatalog(WorkbenchHome.models(home));
    }

    public InstructionLibrary instructions() throws WorkbenchException {
        return InstructionLibrary.load(workspace.instructions());
    }

    /** The named model (bundled name or folder), or the first bundled model. */
    public ModelSpec model(String nameOrPath) throws WorkbenchException {
        return model(nameOrPath, Precision.FP32);
    }

    /** The named model, or the first bundled model, with the weights of {@code precision}. */
    public ModelSpec model(String nameOrPath, Precision precision) throws WorkbenchException {
        ModelCatalog catalog = models();
        String name = nameOrPath;
        if (name == null) {
            name =
                    catalog.defaultModel()
                            .orElseThrow(
                                    () ->
                                            new WorkbenchException(
                                                    WorkbenchException.Kind.MODEL,
                                                    "No bundled model is on the class path; name a model"
                                                            + " folder with --model"))
                            .name();
        }
        return catalog.resolve(name, precision);
    }

    /** The task: asked for, else dataset.yaml's, else the default of the dataset's kind. */
    public static String task(String asked, DatasetSettings settings, boolean sts) {
        return settings.task(
                asked, sts ? SessionDefaults.STS_TASK : SessionDefaults.RETRIEVAL_TASK);
    }

    public SessionSetup resolve(SessionRequest r) throws WorkbenchException {
        DatasetCatalog.Entry entry =
                datasets().resolve(r.dataset() == null ? SessionDefaults.DATASET : r.dataset());
        boolean sts = entry.kind() == DatasetCatalog.Kind.STS;
        DatasetSettings settings = sts ? DatasetSettings.NONE : DatasetSettings.of(entry.path());
        String task = task(r.task(), settings, sts);
        ModelSpec model = model(r.model(), r.precision());
        Modes modes = modes(r, model, task);
        if (sts && r.lexical().any()) {
            throw WorkbenchException.badInput(
                    entry.path()
                            + " holds sentence pairs; bm25 and hybrid rank the documents of a"
                            + " retrieval dataset");
        }
        StsDataset stsData = sts ? StsReader.readAuto(entry.path(), r.stsColumns()) : null;
        RetrievalDataset retrieval = sts ? null : BeirReader.read(entry.path(), r.split());
        IdenticalIds.Decision identical =
                sts ? null : IdenticalIds.decide(r.ignoreIdenticalIds(), settings, retrieval);
        return new SessionSetup(
                entry,
                settings,
                retrieval,
                stsData,
                task,
                model,
                modes.set,
                modes.task,
                modes.source,
                modes.pairs,
                identical,
                r.compute(),
                r.encoder(),
                dimension(r, model),
                cacheDir(r),
                recording(r),
                r.lexical(),
                WorkbenchHome.lexicalIndexes(home));
    }

    /**
     * A setup for texts that are not a dataset (a text file to encode): the model and the
     * instructions of the asked task, else {@value SessionDefaults#RETRIEVAL_TASK}.
     */
    public SessionSetup resolveWithoutDataset(SessionRequest r) throws WorkbenchException {
        String task = r.task() == null ? SessionDefaults.RETRIEVAL_TASK : r.task();
        ModelSpec model = model(r.model(), r.precision());
        Modes modes = modes(r, model, task);
        return new SessionSetup(
                null,
                DatasetSettings.NONE,
                null,
                null,
                task,
                model,
                modes.set,
                modes.task,
                modes.source,
                modes.pairs,
                null,
                r.compute(),
                r.encoder(),
                dimension(r, model),
                cacheDir(r),
                null,
                LexicalSettings.NONE,
                WorkbenchHome.lexicalIndexes(home));
    }

    /**
     * The dimensions asked, else the model folder's own cut (sentence-transformers' {@code
     * truncate_dim}), else all (0). A folder that cuts is read in full by asking for its full
     * length.
     */
    static int dimension(SessionRequest r, ModelSpec model) {
        return r.dimension() != 0 ? r.dimension() : model.truncateDim();
    }

    private SessionSetup.Recording recording(SessionRequest r) {
        return r.recordAs() == null
                ? null
                : new SessionSetup.Recording(WorkbenchHome.history(home), r.recordAs());
    }

    private Path cacheDir(SessionRequest r) {
        return r.cache() ? WorkbenchHome.embeddingCache(home) : null;
    }

    private record Modes(
            InstructionSet set,
            TaskInstructions task,
            TemplateSource source,
            Map<Mode, InstructionPair> pairs) {}

    /** The instructions of each asked mode; task-aware needs a set with the task. */
    private Modes modes(SessionRequest r, ModelSpec model, String task) throws WorkbenchException {
        InstructionSet set = null;
        TaskInstructions taskInstructions = null;
        TemplateSource source = null;
        Map<Mode, InstructionPair> pairs = new EnumMap<>(Mode.class);
        Set<Mode> asked = EnumSet.copyOf(r.modes());
        if (r.lexical().hybrid() != null) {
            asked.add(r.lexical().hybrid().dense());
        }
        if (asked.contains(Mode.GENERAL)) {
            pairs.put(Mode.GENERAL, InstructionPair.GENERAL);
        }
        if (asked.contains(Mode.TASK_AWARE)) {
            InstructionLibrary library = instructions();
            InstructionSources.Chosen chosen =
                    InstructionSources.choose(model, r.instructions(), library, List.of(task));
            if (chosen == null && r.emptyWhenNoInstructions()) {
                chosen =
                        new InstructionSources.Chosen(
                                InstructionSources.empty(model, task, workspace.instructions()),
                                InstructionSources.emptySource());
            }
            if (chosen == null) {
                throw WorkbenchException.badInput(InstructionSources.noSetMessage(model, library));
            }
            set = chosen.set();
            source = chosen.source();
            taskInstructions = InstructionSources.task(set, task);
            pairs.put(Mode.TASK_AWARE, taskInstructions.instructions());
        }
        return new Modes(set, taskInstructions, source, pairs);
    }
}
