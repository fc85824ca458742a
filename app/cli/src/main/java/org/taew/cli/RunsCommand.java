package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.export.RunsCsv;
import org.taew.core.logic.history.RunComparison;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.MetricId;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taew runs}: the run history, every evaluation recorded. */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        subcommands = {
            RunsCommand.ListRuns.class,
            RunsCommand.Show.class,
            RunsCommand.Compare.class,
            RunsCommand.Export.class,
            RunsCommand.Prune.class
        },
        description = {
            "The run history: every evaluation of eval, experiment run and the desktop, kept in"
                    + " <home>/history.sqlite (docs/formats.md, \"Run history\").",
            "Subcommands: list, show ID, compare A B, export, prune."
        })
final class RunsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                    .withZone(ZoneId.systemDefault());

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    static Path file(CommonOptions common) {
        return WorkbenchHome.history(common.home());
    }

    /** The options that narrow the runs listed or exported. */
    static final class FilterOptions {
        @Option(
                names = {"-d", "--dataset"},
                paramLabel = "NAME",
                description = "Runs on this dataset.")
        String dataset;

        @Option(
                names = {"-m", "--model"},
                paramLabel = "NAME",
                description = "Runs of this model.")
        String model;

        @Option(names = "--split", paramLabel = "SPLIT", description = "Runs on this split.")
        String split;

        @Option(
                names = "--experiment",
                paramLabel = "NAME",
                description = "The variants of this experiment.")
        String experiment;

        @Option(
                names = "--source",
                paramLabel = "SOURCE",
                description = "Runs recorded by eval, experiment or desktop.")
        String source;

        RunHistory.Filter filter(int limit) {
            return new RunHistory.Filter(dataset, model, split, experiment, source, limit);
        }
    }

    /** {@code taew runs list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "The runs, most recently evaluated first: id, when, how often, source, arm,"
                            + " dataset, model, main measure, templates.")
    static final class ListRuns implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Mixin CommonOptions common;

        @Mixin FilterOptions filter;

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

    /** {@code taew runs show ID}. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description =
                    "Everything about one run: origin, data, model, templates, every measure.")
    static final class Show implements Callable<Integer> {
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
    static final class Compare implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Mixin CommonOptions common;

        @Mixin SignificanceOptions significance;

        @Parameters(index = "0", paramLabel = "A", description = "The first run's id.")
        long a;

        @Parameters(index = "1", paramLabel = "B", description = "The second run's id.")
        long b;

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
            RunComparison c;
            try (RunHistory h = RunHistory.openForReading(file(common))) {
                c = RunComparison.of(h.get(a), h.get(b), significance.settings());
            }
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
            List<ModeComparison.QueryDelta> moved = new ArrayList<>(m.perQuery());
            moved.removeIf(q -> Math.abs(q.delta()) <= ModeComparison.TIE_TOLERANCE);
            moved.sort(
                    Comparator.comparingDouble(
                                    (ModeComparison.QueryDelta q) -> -Math.abs(q.delta()))
                            .thenComparing(ModeComparison.QueryDelta::queryId));
            if (!moved.isEmpty() && changed > 0) {
                w.println("Changed most:");
                for (ModeComparison.QueryDelta q :
                        moved.subList(0, Math.min(changed, moved.size()))) {
                    w.printf(
                            Locale.ROOT,
                            "  %-12s %.4f → %.4f  %+.4f%n",
                            q.queryId(),
                            q.general(),
                            q.taskAware(),
                            q.delta());
                }
            }
            String shown = query != null ? query : moved.isEmpty() ? null : moved.get(0).queryId();
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
                    String how =
                            mv.rankA() == 0
                                    ? "new in B's top"
                                    : mv.rankB() == 0
                                            ? "left the top"
                                            : mv.rise() > 0
                                                    ? "up " + mv.rise()
                                                    : mv.rise() < 0 ? "down " + -mv.rise() : "";
                    w.printf(
                            Locale.ROOT,
                            "%5s %5s  %-20s %s%n",
                            mv.rankA() == 0 ? "–" : Integer.toString(mv.rankA()),
                            mv.rankB() == 0 ? "–" : Integer.toString(mv.rankB()),
                            mv.docId(),
                            how);
                }
            }
            w.println(
                    "* "
                            + Significance.BELOW_ALPHA
                            + " (not adjusted for the number of measures).");
        }
    }

    /** {@code taew runs export}. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description =
                    "The runs as CSV: one row per run with every measure's mean, or with --per-query"
                            + " one row per run, measure and query.")
    static final class Export implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Mixin CommonOptions common;

        @Mixin FilterOptions filter;

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

    /** {@code taew runs prune}. */
    @Command(
            name = "prune",
            mixinStandardHelpOptions = true,
            description =
                    "Deletes runs: all but the most recent, those not evaluated for a while, or by id.")
    static final class Prune implements Callable<Integer> {
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

            @Option(
                    names = "--id",
                    paramLabel = "ID",
                    split = ",",
                    description = "Delete these runs.")
            List<Long> ids;
        }

        @Override
        public Integer call() throws WorkbenchException {
            PrintWriter w = spec.commandLine().getOut();
            if ((which.keep != null && which.keep < 0) || (which.days != null && which.days < 0)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--keep and --older-than take a number of at least 0");
            }
            int n;
            try (RunHistory h = RunHistory.open(file(common))) {
                if (which.ids != null) {
                    n = h.delete(which.ids);
                } else if (which.keep != null) {
                    n = h.prune(which.keep, null);
                } else {
                    n = h.prune(-1, Instant.now().minus(Duration.ofDays(which.days)));
                }
                w.println("Deleted " + n + " runs; " + h.count() + " remain in " + h.file() + ".");
            }
            w.flush();
            return ExitCodes.OK;
        }
    }

    /** E.g. "task-aware" or "experiment helpdesk-mini: e5-q1-d2". */
    static String arm(RunRecord r) {
        return r.origin().experiment() == null
                ? r.origin().label()
                : r.origin().experiment() + ": " + r.origin().label();
    }

    static String describe(RunRecord r) {
        return arm(r)
                + " · "
                + r.data().name()
                + "/"
                + r.data().split()
                + " · "
                + r.model().label()
                + " · "
                + Reports.quote(r.templates().query())
                + " | "
                + Reports.quote(r.templates().document());
    }

    private static String label(String measure) {
        try {
            return MetricId.parse(measure).label();
        } catch (IllegalArgumentException e) {
            return measure;
        }
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
