package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.datasets.IdenticalIds;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.RunFiles;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.logic.export.RetrievalReport;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.session.LexicalOnly;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.model.MetricId;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.util.AtomicFolder;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.report.html.EvaluationHtml;
import picocli.CommandLine;

/**
 * {@code taew eval}'s paths that load no model: BM25 alone ({@code --mode bm25}) and run files made
 * elsewhere ({@code --run}), with BM25 beside them as the lexical reference.
 */
final class EvalWithoutModel {
    /** What eval was given, as these paths read it. */
    record Inputs(
            CommonOptions common,
            DatasetOptions datasetOptions,
            Boolean ignoreIdenticalIds,
            InstructionOptions instructionOptions,
            int depth,
            SignificanceOptions significance,
            HistoryOption history,
            CommandLine.Model.CommandSpec spec,
            Path output,
            List<String> runs,
            boolean report) {}

    private final Inputs c;

    EvalWithoutModel(Inputs c) {
        this.c = c;
    }

    /** The dataset entry eval names (or the default), resolved without a model. */
    static DatasetCatalog.Entry entry(CommonOptions common, DatasetOptions datasetOptions)
            throws WorkbenchException {
        return common.resolver()
                .datasets()
                .resolve(
                        datasetOptions.dataset == null
                                ? SessionDefaults.DATASET
                                : datasetOptions.dataset);
    }

    /** {@code --mode bm25}: BM25 alone, without a model. */
    int scoreLexical(List<MetricId> metrics, MetricId main) throws WorkbenchException {
        SessionResolver resolver = c.common().resolver();
        DatasetCatalog.Entry entry = entry(c.common(), c.datasetOptions());
        if (entry.kind() == DatasetCatalog.Kind.STS) {
            throw WorkbenchException.badInput(
                    entry.path()
                            + " holds sentence pairs; bm25 ranks the documents of a retrieval dataset");
        }
        DatasetSettings settings = DatasetSettings.of(entry.path());
        RetrievalDataset data = BeirReader.read(entry.path(), c.datasetOptions().split);
        IdenticalIds.Decision identical =
                IdenticalIds.decide(c.ignoreIdenticalIds(), settings, data);
        String task = SessionResolver.task(c.instructionOptions().task, settings, false);
        Path out = c.output() != null ? c.output() : Path.of("results", entry.name(), "bm25", task);
        AtomicFolder.checkReplaceable(out, ResultsWriter::isOwnFile);
        LexicalOnly.Outcome o =
                LexicalOnly.evaluate(
                        data,
                        task,
                        resolver.home(),
                        new RetrievalEvaluation.Settings(
                                metrics,
                                main,
                                c.depth(),
                                identical.ignore(),
                                c.significance().settings()),
                        c.history().noHistory ? null : RunRecord.Origin.EVAL,
                        c.common().progress());
        PrintWriter w = c.spec().commandLine().getOut();
        Reports.printRetrieval(w, o.result(), null, null);
        w.println(Reports.capitalized(identical.describe()) + ".");
        List<String> warnings = new ArrayList<>();
        if (identical.warning() != null) {
            warnings.add(identical.warning());
        }
        if (settings.judgedOnly()) {
            warnings.add(DatasetSettings.judgedOnlyWarning(entry.path()));
        }
        for (String warning : warnings) {
            w.println("Warning: " + warning + ".");
        }
        RetrievalReport lexical =
                new RetrievalReport(
                        o.result(), null, null, 0, null, identical.describe(), warnings);
        w.println(
                "Wrote "
                        + Reports.files(
                                ResultsWriter.write(
                                        out,
                                        lexical,
                                        c.report() ? EvaluationHtml.of(lexical) : null)));
        if (o.recorded() > 0) {
            w.println(
                    "Recorded as run "
                            + o.recorded()
                            + " in "
                            + WorkbenchHome.history(resolver.home())
                            + " (taew runs list).");
        }
        w.flush();
        return ExitCodes.OK;
    }

    /** {@code --run}: the run files scored and compared, without a model. */
    int scoreRuns(List<MetricId> metrics, MetricId main, boolean bm25) throws WorkbenchException {
        if (c.runs().size() > 2) {
            throw new CommandLine.ParameterException(
                    c.spec().commandLine(), "--run: give one run file to score, or two to compare");
        }
        List<RunFiles.Named> named = new ArrayList<>();
        for (String r : c.runs()) {
            int eq = r.indexOf('=');
            if (eq <= 0 || eq == r.length() - 1) {
                throw new CommandLine.ParameterException(
                        c.spec().commandLine(), "--run takes NAME=FILE, not '" + r + "'");
            }
            String name = r.substring(0, eq);
            if (named.stream().anyMatch(n -> n.name().equals(name))) {
                throw new CommandLine.ParameterException(
                        c.spec().commandLine(), "--run: the name " + name + " is given twice");
            }
            named.add(new RunFiles.Named(name, Path.of(r.substring(eq + 1))));
        }
        // the dataset only, as eval resolves it: no model is resolved or unpacked for run files
        SessionResolver resolver = c.common().resolver();
        DatasetCatalog.Entry entry =
                resolver.datasets()
                        .resolve(
                                c.datasetOptions().dataset == null
                                        ? SessionDefaults.DATASET
                                        : c.datasetOptions().dataset);
        if (entry.kind() == DatasetCatalog.Kind.STS) {
            throw WorkbenchException.badInput(
                    entry.path()
                            + " holds sentence pairs; run files are scored on retrieval datasets");
        }
        DatasetSettings settings = DatasetSettings.of(entry.path());
        RetrievalDataset data = BeirReader.read(entry.path(), c.datasetOptions().split);
        IdenticalIds.Decision identical =
                IdenticalIds.decide(c.ignoreIdenticalIds(), settings, data);
        String task = SessionResolver.task(c.instructionOptions().task, settings, false);
        RunFiles.Result r =
                RunFiles.score(
                        data,
                        named,
                        metrics,
                        main,
                        identical.ignore(),
                        c.significance().settings());
        PrintWriter w = c.spec().commandLine().getOut();
        Reports.printRuns(w, r, metrics);
        if (bm25) {
            // BM25 on the same split, queries and identical-ids decision: the lexical reference
            RetrievalEvaluation.Settings measured =
                    new RetrievalEvaluation.Settings(
                            metrics,
                            main,
                            c.depth(),
                            identical.ignore(),
                            c.significance().settings());
            RetrievalEvaluation.Result lexical =
                    LexicalOnly.evaluate(
                                    data,
                                    task,
                                    resolver.home(),
                                    measured,
                                    null,
                                    c.common().progress())
                            .result();
            ArmReports.printRunsAgainstBm25(w, r, lexical, measured);
        }
        w.println(Reports.capitalized(identical.describe()) + ".");
        if (!c.history().noHistory) {
            Path file = WorkbenchHome.history(resolver.home());
            try {
                List<Long> ids = RunFiles.record(r, file, task, main);
                w.println(
                        "Recorded as run"
                                + (ids.size() == 1 ? " " : "s ")
                                + ids.stream()
                                        .map(String::valueOf)
                                        .reduce((x, y) -> x + ", " + y)
                                        .get()
                                + " in "
                                + file
                                + " (taew runs list; taew runs compare sets them beside any other run).");
            } catch (WorkbenchException e) {
                w.println("Warning: " + e.getMessage() + "; the scored runs are not recorded.");
            }
        }
        w.flush();
        return ExitCodes.OK;
    }
}
