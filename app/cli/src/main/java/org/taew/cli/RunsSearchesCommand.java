package org.taew.cli;

import static org.taew.cli.RunsShared.WHEN;
import static org.taew.cli.RunsShared.clip;
import static org.taew.cli.RunsShared.file;
import static org.taew.cli.RunsShared.label;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.history.SearchRecord;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taew runs searches [ID]}: the instruction searches the history keeps, or one's trace. */
@Command(
        name = "searches",
        mixinStandardHelpOptions = true,
        description = {
            "The instruction searches (taew experiment search, the desktop's Suggest wordings),"
                    + " newest first; with an ID, that search's trace: every wording scored, in"
                    + " which search and round, on how many queries, how it scored, whether it went"
                    + " on.",
            "The chosen wording's scores on every query are runs like any other (taew runs list"
                    + " --experiment NAME)."
        })
final class RunsSearchesCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "The search to show.")
    Long id;

    @Option(
            names = {"-d", "--dataset"},
            paramLabel = "NAME",
            description = "Searches on this dataset.")
    String dataset;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "NAME",
            description = "Searches with this model.")
    String model;

    @Option(
            names = {"-n", "--limit"},
            paramLabel = "N",
            defaultValue = "50",
            description = "At most N searches; 0 for all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        Path file = file(common);
        if (!Files.exists(file)) {
            w.println("No searches recorded yet (" + file + ").");
            w.flush();
            return ExitCodes.OK;
        }
        try (RunHistory h = RunHistory.openForReading(file)) {
            if (id != null) {
                show(w, h.search(id));
            } else {
                list(w, h);
            }
        }
        w.flush();
        return ExitCodes.OK;
    }

    private void list(PrintWriter w, RunHistory h) throws WorkbenchException {
        List<SearchRecord> found = h.searches(dataset, model, limit);
        int total = h.searchCount();
        if (found.isEmpty()) {
            w.println(
                    total == 0
                            ? "No searches recorded yet in "
                                    + h.file()
                                    + " (taew experiment search)."
                            : "No searches match (" + total + " recorded in " + h.file() + ").");
            return;
        }
        w.printf(
                Locale.ROOT,
                "%5s  %-16s %-18s %-28s %-24s %8s %8s %7s  %s%n",
                "id",
                "when",
                "experiment",
                "dataset/split",
                "model",
                "wordings",
                "scored",
                "seconds",
                "chosen");
        for (SearchRecord s : found) {
            SearchRecord.Trace t = s.trace();
            w.printf(
                    Locale.ROOT,
                    "%5d  %-16s %-18s %-28s %-24s %8d %8d %7.1f  %s%n",
                    s.id(),
                    WHEN.format(s.created()),
                    clip(t.experiment(), 18),
                    clip(s.data().name() + "/" + s.data().split(), 28),
                    clip(s.model().label(), 24),
                    t.spent().proposed(),
                    t.spent().evaluations(),
                    t.spent().seconds(),
                    t.chosen());
        }
        w.println(
                found.size()
                        + " of "
                        + total
                        + " searches in "
                        + h.file()
                        + "; taew runs searches ID shows one's trace.");
    }

    /** The widest of {@code texts}, at least {@code least} and at most {@code cap}. */
    private static int width(List<String> texts, int least, int cap) {
        int most = least;
        for (String x : texts) {
            most = Math.max(most, x.length());
        }
        return Math.min(most, cap);
    }

    /** One search: what it spent and found, then each search's rounds, then the wordings. */
    static void show(PrintWriter w, SearchRecord s) {
        SearchRecord.Trace t = s.trace();
        SearchRecord.Spent x = t.spent();
        RunRecord.Data d = s.data();
        w.printf(
                Locale.ROOT,
                "Search %d (%s): %s/%s with %s, %s%n",
                s.id(),
                t.experiment(),
                d.name(),
                d.split(),
                s.model().label(),
                WHEN.format(s.created()));
        w.println("  " + x.method());
        w.printf(
                Locale.ROOT,
                "  %d wordings proposed%s; %d searches of at most %d (wording, query) evaluations"
                        + " each; %d spent, %d texts encoded; %.1f s (%.1f s encoding)%n",
                x.proposed(),
                x.leftOut() == 0 ? "" : " (" + x.leftOut() + " left out by corpus-encodes)",
                t.searches(),
                x.budget(),
                x.evaluations(),
                x.encoded(),
                x.seconds(),
                x.encodingSeconds());
        w.println("  Chosen: " + t.chosen());
        w.println("  " + t.recommendation());
        Map<Integer, List<SearchRecord.Step>> byFold = new LinkedHashMap<>();
        for (int fold : new TreeSet<>(t.steps().stream().map(SearchRecord.Step::fold).toList())) {
            byFold.put(fold, t.steps().stream().filter(step -> step.fold() == fold).toList());
        }
        Map<String, SearchRecord.Step> wordings = new LinkedHashMap<>();
        int nameWidth = width(t.steps().stream().map(SearchRecord.Step::wording).toList(), 7, 40);
        int originWidth = width(t.steps().stream().map(SearchRecord.Step::origin).toList(), 6, 24);
        String row = "  %5s  %-" + nameWidth + "s  %-" + originWidth + "s %7s %10s  %s%n";
        for (Map.Entry<Integer, List<SearchRecord.Step>> e : byFold.entrySet()) {
            w.println();
            w.println(
                    e.getKey() == 0
                            ? (byFold.size() == 1
                                    ? "The search:"
                                    : "The final search, on every query:")
                            : "The search with fold " + e.getKey() + " held out:");
            w.printf(
                    Locale.ROOT,
                    row,
                    "round",
                    "wording",
                    "origin",
                    "queries",
                    label(t.measure()),
                    "");
            // each round best first (the history keeps the order they were scored in)
            List<SearchRecord.Step> rounds =
                    e.getValue().stream().sorted(SearchRecord.Step.SHOWN).toList();
            for (SearchRecord.Step step : rounds) {
                wordings.putIfAbsent(step.wording(), step);
                w.printf(
                        Locale.ROOT,
                        row,
                        step.round(),
                        clip(step.wording(), nameWidth),
                        clip(step.origin(), originWidth),
                        step.queries(),
                        Double.isNaN(step.mean())
                                ? "—"
                                : String.format(Locale.ROOT, "%.4f", step.mean()),
                        step.kept() ? "went on" : "");
            }
        }
        w.println();
        w.println("Wordings:");
        for (SearchRecord.Step step : wordings.values()) {
            RunRecord.Templates tt = step.templates();
            w.println(
                    "  "
                            + step.wording()
                            + " ("
                            + step.origin()
                            + "): query "
                            + Reports.quote(tt.query())
                            + " | document "
                            + Reports.quote(tt.document())
                            + (tt.excludeInstructionFromPooling()
                                    ? " (instruction left out of pooling)"
                                    : ""));
        }
    }
}
