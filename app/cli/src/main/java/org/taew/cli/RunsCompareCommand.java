package org.taew.cli;

import static org.taew.cli.RunsShared.describe;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.history.RunComparison;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taew runs compare A B}. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Any two runs side by side on the queries both evaluated: every shared measure with"
                    + " B − A, its 95% bootstrap interval and paired randomization test; wins and"
                    + " losses per query; the queries that changed most, and how their top"
                    + " documents moved."
        })
final class RunsCompareCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin SignificanceOptions significance;

    @Mixin RunPair runs;

    @Option(
            names = "--changed",
            paramLabel = "N",
            defaultValue = "10",
            description = "Show the N queries that changed most (default: ${DEFAULT-VALUE}).")
    int changed;

    @Option(
            names = "--query",
            paramLabel = "ID",
            description =
                    "Show how this query's top documents moved (default: the query that changed most).")
    String query;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        RunComparison c = runs.compare(common, significance.settings());
        print(w, c, changed, query);
        w.flush();
        return ExitCodes.OK;
    }

    static void print(PrintWriter w, RunComparison c, int changed, String query) {
        w.println("A: run " + c.a().id() + ", " + describe(c.a()));
        w.println("B: run " + c.b().id() + ", " + describe(c.b()));
        ModeComparison m = c.comparison();
        ModeComparison.Settings s = m.settings();
        w.printf(
                Locale.ROOT,
                "Compared on %d queries: B − A with its %.0f%% bootstrap interval (%d resamples) and a"
                        + " paired randomization test (%d permutations, seed %d).%n",
                c.queries().size(),
                100 * s.confidence(),
                s.resamples(),
                s.permutations(),
                s.seed());
        for (String warning : c.warnings()) {
            w.println("Warning: " + warning + ".");
        }
        w.println();
        Reports.printDeltas(w, m.metrics(), "A", "B");
        w.printf(
                Locale.ROOT,
                "%nPer query (%s): B better on %d, worse on %d, tied on %d.%n",
                m.mainMetric().label(),
                m.wins(),
                m.losses(),
                m.ties());
        List<ModeComparison.QueryDelta> moved = m.changedMost(changed);
        if (!moved.isEmpty()) {
            w.println("Changed most:");
            for (ModeComparison.QueryDelta q : moved) {
                w.printf(
                        Locale.ROOT,
                        "  %-12s %.4f → %.4f  %+.4f%n",
                        q.queryId(),
                        q.general(),
                        q.taskAware(),
                        q.delta());
            }
        }
        List<ModeComparison.QueryDelta> most = m.changedMost(1);
        String shown = query != null ? query : most.isEmpty() ? null : most.get(0).queryId();
        if (shown != null) {
            w.printf(
                    Locale.ROOT,
                    "%nTop %d of %s, A → B:%n%5s %5s  %s%n",
                    RunRecord.TOP_K,
                    shown,
                    "A",
                    "B",
                    "document");
            for (RunComparison.Movement mv : c.movement(shown)) {
                w.printf(
                        Locale.ROOT,
                        "%5s %5s  %-20s %s%n",
                        mv.rankA() == 0 ? "–" : Integer.toString(mv.rankA()),
                        mv.rankB() == 0 ? "–" : Integer.toString(mv.rankB()),
                        mv.docId(),
                        mv.describe());
            }
        }
        w.println("* " + Significance.BELOW_ALPHA + " (not adjusted for the number of measures).");
    }
}
