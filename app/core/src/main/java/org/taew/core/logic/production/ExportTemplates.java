package org.taew.core.logic.production;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.taew.core.logic.experiments.ExperimentReader;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.logic.instructions.InstructionSources;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TaskInstructions;
import org.taew.core.model.TemplateSource;
import org.taew.core.util.WorkbenchException;

/**
 * Which templates an export takes when they are named rather than on screen: a task of the model's
 * instruction file (core's rule, {@link InstructionSources}), or a variant of an experiment file.
 */
public final class ExportTemplates {
    private ExportTemplates() {}

    /**
     * Templates, where they come from, the task they are for, and the Matryoshka dimensions their
     * vectors were cut to (0: as the model gives them).
     */
    public record Chosen(InstructionPair pair, TemplateSource source, String task, int dimension) {
        public Chosen(InstructionPair pair, TemplateSource source, String task) {
            this(pair, source, task, 0);
        }
    }

    /**
     * The templates of {@code task} (null: {@value SessionDefaults#RETRIEVAL_TASK}) for {@code
     * model}: from {@code file} when one is named, else from the instruction file or prompts that
     * apply to the model.
     */
    public static Chosen ofTask(ModelSpec model, Path file, InstructionLibrary library, String task)
            throws WorkbenchException {
        String t = task == null ? SessionDefaults.RETRIEVAL_TASK : task;
        InstructionSources.Chosen c = InstructionSources.choose(model, file, library, List.of(t));
        if (c == null) {
            throw WorkbenchException.badInput(InstructionSources.noSetMessage(model, library));
        }
        TaskInstructions instructions = InstructionSources.task(c.set(), t);
        return new Chosen(instructions.instructions(), c.source(), t);
    }

    /**
     * The templates of the variant {@code name} of the experiment file {@code experiment}; {@value
     * ExperimentSpec#CARD} is the instruction file's templates for the experiment's task ({@code
     * task} when the file names none). The variant must be for the model's family; {@code name@d},
     * a row of the file's dimension axis, is the variant {@code name} cut to {@code d} dimensions.
     */
    public static Chosen ofVariant(
            ModelSpec model, Path experiment, String name, InstructionLibrary library, String task)
            throws WorkbenchException {
        ExperimentSpec spec = ExperimentReader.read(experiment);
        int d = spec.dimensionOf(name);
        if (d > 0) {
            // a row of the dimension axis: its variant's templates, cut
            Chosen cut =
                    ofVariant(
                            model,
                            experiment,
                            name.substring(0, name.length() - ("@" + d).length()),
                            library,
                            task);
            return new Chosen(cut.pair(), cut.source(), cut.task(), d);
        }
        String t = spec.task() != null ? spec.task() : task;
        if (name.equals(ExperimentSpec.CARD)) {
            Chosen card = ofTask(model, null, library, t);
            return new Chosen(
                    card.pair(),
                    card.source().because("the card variant of " + experiment),
                    card.task());
        }
        if (name.equals(ExperimentSpec.GENERAL)) {
            throw WorkbenchException.badInput(
                    "The variant \"general\" has no instruction: there is nothing to export, the"
                            + " model folder as it is already encodes texts that way");
        }
        List<String> names = new ArrayList<>();
        for (ExperimentSpec.Variant v : spec.variants()) {
            if (!v.name().equals(name)) {
                names.add(v.name());
                continue;
            }
            if (!v.appliesTo(model.family())) {
                throw WorkbenchException.badInput(
                        experiment
                                + ":"
                                + v.line()
                                + ": the variant \""
                                + name
                                + "\" is for the model families "
                                + v.families()
                                + ", and the model "
                                + model.name()
                                + " is of the family \""
                                + model.family()
                                + "\"");
            }
            return new Chosen(
                    v.instructions(),
                    new TemplateSource(
                            TemplateSource.Kind.EXPERIMENT_VARIANT,
                            name + " of " + experiment,
                            "named with --variant"),
                    t == null ? SessionDefaults.RETRIEVAL_TASK : t);
        }
        throw WorkbenchException.badInput(
                experiment
                        + " has no variant \""
                        + name
                        + "\"; its variants are "
                        + String.join(", ", names)
                        + ", and "
                        + ExperimentSpec.CARD
                        + " (the instruction file's templates)"
                        + (spec.dimensions().isEmpty()
                                ? ""
                                : ", each also cut to "
                                        + spec.dimensions().stream()
                                                .map(String::valueOf)
                                                .collect(Collectors.joining(" or "))
                                        + " dimensions as NAME@"
                                        + spec.dimensions().get(0)));
    }
}
