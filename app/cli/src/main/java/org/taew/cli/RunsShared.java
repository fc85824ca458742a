package org.taew.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.model.MetricId;
import org.taew.core.util.WorkbenchHome;
import picocli.CommandLine.Option;

/** What the {@code taew runs} subcommands share: the history file, the filter, the labels. */
final class RunsShared {
    private RunsShared() {}

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                    .withZone(ZoneId.systemDefault());

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

    static String label(String measure) {
        try {
            return MetricId.parse(measure).label();
        } catch (IllegalArgumentException e) {
            return measure;
        }
    }

    static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
