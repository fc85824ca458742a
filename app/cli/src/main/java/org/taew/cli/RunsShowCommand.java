package org.taew.cli;

import static org.taew.cli.RunsShared.WHEN;
import static org.taew.cli.RunsShared.arm;
import static org.taew.cli.RunsShared.file;
import static org.taew.cli.RunsShared.label;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taew runs show ID}. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Everything about one run: origin, data, model, templates, every measure.")
final class RunsShowCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin CommonOptions common;

    @Parameters(paramLabel = "ID", description = "The run's id (taew runs list).")
    long id;

    @Option(
            names = "--queries",
            description = "Also each query's value of the main measure and its top documents.")
    boolean queries;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        try (RunHistory h = RunHistory.openForReading(file(common))) {
            RunRecord r = h.get(id);
            w.println("Run " + r.id() + ": " + arm(r));
            w.println(
                    "  evaluated  "
                            + WHEN.format(r.created())
                            + (r.times() > 1
                                    ? ", last "
                                            + WHEN.format(r.evaluated())
                                            + " ("
                                            + r.times()
                                            + " times)"
                                    : "")
                            + " by "
                            + r.origin().source()
                            + ", workbench "
                            + r.model().version());
            w.println(
                    "  dataset    "
                            + r.data().name()
                            + ", split "
                            + r.data().split()
                            + ", task "
                            + r.data().task()
                            + " ("
                            + r.data().queries()
                            + " queries, "
                            + r.data().documents()
                            + " documents; "
                            + r.data().path()
                            + ")");
            w.println("  data       fingerprint " + r.data().fingerprint());
            w.println(
                    "  model      "
                            + r.model().name()
                            + " ("
                            + r.model().identity().substring(0, 16)
                            + "), "
                            + r.model().engine());
            w.println("  query      " + Reports.quote(r.templates().query()));
            w.println("  document   " + Reports.quote(r.templates().document()));
            if (r.templates().excludeInstructionFromPooling()) {
                w.println("             the instruction is left out of pooling");
            }
            w.println(
                    "  settings   depth "
                            + r.settings().depth()
                            + ", identical ids "
                            + (r.settings().ignoreIdenticalIds() ? "ignored" : "kept")
                            + ", "
                            + r.scores().queryIds().size()
                            + " queries evaluated");
            for (Map.Entry<String, Double> m : r.scores().means().entrySet()) {
                w.printf(
                        Locale.ROOT,
                        "  %-10s %.4f%s%n",
                        label(m.getKey()),
                        m.getValue(),
                        m.getKey().equals(r.settings().mainMeasure()) ? "  (main)" : "");
            }
            if (queries) {
                double[] main = r.scores().perQuery().get(r.settings().mainMeasure());
                w.println();
                w.printf(
                        Locale.ROOT,
                        "  %-12s %8s  %s%n",
                        "query",
                        label(r.settings().mainMeasure()),
                        "top documents");
                for (int i = 0; i < r.scores().queryIds().size(); i++) {
                    String q = r.scores().queryIds().get(i);
                    List<String> top = new ArrayList<>();
                    r.scores().top().get(q).forEach(d -> top.add(d.docId()));
                    w.printf(
                            Locale.ROOT,
                            "  %-12s %8.4f  %s%n",
                            q,
                            main == null ? Double.NaN : main[i],
                            String.join(" ", top));
                }
            }
        }
        w.flush();
        return ExitCodes.OK;
    }
}
