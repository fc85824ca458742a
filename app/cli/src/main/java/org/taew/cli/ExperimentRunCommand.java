package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.taew.core.logic.experiments.ExperimentReader;
import org.taew.core.logic.experiments.ExperimentReport;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentRunner;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.AtomicFolder;
import org.taew.core.util.WorkbenchException;
import org.taew.report.html.ExperimentHtml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taew experiment run FILE…}: many instruction variants, one leaderboard. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run an experiment file (docs/formats.md, \"Experiments\"): every variant on every dataset"
                    + " and model, with general mode and the model card's default, and BM25 (and, with"
                    + " the file's hybrid option, each variant fused with BM25) as references never"
                    + " chosen; print the leaderboard"
                    + " (main measure with bootstrap interval, delta against the baseline with paired"
                    + " interval, randomization and Holm-adjusted p, wins/losses), the sensitivity to"
                    + " wording, instruction-usage diagnostics and the best variant chosen on held-out"
                    + " queries.",
            "Writes leaderboard.md/.csv/.tex, experiment.json, MTEB's experiments layout (mteb/) and,"
                    + " with --report, report.html"
                    + " into <DIR>/<name>, replacing that folder whole (written beside it and renamed"
                    + " into place)."
        })
class ExperimentRunCommand implements Callable<Integer> {
    /**
     * The top-level names ExperimentReport.write gives an experiment's folder, which is replaced
     * whole: an existing folder holding anything else is refused, never emptied.
     */
    private static final Set<String> FILES =
            Set.of(
                    "leaderboard.md",
                    "leaderboard.csv",
                    "leaderboard.tex",
                    "experiment.json",
                    ResultsWriter.REPORT,
                    ExperimentReport.SEARCH_TRACE,
                    "mteb");

    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin ComputeOptions compute;

    @Mixin SignificanceOptions significance;

    @Option(
            names = "--report",
            description =
                    "Also write report.html into each experiment's folder: one self-contained page"
                            + " (no network needed to open it) with the recommendation, the leaderboard"
                            + " and the forest plot per dataset and model.")
    boolean report;

    @Mixin HistoryOption history;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Experiment files.")
    List<Path> files;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description =
                    "Output folder; each experiment in <DIR>/<name> (default: results/experiments).")
    Path output;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        // every file is read and checked before anything runs
        List<ExperimentSpec> specs = new ArrayList<>();
        for (Path f : files) {
            specs.add(ExperimentReader.read(f));
        }
        Path root = output != null ? output : Path.of("results", "experiments");
        for (ExperimentSpec s : specs) {
            AtomicFolder.checkReplaceable(folder(root, s), FILES::contains);
        }
        List<ExperimentResult> all = new ArrayList<>();
        for (ExperimentSpec s : specs) {
            ExperimentResult r = result(s);
            print(w, r);
            Path dir = folder(root, s);
            // written beside the folder and renamed into place: a killed run leaves no
            // folder that looks finished
            List<Path> written =
                    AtomicFolder.write(
                            dir,
                            FILES::contains,
                            d -> {
                                List<Path> files = new ArrayList<>(ExperimentReport.write(d, r));
                                if (report) {
                                    Path page = d.resolve(ResultsWriter.REPORT);
                                    AtomicFiles.writeString(page, ExperimentHtml.of(r));
                                    files.add(page);
                                }
                                return files;
                            });
            w.println("Wrote " + written.size() + " files to " + dir);
            long recorded =
                    r.results().stream()
                            .flatMap(m -> m.leaderboard().stream())
                            .mapToLong(ExperimentResult.VariantResult::runId)
                            .filter(id -> id > 0)
                            .distinct()
                            .count();
            if (recorded > 0) {
                w.println(
                        "Recorded "
                                + recorded
                                + " runs in the run history (taew runs list --experiment "
                                + s.name()
                                + ")"
                                + (r.results().stream().anyMatch(m -> m.search() != null)
                                        ? ", and each search's trace (taew runs searches)"
                                        : "")
                                + ".");
            }
            w.flush();
            all.add(r);
        }
        if (all.size() > 1) {
            Path index = root.resolve("README.md");
            AtomicFiles.writeString(index, ExperimentReport.summary(all));
            w.println("Wrote " + index);
        }
        return ExitCodes.OK;
    }

    /** The experiment run (a search overrides it). */
    ExperimentResult result(ExperimentSpec s) throws WorkbenchException {
        if (s.variants().isEmpty()) {
            throw WorkbenchException.badInput(
                    s.file()
                            + ": no variants to run, only a search block: propose wordings with taew"
                            + " experiment search");
        }
        return ExperimentRunner.run(
                s, common.resolver(), request(), significance.settings(), common.progress());
    }

    /** The options every session of the experiment shares. */
    SessionRequest request() {
        return history.apply(compute.apply(SessionRequest.builder()), RunRecord.Origin.EXPERIMENT)
                .build();
    }

    /** An experiment's folder; int8 and q4 drafts never overwrite an fp32 report. */
    private Path folder(Path root, ExperimentSpec s) {
        return root.resolve(
                compute.precision.draft() ? s.name() + "@" + compute.precision.label() : s.name());
    }

    static void print(PrintWriter w, ExperimentResult r) {
        for (ExperimentResult.ModelResult m : r.results()) {
            w.printf(
                    Locale.ROOT,
                    "%n%s · %s (task %s, %s split, %d queries), %s; Δ against %s%n",
                    m.dataset(),
                    m.model().name(),
                    m.task(),
                    m.split(),
                    m.queryIds().size(),
                    r.spec().measure().label(),
                    m.baselineName());
            w.println(m.templates() + ".");
            w.println(m.lexical() + ".");
            for (String warning : m.warnings()) {
                w.println("WARNING: " + warning + ".");
            }
            w.printf(
                    Locale.ROOT,
                    "%3s  %-28s %8s  %-17s %9s %9s  %7s  %6s %6s %5s%n",
                    "#",
                    "variant",
                    "mean",
                    "95% CI",
                    "delta",
                    "p (Holm)",
                    "W/L",
                    "cos q",
                    "cos d",
                    "top10");
            int rank = 0;
            for (ExperimentResult.VariantResult v : m.leaderboard()) {
                rank++;
                boolean base = v.name().equals(m.baselineName());
                w.printf(
                        Locale.ROOT,
                        "%3d  %-28s %8.4f  [%.3f, %.3f] %9s %9s  %7s  %6s %6s %5s%s%n",
                        rank,
                        v.name(),
                        v.mean(),
                        v.ci().low(),
                        v.ci().high(),
                        base ? "baseline" : String.format(Locale.ROOT, "%+.4f", v.delta()),
                        base ? "" : Significance.format(v.holm()),
                        base ? "" : v.wins() + "/" + v.losses(),
                        ExperimentReport.fixed(v.diagnostics().queryCosine(), 3),
                        ExperimentReport.fixed(v.diagnostics().documentCosine(), 3),
                        ExperimentReport.fixed(v.diagnostics().top10Overlap(), 2),
                        !base && v.significant() ? " *" : "");
            }
            w.println(ExperimentReport.sensitivity(m.sensitivity()));
            w.println(ExperimentReport.selection(m.selection()));
            if (m.search() != null) {
                w.println(ExperimentReport.search(m.search()));
            }
            w.println(ExperimentReport.recommendation(m.recommendation()));
        }
        w.println(
                "* differs from the baseline after Holm's adjustment ("
                        + Significance.BELOW_ALPHA
                        + ").");
        for (String warning : r.warnings()) {
            w.println("WARNING: " + warning + ".");
        }
    }
}
