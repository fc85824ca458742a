package org.taew.cli;

import static org.taew.cli.RunsShared.WHEN;
import static org.taew.cli.RunsShared.arm;
import static org.taew.cli.RunsShared.clip;
import static org.taew.cli.RunsShared.file;
import static org.taew.cli.RunsShared.label;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taew runs list}. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description =
                "The runs, most recently evaluated first: id, when, how often, source, arm,"
                        + " dataset, model, main measure, templates.")
final class RunsListCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunsShared.FilterOptions filter;

    @Option(
            names = {"-n", "--limit"},
            paramLabel = "N",
            defaultValue = "50",
            description = "At most N runs; 0 for all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        Path file = file(common);
        if (!Files.exists(file)) {
            w.println("No runs recorded yet (" + file + ").");
            w.flush();
            return ExitCodes.OK;
        }
        try (RunHistory h = RunHistory.openForReading(file)) {
            List<RunRecord> runs = h.list(filter.filter(limit));
            int total = h.count();
            if (runs.isEmpty()) {
                w.println("No runs match (" + total + " recorded in " + h.file() + ").");
                w.flush();
                return ExitCodes.OK;
            }
            w.printf(
                    Locale.ROOT,
                    "%5s  %-16s %4s  %-10s %-24s %-28s %-24s %-16s %s%n",
                    "id",
                    "evaluated",
                    "×",
                    "source",
                    "arm",
                    "dataset/split",
                    "model",
                    "main measure",
                    "query | document template");
            for (RunRecord r : runs) {
                w.printf(
                        Locale.ROOT,
                        "%5d  %-16s %4d  %-10s %-24s %-28s %-24s %-16s %s%n",
                        r.id(),
                        WHEN.format(r.evaluated()),
                        r.times(),
                        r.origin().source(),
                        clip(arm(r), 24),
                        clip(r.data().name() + "/" + r.data().split(), 28),
                        clip(r.model().label(), 24),
                        String.format(
                                Locale.ROOT,
                                "%s %.4f",
                                label(r.settings().mainMeasure()),
                                r.mainScore()),
                        clip(
                                Reports.quote(r.templates().query())
                                        + " | "
                                        + Reports.quote(r.templates().document()),
                                70));
            }
            w.println(
                    runs.size()
                            + " of "
                            + total
                            + " runs in "
                            + h.file()
                            + (runs.size() < total
                                    ? " (filter with -d, -m, --experiment; -n 0 for all)"
                                    : "")
                            + ".");
        }
        w.flush();
        return ExitCodes.OK;
    }
}
