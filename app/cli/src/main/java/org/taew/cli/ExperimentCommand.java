package org.taew.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code taew experiment}: {@code run} ranks the file's variants, {@code search} proposes more. */
@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        subcommands = {ExperimentRunCommand.class, ExperimentSearchCommand.class},
        description =
                "Instruction experiments: many variants of the templates, ranked (`run`), or wordings"
                        + " proposed and searched within a budget (`search`).")
final class ExperimentCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
