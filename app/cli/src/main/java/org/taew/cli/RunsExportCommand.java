package org.taew.cli;

import static org.taew.cli.RunsShared.file;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.taew.core.logic.export.RunsCsv;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taew runs export}. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description =
                "The runs as CSV: one row per run with every measure's mean, or with --per-query"
                        + " one row per run, measure and query.")
final class RunsExportCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunsShared.FilterOptions filter;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            required = true,
            description = "The CSV file to write.")
    Path output;

    @Option(
            names = "--per-query",
            description = "run_id,measure,query_id,value rows instead of one row per run.")
    boolean perQuery;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        StringBuilder sb = new StringBuilder();
        int n;
        try (RunHistory h = RunHistory.openForReading(file(common))) {
            List<RunRecord> runs = h.list(filter.filter(0));
            n = runs.size();
            if (perQuery) {
                List<RunRecord> full = new ArrayList<>();
                for (RunRecord listed : runs) {
                    full.add(h.get(listed.id()));
                }
                sb.append(RunsCsv.perQuery(full));
            } else {
                sb.append(RunsCsv.runs(runs));
            }
        }
        AtomicFiles.writeString(output, sb.toString());
        w.println("Wrote " + n + " runs to " + output);
        w.flush();
        return ExitCodes.OK;
    }
}
