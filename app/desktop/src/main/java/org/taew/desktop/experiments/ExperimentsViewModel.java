package org.taew.desktop.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.experiments.ExperimentReader;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentRunner;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.logic.experiments.ExperimentWriter;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.TaskTemplates;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.session.RunRecorder;
import org.taew.desktop.session.SessionState;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.session.WorkStatus;
import org.taew.desktop.util.BackgroundTask;

/**
 * The Experiments tab: a list of instruction variants for the open dataset and model (add the
 * editor's draft, duplicate, edit, remove, import or export an experiment file), run through core's
 * {@link ExperimentRunner} on the open session, and its result: the leaderboard, the forest plot's
 * data, the sensitivity to wording and the honest choice; a variant goes back into the editor with
 * "use".
 */
public final class ExperimentsViewModel {
    /** A variant as the table shows and edits it: templates as sources. */
    public record VariantRow(String name, String query, String document, boolean exclude) {
        /** The row as a variant, or an {@link IllegalArgumentException} saying what is wrong. */
        ExperimentSpec.Variant variant() {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException(
                        "name \"" + name + "\" may hold letters, digits, '_', '.', '-'");
            }
            if (name.equals(ExperimentSpec.GENERAL) || name.equals(ExperimentSpec.CARD)) {
                throw new IllegalArgumentException(
                        "the names general and card are taken (every leaderboard has them)");
            }
            InstructionPair p = new TaskTemplates(query, document, "", exclude).compile();
            return new ExperimentSpec.Variant(name, p, List.of(), 0);
        }

        static VariantRow of(ExperimentSpec.Variant v) {
            return new VariantRow(
                    v.name(),
                    v.instructions().query().standalone(),
                    v.instructions().document().standalone(),
                    v.instructions().excludeInstructionFromPooling());
        }
    }

    private final SessionViewModel session;
    private final SessionResolver resolver;
    private final WorkStatus work;
    private final RunRecorder recorder;
    private final ObservableList<VariantRow> variants = FXCollections.observableArrayList();
    private final ObjectProperty<ExperimentSpec.Baseline> baseline =
            new SimpleObjectProperty<>(ExperimentSpec.Baseline.GENERAL);
    private final ReadOnlyObjectWrapper<ExperimentResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LeaderRow> leaderboard = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private String loadedFor;
    private List<VariantRow> loaded = List.of();

    /** Matryoshka dimensions of the last imported file: each variant runs at them too. */
    private List<Integer> dimensions = List.of();

    public ExperimentsViewModel(
            SessionViewModel session,
            SessionResolver resolver,
            WorkStatus work,
            RunRecorder recorder) {
        this.session = session;
        this.resolver = resolver;
        this.work = work;
        this.recorder = recorder;
        session.setupProperty().addListener((o, a, b) -> opened(b));
        opened(session.setupProperty().get());
    }

    public ObservableList<VariantRow> variants() {
        return variants;
    }

    public ObjectProperty<ExperimentSpec.Baseline> baselineProperty() {
        return baseline;
    }

    /** The last experiment's result. */
    public ReadOnlyObjectProperty<ExperimentResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<LeaderRow> leaderboard() {
        return leaderboard;
    }

    /** Sensitivity, selection and warnings of the last result, in words. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the last action did or why it could not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * A newly opened dataset or model: the last result goes, and a list that is empty or as it was
     * loaded starts again from the dataset's experiment file ({@code
     * datasets/<name>/experiment.yaml}), its variants for this model's family.
     */
    private void opened(SessionSetup s) {
        String key =
                s == null || s.dataset() == null
                        ? null
                        : s.dataset().path() + "\n" + s.model().identity();
        if (key == null || key.equals(loadedFor)) {
            return;
        }
        loadedFor = key;
        // the last result was of another dataset or model
        result.set(null);
        leaderboard.clear();
        summary.set("");
        // a list the user has not changed since it was loaded follows the dataset and model
        if (!variants.isEmpty() && !variants.equals(loaded)) {
            return;
        }
        variants.clear();
        dimensions = List.of();
        loaded = List.of();
        if (s.isSts()) {
            return;
        }
        Path file = s.dataset().path().resolve("experiment.yaml");
        if (Files.isRegularFile(file)) {
            importFile(file);
            loaded = List.copyOf(variants);
        }
    }

    /** Adds the editor's current templates as a variant. */
    public void addDraft() {
        TaskTemplates t = session.editor().form().current();
        InstructionPair p = session.editor().form().compiledProperty().get();
        if (p == null) {
            message.set("The editor's templates are not valid yet: fix them first");
            return;
        }
        String name = free("draft");
        variants.add(
                new VariantRow(
                        name,
                        p.query().standalone(),
                        p.document().standalone(),
                        t.excludeInstructionFromPooling()));
        message.set("Added " + name + " from the editor");
    }

    /** Copies the variant at {@code i} under a new name. */
    public void duplicate(int i) {
        if (i < 0 || i >= variants.size()) {
            return;
        }
        VariantRow v = variants.get(i);
        String name = free(v.name());
        variants.add(i + 1, new VariantRow(name, v.query(), v.document(), v.exclude()));
        message.set("Added " + name);
    }

    public void remove(int i) {
        if (i >= 0 && i < variants.size()) {
            message.set("Removed " + variants.remove(i).name());
        }
    }

    /**
     * Replaces the variant at {@code i} when {@code row} is valid and its name is not another
     * row's; otherwise the message says why and nothing changes.
     */
    public boolean update(int i, VariantRow row) {
        try {
            row.variant();
        } catch (IllegalArgumentException e) {
            message.set(row.name() + ": " + e.getMessage());
            return false;
        }
        for (int k = 0; k < variants.size(); k++) {
            if (k != i && variants.get(k).name().equals(row.name())) {
                message.set("Another variant is called " + row.name());
                return false;
            }
        }
        variants.set(i, row);
        message.set("");
        return true;
    }

    /**
     * Adds the variants of an experiment file that suit the open model; the message says how many
     * were for other model families and left out.
     */
    public void importFile(Path file) {
        ExperimentSpec spec;
        try {
            spec = ExperimentReader.read(file);
        } catch (WorkbenchException e) {
            message.set(e.getMessage());
            return;
        }
        SessionSetup s = session.setupProperty().get();
        String family = s == null ? null : s.model().family();
        int added = 0;
        List<String> other = new ArrayList<>();
        for (ExperimentSpec.Variant v : spec.variants()) {
            if (family != null && !v.appliesTo(family)) {
                other.add(v.name());
                continue;
            }
            VariantRow row = VariantRow.of(v);
            variants.add(
                    new VariantRow(free(row.name()), row.query(), row.document(), row.exclude()));
            added++;
        }
        baseline.set(spec.baseline());
        dimensions = spec.dimensions();
        message.set(
                "Added "
                        + added
                        + " variants from "
                        + file.getFileName()
                        + (dimensions.isEmpty()
                                ? ""
                                : " (each also run at dimensions "
                                        + dimensions.stream().map(String::valueOf).toList()
                                        + ")")
                        + (other.isEmpty()
                                ? ""
                                : "; "
                                        + other.size()
                                        + " are for other model families than "
                                        + family
                                        + " and were left out"));
    }

    /** Writes the variants as an experiment file for the open dataset and model. */
    public boolean exportFile(Path file) {
        try {
            ExperimentWriter.write(file, spec(nameFor(file)));
            message.set("Wrote " + file);
            return true;
        } catch (WorkbenchException e) {
            message.set(e.getMessage());
            return false;
        }
    }

    private static String nameFor(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /** The experiment the list describes, on the open dataset and model. */
    ExperimentSpec spec(String name) throws WorkbenchException {
        SessionSetup s = session.setupProperty().get();
        if (s == null || s.retrieval() == null) {
            throw WorkbenchException.badInput("Open a retrieval dataset first");
        }
        List<ExperimentSpec.Variant> list = new ArrayList<>();
        for (VariantRow r : variants) {
            try {
                list.add(r.variant());
            } catch (IllegalArgumentException e) {
                throw WorkbenchException.badInput(r.name() + ": " + e.getMessage());
            }
        }
        return new ExperimentSpec(
                null,
                name,
                List.of(s.dataset().path().toString()),
                List.of(s.model().name()),
                s.task(),
                s.retrieval().split(),
                ExperimentSpec.Selection.DEFAULT,
                SessionDefaults.mainMetric(session.cutoffProperty().get()),
                baseline.get(),
                list,
                dimensions,
                null,
                null);
    }

    /** Runs the variants on the open dataset and model. */
    public void run() {
        ExperimentSpec spec;
        try {
            if (variants.isEmpty()) {
                throw WorkbenchException.badInput(
                        "No variants: add the editor's draft or import an experiment file");
            }
            SessionSetup s = session.setupProperty().get();
            spec = spec(s == null || s.dataset() == null ? "experiment" : s.dataset().name());
        } catch (WorkbenchException e) {
            message.set(e.getMessage());
            return;
        }
        message.set("Running " + spec.variants().size() + " variants…");
        runOnSession(spec);
    }

    /**
     * Runs the experiment's variants on the open dataset and model, beside general mode and the
     * card's default, as one piece of the window's work: the status bar shows its progress and
     * Cancel stops it (the variants that finished are in the history). Edits made meanwhile are
     * evaluated after it.
     */
    private void runOnSession(ExperimentSpec spec) {
        SessionViewModel.Open open = SessionWork.retrieval(session, work, "run the experiment");
        if (open == null) {
            return;
        }
        EvaluationSession s = open.session();
        work.begin(
                SessionState.EVALUATING,
                "Running experiment "
                        + spec.name()
                        + ": "
                        + spec.variants().size()
                        + " variants, general mode and the card's default");
        work.run(
                BackgroundTask.of(
                                p ->
                                        ExperimentRunner.runOn(
                                                spec,
                                                s,
                                                resolver,
                                                open.request(),
                                                ModeComparison.Settings.DEFAULT,
                                                p))
                        .showingProgressIn(work.progress())
                        .onSuccess(
                                r -> {
                                    work.ready();
                                    recorder.recorded(s);
                                    work.say("Experiment " + spec.name() + " done");
                                    show(r);
                                    session.resumeEvaluations();
                                })
                        .onFailure(
                                e -> {
                                    work.fail("The experiment failed", e);
                                    session.resumeEvaluations();
                                }));
    }

    /** Shows a result. */
    void show(ExperimentResult r) {
        result.set(r);
        List<LeaderRow> rows = LeaderRows.of(r.results().get(0));
        leaderboard.setAll(rows);
        summary.set(LeaderRows.summary(r));
        message.set("Done: " + rows.size() + " on the leaderboard");
    }

    /** Loads a leaderboard variant's templates into the editor (undoable). */
    public boolean use(String name) {
        ExperimentResult r = result.get();
        if (r == null) {
            return false;
        }
        ExperimentResult.VariantResult v = r.results().get(0).variant(name);
        InstructionPair p = v.instructions();
        return session.editor()
                .apply(
                        new TaskTemplates(
                                p.query().standalone(),
                                p.document().standalone(),
                                "",
                                p.excludeInstructionFromPooling()),
                        "variant " + name);
    }

    /** A name not taken by a row: {@code base}, else {@code base-2}, {@code base-3}, … */
    String free(String base) {
        String stem = base.replaceFirst("-\\d+$", "");
        if (variants.stream().noneMatch(v -> v.name().equals(base))) {
            return base;
        }
        for (int i = 2; ; i++) {
            String n = stem + "-" + i;
            if (variants.stream().noneMatch(v -> v.name().equals(n))) {
                return n;
            }
        }
    }
}
