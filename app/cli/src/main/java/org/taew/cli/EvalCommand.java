package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.export.EvaluationReport;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.MetricId;
import org.taew.core.util.AtomicFolder;
import org.taew.core.util.WorkbenchException;
import org.taew.report.html.EvaluationHtml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taew eval}: general vs task-aware on one model, dataset and task. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate a model on a dataset in general mode (no instruction), task-aware mode (the task's"
                    + " instructions) or both, beside BM25 (the lexical reference) and optionally a hybrid of"
                    + " BM25 and a dense mode, and compare them.",
            "Retrieval datasets (BEIR folders) give trec_eval measures; STS pair files give Spearman and Pearson.",
            "Writes results.json, per-query.csv and TREC run files to the output folder, which they"
                    + " replace whole (written beside it and renamed into place).",
        })
final class EvalCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Mixin DatasetOptions datasetOptions;

    @Mixin ModelOption modelOption;

    @Mixin InstructionOptions instructionOptions;

    @Mixin ComputeOptions compute;

    @Mixin HistoryOption history;

    @Mixin SignificanceOptions significance;

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--sts-columns",
            paramLabel = "FIRST,SECOND,SCORE",
            description =
                    "Columns of an STS pair file with a header (default: found by name, e.g. sentence1,"
                            + " sentence2, score; a file without a header is read in STS-Benchmark's layout).")
    String stsColumns;

    @Option(
            names = "--mode",
            paramLabel = "ARMS",
            split = ",",
            defaultValue = ArmChoice.DEFAULT,
            description =
                    "The arms to evaluate, comma-separated: general (no instruction), task-aware (the task's"
                            + " instructions), bm25 (Lucene BM25 with Anserini's defaults, no model), hybrid"
                            + " (BM25 fused with a dense arm); both (general,task-aware) or all (default:"
                            + " ${DEFAULT-VALUE}; bm25 is left out on STS pairs). bm25 alone loads no model.")
    List<String> modeNames;

    @Mixin ArmChoice.HybridOptions hybrid;

    @Option(
            names = "--metrics",
            paramLabel = "MEASURES",
            split = ",",
            defaultValue = SessionDefaults.METRICS,
            description =
                    "Measures: trec_eval names (ndcg_cut.k, map_cut.k, recall.k, P.k, recip_rank), RR@k"
                            + " for the reciprocal rank cut at k (default: ${DEFAULT-VALUE}).")
    List<String> metricNames;

    @Option(
            names = {"-k", "--k"},
            paramLabel = "K",
            split = ",",
            description =
                    "Cut-offs: every measure (nDCG, MAP, MRR, Recall, P) at each of them, instead of --metrics.")
    List<Integer> cutoffs;

    @Option(
            names = "--main-metric",
            paramLabel = "MEASURE",
            defaultValue = SessionDefaults.MAIN_METRIC,
            description = "Measure for per-query wins and losses (default: ${DEFAULT-VALUE}).")
    String mainMetric;

    @Option(
            names = "--ignore-identical-ids",
            negatable = true,
            description =
                    "Drop a retrieved document whose id equals the query id (symmetric sets; default:"
                            + " as the dataset's dataset.yaml says, else on when queries are also"
                            + " documents: the same id with the same text).")
    Boolean ignoreIdenticalIds;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Output folder (default: results/<dataset>/<model>/<task>).")
    Path output;

    @Option(
            names = "--report",
            description =
                    "Also write report.html into the output folder: one self-contained page (no network"
                            + " needed to open it) with the settings, tables, charts and the queries that"
                            + " moved most.")
    boolean report;

    @Option(
            names = "--depth",
            paramLabel = "N",
            defaultValue = "" + SessionDefaults.DEPTH,
            description = "Documents kept per query in the run files (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(
            names = "--run",
            paramLabel = "NAME=FILE",
            description =
                    "Score a TREC run file made elsewhere (taew-spark search, another toolkit) against the dataset's"
                            + " judgments instead of encoding: no model is loaded. Give two to compare the second"
                            + " with the first (deltas, intervals, paired test), e.g. --run general=a.run --run"
                            + " task-aware=b.run.")
    List<String> runs = new ArrayList<>();

    @Override
    public Integer call() throws WorkbenchException {
        List<MetricId> metrics = metrics();
        MetricId main = parseMetric("--main-metric", mainMetric);
        ArmChoice arms;
        LexicalSettings lexical;
        try {
            arms = ArmChoice.parse(modeNames);
            lexical = arms.lexical(hybrid);
        } catch (CommandLine.TypeConversionException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!runs.isEmpty()) {
            if (report) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--report: scored run files are recorded in the run history, not written to a"
                                + " folder; make their report with taew runs report A B");
            }
            return new EvalWithoutModel(inputs()).scoreRuns(metrics, main, lexical.bm25());
        }
        boolean asked = spec.commandLine().getParseResult().hasMatchedOption("--mode");
        if (!asked
                && EvalWithoutModel.entry(common, datasetOptions).kind()
                        == DatasetCatalog.Kind.STS) {
            lexical = LexicalSettings.NONE; // the default's BM25 ranks documents, not pairs
        }
        if (arms.lexicalOnly()) {
            return new EvalWithoutModel(inputs()).scoreLexical(metrics, main);
        }
        SessionRequest.Builder b =
                SessionRequest.builder()
                        .optModes(arms.modes(lexical))
                        .optLexical(lexical)
                        .optIgnoreIdenticalIds(ignoreIdenticalIds)
                        .optStsColumns(stsColumns);
        datasetOptions.apply(b);
        modelOption.apply(b);
        instructionOptions.apply(b);
        compute.apply(b);
        history.apply(b, RunRecord.Origin.EVAL);
        // Everything that can be wrong with the input is checked before the model is loaded.
        SessionSetup setup = common.resolver().resolve(b.build());
        Path out =
                output != null
                        ? output
                        : Path.of(
                                "results",
                                setup.dataset().name(),
                                Precision.folderName(setup.model()),
                                setup.task());
        // the results replace the folder whole: one that holds other files stops it before the work
        AtomicFolder.checkReplaceable(out, ResultsWriter::isOwnFile);
        PrintWriter w = spec.commandLine().getOut();
        try (EvaluationSession session = EvaluationSession.open(setup, false)) {
            if (setup.isSts()) {
                StsEvaluation.Result result = session.evaluateSts(common.progress());
                Reports.printSts(w, result, setup.model(), setup.templateSource());
                write(w, out, session.report(result, setup.templateSource()));
            } else {
                RetrievalEvaluation.Result result =
                        session.evaluateRetrieval(
                                session.retrievalSettings(
                                        metrics, main, depth, significance.settings()),
                                common.progress());
                Reports.printRetrieval(w, result, setup.model(), setup.templateSource());
                boolean ignored = result.settings().ignoreIdenticalIds();
                w.println(Reports.capitalized(session.identicalIds(ignored).describe()) + ".");
                for (String warning : session.warnings(ignored)) {
                    w.println("Warning: " + warning + ".");
                }
                write(w, out, session.report(result, setup.templateSource()));
                HistoryOption.report(w, session, session.lastRecorded());
            }
        }
        w.flush();
        return ExitCodes.OK;
    }

    /** Writes the evaluation's folder, with its HTML report when asked, and says what it wrote. */
    private void write(PrintWriter w, Path out, EvaluationReport r) throws WorkbenchException {
        List<Path> files = ResultsWriter.write(out, r, report ? EvaluationHtml.of(r) : null);
        w.println("Wrote " + Reports.files(files));
    }

    private List<MetricId> metrics() {
        List<MetricId> metrics = new ArrayList<>();
        if (cutoffs != null) {
            for (int k : cutoffs) {
                if (k < 1) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--k: cut-offs must be at least 1, not " + k);
                }
            }
            for (MetricId.Kind kind : MetricId.Kind.values()) {
                for (int k : cutoffs) {
                    if (kind.cut()) {
                        metrics.add(new MetricId(kind, k));
                    }
                }
            }
            return metrics;
        }
        for (String name : metricNames) {
            metrics.add(parseMetric("--metrics", name));
        }
        return metrics;
    }

    private MetricId parseMetric(String option, String name) {
        try {
            return MetricId.parse(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private EvalWithoutModel.Inputs inputs() {
        return new EvalWithoutModel.Inputs(
                common,
                datasetOptions,
                ignoreIdenticalIds,
                instructionOptions,
                depth,
                significance,
                history,
                spec,
                output,
                runs,
                report);
    }
}
