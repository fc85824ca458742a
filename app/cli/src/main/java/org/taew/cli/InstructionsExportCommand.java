package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.logic.production.ExportTemplates;
import org.taew.core.logic.production.PromptExport;
import org.taew.core.logic.production.ServingSettings;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taew instructions export}: chosen templates as a model folder's own prompts. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Take the instruction you chose into production: write a copy of the model folder whose"
                    + " sentence-transformers settings (config_sentence_transformers.json prompts"
                    + " \"query\" / \"document\", default_prompt_name, and include_prompt when the"
                    + " instruction is left out of pooling) apply the templates, then print the"
                    + " equivalent settings for sentence-transformers, Text Embeddings Inference,"
                    + " LangChain and LlamaIndex (docs/formats.md, \"Use in production\").",
            "The templates: a task of the model's instruction file (or --instructions FILE), or a"
                    + " variant of an experiment file (--experiment FILE --variant NAME). A template"
                    + " with text after {text} cannot be a prompt and is refused."
        })
final class InstructionsExportCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Mixin ModelOption modelOption;

    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin InstructionOptions instructionOptions;

    @Option(
            names = "--experiment",
            paramLabel = "FILE",
            description = "Experiment file whose variant (--variant) to take.")
    Path experiment;

    @Option(
            names = "--variant",
            paramLabel = "NAME",
            description =
                    "The experiment's variant, as its leaderboard names it (card: the instruction"
                            + " file's templates).")
    String variant;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            required = true,
            description = "The new model folder to write (must not exist, or be empty).")
    Path output;

    @Override
    public Integer call() throws WorkbenchException {
        if ((experiment == null) != (variant == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--experiment and --variant go together");
        }
        if (experiment != null && instructionOptions.instructions != null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "give either --instructions or --experiment: the variant has its own templates");
        }
        ModelSpec model = common.resolver().model(modelOption.model);
        InstructionLibrary library = common.instructions();
        ExportTemplates.Chosen chosen =
                experiment != null
                        ? ExportTemplates.ofVariant(
                                model, experiment, variant, library, instructionOptions.task)
                        : ExportTemplates.ofTask(
                                model,
                                instructionOptions.instructions,
                                library,
                                instructionOptions.task);
        PromptExport.Result r =
                PromptExport.write(model, chosen.pair(), chosen.dimension(), output);
        PrintWriter w = spec.commandLine().getOut();
        w.println("Templates of task " + chosen.task() + ": " + chosen.source().describe() + ".");
        w.print(r.summary());
        w.println();
        w.print(ServingSettings.text(r.folder(), r.prompts(), model.pooling()));
        w.flush();
        return ExitCodes.OK;
    }
}
