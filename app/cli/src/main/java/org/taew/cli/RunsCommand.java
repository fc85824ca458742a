package org.taew.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code taew runs}: the run history, every evaluation recorded. */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        subcommands = {
            RunsListCommand.class,
            RunsShowCommand.class,
            RunsCompareCommand.class,
            RunsReportCommand.class,
            RunsExportCommand.class,
            RunsPruneCommand.class,
            RunsSearchesCommand.class
        },
        description = {
            "The run history: every evaluation of eval, experiment run and the desktop, and every"
                    + " instruction search's trace, kept in <home>/history.sqlite (docs/formats.md,"
                    + " \"Run history\").",
            "Subcommands: list, show ID, compare A B, report A B, export, prune, searches [ID]."
        })
final class RunsCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
