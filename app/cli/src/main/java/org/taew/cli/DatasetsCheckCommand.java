package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.taew.core.logic.datasets.DatasetCheck;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.LengthLimit;
import org.taew.core.model.Mode;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taew datasets check DIR}: validates and summarises a BEIR folder. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Check a dataset folder (BEIR layout) and summarise it: every problem with file:line,",
            "counts, judgments per split, token lengths for a model and the share it would truncate.",
            "Exit code 0 when usable (warnings allowed), 3 when it has errors."
        })
final class DatasetsCheckCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "DIR",
            description = "A dataset folder, or the name of a shipped dataset.")
    String dataset;

    @Mixin ModelOption modelOption;

    @Mixin ComputeOptions compute;

    @Option(names = "--no-tokens", description = "Skip the token statistics (no model is loaded).")
    boolean noTokens;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        Path dir = Path.of(dataset);
        if (!Files.isDirectory(dir)) {
            dir = common.datasets().resolve(dataset).path();
        }
        DatasetCheck.Report r;
        String modelName = null;
        LengthLimit limit = null;
        if (noTokens) {
            r = DatasetCheck.check(dir, null, 0);
        } else {
            SessionRequest.Builder b = SessionRequest.builder().optModes(EnumSet.of(Mode.GENERAL));
            modelOption.apply(b);
            SessionSetup setup = common.resolver().resolveWithoutDataset(compute.apply(b).build());
            modelName = setup.model().name();
            limit = setup.model().lengthLimit();
            try (EvaluationSession session = EvaluationSession.open(setup, false)) {
                r =
                        DatasetCheck.check(
                                dir, session.encoder()::countTokens, setup.model().maxLength());
            }
        }
        w.println("Checked " + r.dir());
        if (r.documents() + r.queries() > 0) {
            w.printf(
                    Locale.ROOT,
                    "  corpus.jsonl    %d documents (%d never judged)%n",
                    r.documents(),
                    r.documentsNeverJudged());
            w.printf(
                    Locale.ROOT,
                    "  queries.jsonl   %d queries (%d without judgments)%n",
                    r.queries(),
                    r.queriesWithoutJudgments());
            for (DatasetCheck.Split s : r.splits()) {
                w.printf(
                        Locale.ROOT,
                        "  qrels/%-9s %d judgments for %d queries; grades %s%n",
                        s.file(),
                        s.pairs(),
                        s.queries(),
                        grades(s.grades()));
            }
        }
        if (r.settings() != null && !r.settings().equals(DatasetSettings.NONE)) {
            w.printf(
                    Locale.ROOT,
                    "  %-15s task %s; ignore identical ids %s%s%n",
                    DatasetSettings.FILE_NAME,
                    r.settings().task() == null ? "(not set)" : r.settings().task(),
                    r.settings().ignoreIdenticalIds() == null
                            ? "(not set)"
                            : r.settings().ignoreIdenticalIds(),
                    r.settings().corpus() == null ? "" : "; corpus " + r.settings().corpus());
        }
        if (r.identicalIds() != null) {
            w.printf(Locale.ROOT, "  %-15s %s%n", "ids and texts", r.identicalIds().describe());
        }
        if (r.documentTokens() != null) {
            w.printf(Locale.ROOT, "Tokens (%s, limit %s):%n", modelName, limit.shortLabel());
            w.printf(Locale.ROOT, "  limit from %s%n", limit.source());
            lengths(w, "documents", r.documentTokens());
            lengths(w, "queries", r.queryTokens());
        }
        for (DatasetCheck.Finding f : r.findings()) {
            w.println(
                    (f.severity() == DatasetCheck.Severity.ERROR ? "error: " : "warning: ")
                            + f.located());
        }
        w.printf(
                Locale.ROOT,
                "%d error%s, %d warning%s: %s%n",
                r.errors(),
                r.errors() == 1 ? "" : "s",
                r.warnings(),
                r.warnings() == 1 ? "" : "s",
                r.errors() > 0 ? "not usable until the errors are fixed" : "usable");
        w.flush();
        return r.errors() > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }

    private static String grades(Map<Integer, Integer> grades) {
        return grades.entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void lengths(PrintWriter w, String side, DatasetCheck.Lengths l) {
        w.printf(
                Locale.ROOT,
                "  %-10s min %d · median %d · p90 %d · p99 %d · max %d · truncated %d (%.1f%%)%n",
                side,
                l.min(),
                l.median(),
                l.p90(),
                l.p99(),
                l.max(),
                l.truncated(),
                100 * l.truncatedShare());
    }
}
