package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.export.ResultsTable;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.MetricId;
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

    @Mixin ComputeOptions compute;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "qrels split of every dataset (default: test, or the only one).")
    String split;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        MetricId measure = MetricId.parse(SessionDefaults.MAIN_METRIC);
        if (updateCards && compute.precision.draft()) {
            throw WorkbenchException.badInput(
                    "--update-cards writes the datasets' reference figures, which are of fp32 weights;"
                            + " run without --precision "
                            + compute.precision.label()
                            + " (or without --update-cards for a draft table)");
        }
        SessionResolver resolver = common.resolver();
        // every input is read and every model's task resolved before the first model is loaded
        List<DatasetCatalog.Entry> entries = datasetEntries();
        for (DatasetCatalog.Entry e : entries) {
            if (e.kind() != DatasetCatalog.Kind.RETRIEVAL) {
                throw WorkbenchException.badInput(
                        e.path() + ": the results table takes retrieval datasets (BEIR folders)");
            }
        }
        List<List<SessionSetup>> setups = new ArrayList<>();
        for (String name : modelNames()) {
            List<SessionSetup> forModel = new ArrayList<>();
            for (DatasetCatalog.Entry e : entries) {
                SessionRequest.Builder b =
                        SessionRequest.builder()
                                .optDataset(e.path().toString())
                                .optSplit(split)
                                .optModel(name)
                                .optLexical(LexicalSettings.BM25);
                forModel.add(resolver.resolve(compute.apply(b).build()));
            }
            setups.add(forModel);
        }
        for (SessionSetup s : setups.get(0)) {
            if (s.identicalIds().warning() != null) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "Warning: "
                                        + s.dataset().name()
                                        + ": "
                                        + s.identicalIds().warning());
            }
        }
        List<List<ResultsTable.Row>> byDataset = new ArrayList<>();
        entries.forEach(d -> byDataset.add(new ArrayList<>()));
        for (List<SessionSetup> forModel : setups) {
            EvaluationSession session = null;
            try {
                for (int i = 0; i < forModel.size(); i++) {
                    SessionSetup setup = forModel.get(i);
                    session =
                            session == null
                                    ? EvaluationSession.open(setup, false)
                                    : session.retarget(setup, false);
                    RetrievalEvaluation.Result r =
                            session.evaluateRetrieval(
                                    session.retrievalSettings(
                                            List.of(measure),
                                            measure,
                                            SessionDefaults.DEPTH,
                                            significance.settings()),
                                    common.progress());
                    ResultsTable.Row row =
                            ResultsTable.row(
                                    Precision.displayName(setup.model()),
                                    session.encoder().engine(),
                                    r);
                    byDataset.get(i).add(row);
                    w.printf(
                            Locale.ROOT,
                            "%-20s %-20s %-20s general %.4f  task-aware %.4f  delta %+.4f  p %.4f%n",
                            setup.dataset().name(),
                            Precision.displayName(setup.model()),
                            setup.task(),
                            row.general().mean(),
                            row.taskAware().mean(),
                            row.delta().delta(),
                            row.delta().pValue());
                    w.flush();
                }
            } finally {
                if (session != null) {
                    session.close();
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
            for (int i = 0; i < entries.size(); i++) {
                Path card = entries.get(i).path().resolve("README.md");
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
