package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.datasets.IdenticalIds;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.StsDataset;
import org.taew.core.util.WorkbenchException;
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
                    + " instructions) or both, and compare them.",
            "Retrieval datasets (BEIR folders) give trec_eval measures; STS pair files give Spearman and Pearson.",
            "Writes results.json, per-query.csv and TREC run files to the output folder.",
        })
final class EvalCommand implements Callable<Integer> {
    static final String DEFAULT_DATASET = "helpdesk-mini";

    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--sts-columns",
            paramLabel = "FIRST,SECOND,SCORE",
            description =
                    "Columns of an STS pair file with a header (default: found by name, e.g. sentence1,"
                            + " sentence2, score; a file without a header is read in STS-Benchmark's layout).")
    String stsColumns;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description =
                    "Bundled model name or model folder (default: the first bundled model, e5-small-v2).")
    String model;

    @Option(
            names = {"-d", "--dataset"},
            paramLabel = "DATASET",
            description =
                    "Dataset name under datasets/, a BEIR folder, or an STS pair file"
                            + " (default: "
                            + DEFAULT_DATASET
                            + ").")
    String dataset;

    @Option(
            names = {"-t", "--task"},
            paramLabel = "TASK",
            description =
                    "Task in the model's instruction file (default: the dataset's task in its"
                            + " dataset.yaml, else retrieval; similarity for STS).")
    String task;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "both",
            description = "both, general or task-aware (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "--metrics",
            paramLabel = "MEASURES",
            split = ",",
            defaultValue = "ndcg_cut.10,map_cut.10,RR@10,recall.10,recall.100,P.10",
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
            defaultValue = "ndcg_cut.10",
            description = "Measure for per-query wins and losses (default: ${DEFAULT-VALUE}).")
    String mainMetric;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "qrels split (default: test, or the only one).")
    String split;

    @Option(
            names = "--instructions",
            paramLabel = "FILE",
            description =
                    "Instruction file to use instead of the one in instructions/ for this model.")
    Path instructions;

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
            names = "--depth",
            paramLabel = "N",
            defaultValue = "100",
            description = "Documents kept per query in the run files (default: ${DEFAULT-VALUE}).")
    int depth;

    @Mixin SignificanceOptions significance;

    @Mixin CacheOption cache;

    @Option(
            names = "--batch-tokens",
            paramLabel = "N",
            defaultValue = "512",
            description = "Padded tokens per encoder batch (default: ${DEFAULT-VALUE}).")
    int batchTokens;

    @Override
    public Integer call() throws WorkbenchException {
        if (!List.of("both", "general", "task-aware").contains(mode)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--mode must be both, general or task-aware, not '" + mode + "'");
        }
        DatasetCatalog.Entry entry =
                common.datasets().resolve(dataset == null ? DEFAULT_DATASET : dataset);
        boolean sts = entry.kind() == DatasetCatalog.Kind.STS;
        DatasetSettings datasetSettings =
                sts ? DatasetSettings.NONE : DatasetSettings.of(entry.path());
        String taskName = datasetSettings.task(task, sts ? "similarity" : "retrieval");
        ModelSpec modelSpec = common.model(model);
        InstructionChoice choice =
                mode.equals("general")
                        ? null
                        : InstructionChoice.resolve(modelSpec, taskName, instructions, common);
        Map<Mode, InstructionPair> modes = InstructionChoice.modes(mode, choice);
        Path out =
                output != null
                        ? output
                        : Path.of("results", entry.name(), modelSpec.name(), taskName);
        PrintWriter w = spec.commandLine().getOut();
        EncoderOptions options =
                new EncoderOptions(
                        batchTokens,
                        EncoderOptions.DEFAULT.maxBatchSize(),
                        EncoderOptions.DEFAULT.intraOpThreads(),
                        EncoderOptions.DEFAULT.workers());
        // Everything that can be wrong with the input is checked before the model is loaded.
        StsDataset stsData = sts ? StsReader.readAuto(entry.path(), stsColumns) : null;
        RetrievalDataset data = sts ? null : BeirReader.read(entry.path(), split);
        IdenticalIds.Decision identical =
                sts ? null : IdenticalIds.decide(ignoreIdenticalIds, datasetSettings, data);
        RetrievalEvaluation.Settings settings =
                sts
                        ? null
                        : new RetrievalEvaluation.Settings(
                                metrics(),
                                parseMetric("--main-metric", mainMetric),
                                depth,
                                identical.ignore(),
                                significance.settings());
        Path source = choice == null ? null : choice.source;
        try (Encoder encoder = common.openEncoder(modelSpec, options);
                EmbeddingService embedder = cache.embedder(encoder, common)) {
            String engine = encoder.engine();
            if (sts) {
                StsEvaluation.Result result =
                        StsEvaluation.run(stsData, taskName, modes, embedder, common.progress());
                Reports.printSts(w, result, modelSpec, source);
                w.println(
                        "Wrote "
                                + describe(ResultsWriter.writeSts(out, result, modelSpec, engine)));
            } else {
                RetrievalEvaluation.Result result =
                        RetrievalEvaluation.run(
                                data,
                                taskName,
                                modes,
                                embedder,
                                Engines.vectorSearch(),
                                settings,
                                common.progress());
                Reports.printRetrieval(w, result, modelSpec, source);
                w.println(Reports.capitalized(identical.describe()) + ".");
                if (identical.warning() != null) {
                    w.println("Warning: " + identical.warning() + ".");
                }
                if (datasetSettings.judgedOnly()) {
                    w.println("Warning: " + DatasetSettings.judgedOnlyWarning(entry.path()) + ".");
                }
                w.println(
                        "Wrote "
                                + describe(
                                        ResultsWriter.writeRetrieval(
                                                out, result, modelSpec, engine, source)));
            }
        }
        w.flush();
        return ExitCodes.OK;
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

    static String describe(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        Path dir = files.get(0).getParent();
        sb.append(dir).append("/{");
        for (int i = 0; i < files.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(files.get(i).getFileName());
        }
        return sb.append('}').toString();
    }
}
