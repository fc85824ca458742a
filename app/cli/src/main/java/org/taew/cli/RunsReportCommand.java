package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.taew.core.logic.history.RunComparison;
import org.taew.core.util.WorkbenchException;
import org.taew.report.html.HtmlReports;
import org.taew.report.html.RunsHtml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taew runs report A B}: the comparison of two runs as one self-contained HTML page. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write the comparison of two runs (as runs compare: every shared measure with B − A, its"
                    + " interval and paired test, wins and losses) as one self-contained HTML page: no"
                    + " network is needed to open it; its charts are inline SVG."
        })
final class RunsReportCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin SignificanceOptions significance;

    @Mixin RunPair runs;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "The page to write (default: runs-A-vs-B.html).")
    Path output;

    @Override
    public Integer call() throws WorkbenchException {
        Path out = output != null ? output : Path.of("runs-" + runs.a + "-vs-" + runs.b + ".html");
        HtmlReports.check(out);
        RunComparison c = runs.compare(common, significance.settings());
        HtmlReports.write(out, RunsHtml.of(c));
        PrintWriter w = spec.commandLine().getOut();
        w.println("Wrote " + out);
        w.flush();
        return ExitCodes.OK;
    }
}
