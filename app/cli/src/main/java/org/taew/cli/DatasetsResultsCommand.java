package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.datasets.IdenticalIds;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.export.ResultsTable;
import org.taew.core.model.MetricId;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.YamlNodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taew datasets results}: general vs task-aware for every dataset and model, as a table. */
@Command(
        name = "results",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate every dataset (or those named) with every bundled model (or those named) in"
                    + " general and task-aware mode, each dataset with the task and settings of its"
                    + " dataset.yaml, and write one Markdown table: nDCG@10 per mode with bootstrap"
                    + " 95%% intervals, the delta with its interval, the randomization-test p-value.",
            "With --update-cards, each dataset's README.md gets its rows in its \"Measured\" section."
        })
final class DatasetsResultsCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-m", "--models"},
            paramLabel = "MODEL",
            split = ",",
            description = "Models (default: every bundled model).")
    List<String> models;

    @Option(
            names = {"-d", "--datasets"},
            paramLabel = "DATASET",
            split = ",",
            description = "Datasets by name or folder (default: every dataset under datasets/).")
    List<String> datasets;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            required = true,
            description = "Markdown file to write (replaced atomically).")
    Path output;

    @Option(
            names = "--update-cards",
            description = "Also rewrite the results section of each dataset's README.md.")
    boolean updateCards;

    @Mixin SignificanceOptions significance;

    @Mixin CacheOption cache;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        MetricId measure = MetricId.parse("ndcg_cut.10");
        RetrievalEvaluation.Settings base =
                new RetrievalEvaluation.Settings(
                        List.of(measure), measure, 100, false, significance.settings());
        // every input is read and checked before the first model is loaded
        List<Loaded> data = new ArrayList<>();
        for (DatasetCatalog.Entry e : datasetEntries()) {
            if (e.kind() != DatasetCatalog.Kind.RETRIEVAL) {
                throw WorkbenchException.badInput(
                        e.path() + ": the results table takes retrieval datasets (BEIR folders)");
            }
            RetrievalDataset read = BeirReader.read(e.path(), null);
            DatasetSettings settings = DatasetSettings.of(e.path());
            IdenticalIds.Decision ids = IdenticalIds.decide(null, settings, read);
            if (ids.warning() != null) {
                spec.commandLine().getErr().println("Warning: " + e.name() + ": " + ids.warning());
            }
            data.add(new Loaded(e, read, settings, ids.ignore()));
        }
        List<ModelSpec> specs = new ArrayList<>();
        List<List<InstructionChoice>> choices = new ArrayList<>();
        for (String name : modelNames()) {
            ModelSpec m = common.model(name);
            List<InstructionChoice> forModel = new ArrayList<>();
            for (Loaded d : data) {
                forModel.add(
                        InstructionChoice.resolve(
                                m, d.settings.task(null, "retrieval"), null, common));
            }
            specs.add(m);
            choices.add(forModel);
        }
        List<List<ResultsTable.Row>> byDataset = new ArrayList<>();
        data.forEach(d -> byDataset.add(new ArrayList<>()));
        for (int mi = 0; mi < specs.size(); mi++) {
            ModelSpec m = specs.get(mi);
            try (Encoder encoder = common.openEncoder(m, EncoderOptions.DEFAULT);
                    EmbeddingService embedder = cache.embedder(encoder, common)) {
                for (int i = 0; i < data.size(); i++) {
                    Loaded d = data.get(i);
                    InstructionChoice choice = choices.get(mi).get(i);
                    RetrievalEvaluation.Settings settings =
                            new RetrievalEvaluation.Settings(
                                    base.metrics(),
                                    base.mainMetric(),
                                    base.depth(),
                                    d.ignoreIdenticalIds,
                                    base.significance());
                    RetrievalEvaluation.Result r =
                            RetrievalEvaluation.run(
                                    d.data,
                                    choice.task.name(),
                                    InstructionChoice.modes("both", choice),
                                    embedder,
                                    Engines.vectorSearch(),
                                    settings,
                                    common.progress());
                    ResultsTable.Row row = ResultsTable.row(m.name(), encoder.engine(), r);
                    byDataset.get(i).add(row);
                    w.printf(
                            Locale.ROOT,
                            "%-20s %-20s %-20s general %.4f  task-aware %.4f  delta %+.4f  p %.4f%n",
                            d.entry.name(),
                            m.name(),
                            choice.task.name(),
                            row.general().mean(),
                            row.taskAware().mean(),
                            row.delta().delta(),
                            row.delta().pValue());
                    w.flush();
                }
            }
        }
        // dataset by dataset, models in the order given
        List<ResultsTable.Row> rows = new ArrayList<>();
        byDataset.forEach(rows::addAll);
        String command = commandLine();
        AtomicFiles.writeString(output, ResultsTable.markdown(rows, measure.label(), command));
        w.println("Wrote " + output);
        if (updateCards) {
            for (int i = 0; i < data.size(); i++) {
                Loaded d = data.get(i);
                Path card = d.entry.path().resolve("README.md");
                String old = Files.isRegularFile(card) ? YamlNodes.readUtf8(card) : "";
                AtomicFiles.writeString(
                        card,
                        ResultsTable.updateCard(
                                old,
                                ResultsTable.cardSection(
                                        byDataset.get(i), measure.label(), command)));
                w.println("Updated " + card);
            }
        }
        w.flush();
        return ExitCodes.OK;
    }

    private record Loaded(
            DatasetCatalog.Entry entry,
            RetrievalDataset data,
            DatasetSettings settings,
            boolean ignoreIdenticalIds) {}

    private List<DatasetCatalog.Entry> datasetEntries() throws WorkbenchException {
        DatasetCatalog catalog = common.datasets();
        if (datasets == null) {
            List<DatasetCatalog.Entry> all = catalog.list();
            if (all.isEmpty()) {
                throw WorkbenchException.badInput("No dataset under " + catalog.dir());
            }
            return all;
        }
        List<DatasetCatalog.Entry> named = new ArrayList<>();
        for (String d : datasets) {
            named.add(catalog.resolve(d));
        }
        return named;
    }

    private List<String> modelNames() throws WorkbenchException {
        if (models != null) {
            return models;
        }
        List<String> names = new ArrayList<>();
        for (ModelCatalog.BundledModel b : common.models().bundled()) {
            if (b.available()) {
                names.add(b.name());
            }
        }
        if (names.isEmpty()) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "No bundled model is on the class path; name model folders with --models");
        }
        return names;
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("taew");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            sb.append(' ').append(a.contains(" ") ? '"' + a + '"' : a);
        }
        return sb.toString();
    }
}
