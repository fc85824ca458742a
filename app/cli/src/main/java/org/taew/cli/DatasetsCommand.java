package org.taew.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code taew datasets}: the datasets of the workspace. */
@Command(
        name = "datasets",
        mixinStandardHelpOptions = true,
        subcommands = {
            DatasetsCheckCommand.class,
            DatasetsImportCommand.class,
            DatasetsResultsCommand.class,
            DatasetsFetchCommand.class
        },
        description =
                "List the shipped datasets; `datasets check DIR` checks one; `datasets fetch NAME` fetches a"
                        + " BEIR collection.")
final class DatasetsCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        DatasetCatalog catalog = common.datasets();
        w.println(
                "Datasets in "
                        + catalog.dir()
                        + " (BEIR layout; any BEIR folder or STS file can be given by path):");
        for (DatasetCatalog.Entry e : catalog.list()) {
            w.printf(
                    "  %-20s splits %s%n",
                    e.name(), String.join(", ", BeirReader.splits(e.path())));
            if (!e.summary().isEmpty()) {
                w.println("      " + e.summary());
            }
        }
        w.flush();
        return ExitCodes.OK;
    }
}
