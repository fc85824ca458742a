package org.taew.desktop.production;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.taew.core.logic.encoding.Dimensions;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.production.ExportedPrompts;
import org.taew.core.logic.production.PromptExport;
import org.taew.core.logic.production.ServingSettings;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.experiments.ExperimentsViewModel;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.session.WorkStatus;
import org.taew.desktop.util.BackgroundTask;
import org.taew.desktop.util.DialogService;

/**
 * "Use in production…": the instruction editor's templates, or a leaderboard variant, written as a
 * copy of the open model's folder with them as its sentence-transformers prompts (core's {@link
 * PromptExport}, in the background), then the equivalent settings for the places embeddings are
 * served ({@link ServingSettings}) shown and kept in {@link #settingsProperty()}.
 *
 * <p>The folder asked for is used as it is when it is empty (a new folder made in the chooser);
 * otherwise the model is written into a new folder inside it, named after the model and the task or
 * variant.
 */
public final class ProductionExportViewModel {
    static final String TITLE = "Use in production";

    private final SessionViewModel session;
    private final ExperimentsViewModel experiments;
    private final WorkStatus work;
    private final DialogService dialogs;
    private final ReadOnlyStringWrapper settings = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PromptExport.Result> result = new ReadOnlyObjectWrapper<>();

    /**
     * @param session the open dataset and model, and the instruction editor
     * @param experiments the Experiments tab, whose leaderboard names variants
     */
    public ProductionExportViewModel(
            SessionViewModel session,
            ExperimentsViewModel experiments,
            WorkStatus work,
            DialogService dialogs) {
        this.session = session;
        this.experiments = experiments;
        this.work = work;
        this.dialogs = dialogs;
    }

    /** What the last export wrote and the equivalent settings, as text ("" before one). */
    public ReadOnlyStringProperty settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    /** The last export's result (null before one). */
    public ReadOnlyObjectProperty<PromptExport.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Exports the instruction editor's templates for the open model. */
    public void exportEditor() {
        SessionSetup s = session.setupProperty().get();
        if (s == null) {
            dialogs.showInformation(TITLE, "Open a dataset and a model first.");
            return;
        }
        InstructionPair pair = session.editor().form().compiledProperty().get();
        if (pair == null) {
            dialogs.showError(
                    "Cannot use these templates in production",
                    "The editor's templates are not valid yet: fix them first.",
                    null);
            return;
        }
        export(
                s.model(),
                pair,
                truncateDim(s.dimension()),
                s.model().name() + "-" + s.task(),
                "the editor's templates");
    }

    /** Exports a variant of the Experiments tab's leaderboard for the model it ran on. */
    public void exportVariant(String name) {
        ExperimentResult r = experiments.resultProperty().get();
        if (r == null) {
            return;
        }
        ExperimentResult.ModelResult m = r.results().get(0);
        ExperimentResult.VariantResult v = m.variant(name);
        if (v.reference()) {
            dialogs.showError(
                    "Cannot use " + name + " in production",
                    name
                            + " is a lexical reference (BM25 or a fusion with it), not instruction"
                            + " templates for the model: there is nothing to write into a model"
                            + " folder.",
                    null);
            return;
        }
        // a row of the dimension axis was cut to its own; the others as the open session cuts
        int d = r.spec().dimensionOf(name);
        SessionSetup s = session.setupProperty().get();
        export(
                m.model(),
                v.instructions(),
                truncateDim(d != 0 ? d : s == null ? 0 : s.dimension()),
                m.model().name() + "-" + name,
                "the variant " + name);
    }

    /** What the export writes as truncate_dim for vectors the open session cut to {@code d}. */
    private int truncateDim(int d) {
        SessionViewModel.Open open = session.openProperty().get();
        if (open == null) {
            return 0;
        }
        return ExportedPrompts.truncateDim(
                d, Dimensions.full(open.session().encoder()), open.session().setup().model());
    }

    private void export(
            ModelSpec model, InstructionPair pair, int dimension, String name, String what) {
        try {
            ExportedPrompts.of(pair); // refused at once, before a folder is asked for
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot use " + what + " in production", e.getMessage(), null);
            return;
        }
        if (work.isRunning()) {
            dialogs.showInformation(
                    TITLE,
                    "The workbench is busy ("
                            + work.statusProperty().get()
                            + "). Try again when it is done, or Cancel it.");
            return;
        }
        Optional<Path> chosen =
                dialogs.chooseFolder(
                        "Where to write the model folder with " + what + " as its prompts",
                        session.context().workspace().root());
        if (chosen.isEmpty()) {
            return;
        }
        Path target;
        try {
            target = target(chosen.get(), name);
        } catch (IOException e) {
            dialogs.showError("Cannot use " + what + " in production", e.getMessage(), e);
            return;
        }
        work.say("Writing " + target + " with " + what + " as its prompts");
        work.run(
                BackgroundTask.of(p -> PromptExport.write(model, pair, dimension, target))
                        .onSuccess(
                                r -> {
                                    String text =
                                            r.summary()
                                                    + "\n"
                                                    + ServingSettings.text(
                                                            r.folder(),
                                                            r.prompts(),
                                                            model.pooling());
                                    result.set(r);
                                    settings.set(text);
                                    work.say("Wrote " + r.folder());
                                    dialogs.showText(
                                            TITLE,
                                            "The model folder "
                                                    + r.folder()
                                                    + " applies "
                                                    + what
                                                    + " itself.",
                                            text);
                                })
                        .onFailure(e -> work.fail("Cannot write the model folder", e)));
    }

    /**
     * {@code chosen} itself when it is an empty folder, else a folder inside it named {@code name}
     * (with {@code -2}, {@code -3}, … when taken).
     */
    static Path target(Path chosen, String name) throws IOException {
        if (Files.isDirectory(chosen)) {
            try (Stream<Path> s = Files.list(chosen)) {
                if (s.findAny().isEmpty()) {
                    return chosen;
                }
            }
        }
        String base = name.replaceAll("[^A-Za-z0-9._-]+", "-");
        Path p = chosen.resolve(base);
        for (int i = 2; Files.exists(p); i++) {
            p = chosen.resolve(base + "-" + i);
        }
        return p;
    }
}
