package org.taew.cli;

import static org.taew.cli.RunsShared.file;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.taew.core.logic.history.Pruned;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taew runs prune}. */
@Command(
        name = "prune",
        mixinStandardHelpOptions = true,
        description =
                "Deletes runs: all but the most recent, those not evaluated for a while, or by id;"
                        + " --keep and --older-than delete the instruction searches as old too.")
final class RunsPruneCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin CommonOptions common;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    /** What to delete. */
    static final class Which {
        @Option(
                names = "--keep",
                paramLabel = "N",
                description = "Keep the N most recently evaluated runs, delete the rest.")
        Integer keep;

        @Option(
                names = "--older-than",
                paramLabel = "DAYS",
                description = "Delete runs last evaluated more than DAYS days ago.")
        Integer days;

        @Option(names = "--id", paramLabel = "ID", split = ",", description = "Delete these runs.")
        List<Long> ids;
    }

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        if ((which.keep != null && which.keep < 0) || (which.days != null && which.days < 0)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--keep and --older-than take a number of at least 0");
        }
        try (RunHistory h = RunHistory.open(file(common))) {
            Pruned p;
            if (which.ids != null) {
                p = new Pruned(h.delete(which.ids), 0);
            } else if (which.keep != null) {
                p = h.prune(which.keep, null);
            } else {
                p = h.prune(-1, Instant.now().minus(Duration.ofDays(which.days)));
            }
            w.println(
                    "Deleted "
                            + p.runs()
                            + " runs"
                            + (p.searches() == 0
                                    ? ""
                                    : " and " + p.searches() + " instruction searches")
                            + "; "
                            + h.count()
                            + " remain"
                            + (h.searchCount() == 0
                                    ? ""
                                    : " (and " + h.searchCount() + " searches)")
                            + " in "
                            + h.file()
                            + ".");
        }
        w.flush();
        return ExitCodes.OK;
    }
}
