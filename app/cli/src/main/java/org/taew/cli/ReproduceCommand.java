package org.taew.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.datasets.IdenticalIds;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.evaluation.Reproduction;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.LexicalOnly;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.Arm;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TemplateSource;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taew reproduce}: our scores next to the expected ones. */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate each model of an expected-results file on its data and print our score next to the"
                    + " expected one: a shipped dataset's expected.yaml (retrieval, both modes) or a spec in"
                    + " datasets/reproductions/ (STS-Benchmark against MTEB's published figures).",
            "Without a name, every spec and every dataset with expected.yaml. Exit code 6 when any score"
                    + " differs by more than the file's tolerance.",
        })
final class ReproduceCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Mixin ComputeOptions compute;

    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "NAME",
            arity = "0..*",
            description =
                    "Datasets (name or folder) with an expected.yaml, spec names of"
                            + " datasets/reproductions/, or files (default: all).")
    List<String> names;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "With one STS spec: use this data file instead of the spec's.")
    Path data;

    @Option(
            names = "--record",
            description =
                    "Measure the named datasets now (every bundled model, both modes, nDCG@10) and write"
                            + " their expected.yaml; nothing is compared.")
    boolean record;

    private static final double RECORD_TOLERANCE = 0.002;

    @Override
    public Integer call() throws WorkbenchException {
        Workspace ws = common.workspace();
        SessionResolver resolver = common.resolver();
        PrintWriter w = spec.commandLine().getOut();
        if (record) {
            return record(resolver, w);
        }
        List<Path> files = files(ws, resolver);
        if (data != null && files.size() != 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--data goes with one spec, not " + files.size());
        }
        List<Reproduction> specs = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (Path f : files) {
            Reproduction r = Reproduction.read(f, ws.root());
            Path d = data != null ? data : r.data();
            if (r.sts() && !Files.isRegularFile(d)) {
                if (names != null) {
                    throw WorkbenchException.badInput(
                            d + " (data of " + f + ") does not exist; pass --data FILE");
                }
                notRun.add(r.name() + ": " + d + " does not exist");
                continue;
            }
            specs.add(r);
        }
        boolean all = true;
        for (Reproduction r : specs) {
            all &= run(r, data != null ? data : r.data(), resolver, w);
        }
        for (String n : notRun) {
            w.println("Not run: " + n + " (pass its name and --data FILE).");
        }
        w.println(
                all
                        ? "All models reproduce the expected figures."
                        : "Some models do not reproduce.");
        w.flush();
        return all ? ExitCodes.OK : ExitCodes.MISMATCH;
    }

    /** The files to run: those named, or every spec and every dataset's expected.yaml. */
    private List<Path> files(Workspace ws, SessionResolver resolver) throws WorkbenchException {
        Path specs = ws.datasets().resolve("reproductions");
        List<Path> files = new ArrayList<>();
        if (names == null) {
            files.addAll(Reproduction.list(specs));
            for (DatasetCatalog.Entry e : resolver.datasets().list()) {
                Path f = e.path().resolve(Reproduction.DATASET_FILE);
                if (Files.isRegularFile(f)) {
                    files.add(f);
                }
            }
            return files;
        }
        for (String n : names) {
            files.add(file(n, specs, resolver));
        }
        return files;
    }

    private static Path file(String name, Path specs, SessionResolver resolver)
            throws WorkbenchException {
        Path p = Path.of(name);
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (Files.isRegularFile(specs.resolve(name + ".yaml"))) {
            return specs.resolve(name + ".yaml");
        }
        Path dir;
        try {
            dir = resolver.datasets().resolve(name).path();
        } catch (WorkbenchException e) {
            List<String> known = new ArrayList<>();
            for (Path s : Reproduction.list(specs)) {
                known.add(s.getFileName().toString().replaceFirst("\\.yaml$", ""));
            }
            throw WorkbenchException.badInput(
                    "No reproduction spec or dataset \"" + name + "\"; specs: " + known);
        }
        Path f = dir.resolve(Reproduction.DATASET_FILE);
        if (!Files.isRegularFile(f)) {
            throw WorkbenchException.badInput(
                    dir + " has no " + Reproduction.DATASET_FILE + "; record one with --record");
        }
        return f;
    }

    /** Evaluates every model of a spec and prints the table; whether all match. */
    private boolean run(Reproduction r, Path dataPath, SessionResolver resolver, PrintWriter w)
            throws WorkbenchException {
        w.printf(
                Locale.ROOT,
                "%s: %s, %s within ±%s (%s)%n",
                r.name(),
                dataPath,
                r.metric(),
                BigDecimal.valueOf(r.tolerance()).toPlainString(),
                r.file());
        List<Reproduction.Row> rows = new ArrayList<>();
        Map<String, TemplateSource> templates = new LinkedHashMap<>();
        for (String model : r.models()) {
            Map<Mode, Double> ours = measure(r, model, dataPath, resolver, templates);
            for (Reproduction.Expected e : r.expected()) {
                if (e.arm().dense() && e.model().equals(model)) {
                    rows.add(
                            new Reproduction.Row(
                                    model,
                                    e.arm(),
                                    e.metric(),
                                    ours.get(e.arm().mode()),
                                    e.value()));
                }
            }
        }
        if (!r.bm25().isEmpty()) {
            Map<String, Double> ours = measureBm25(r.bm25(), dataPath, resolver);
            for (Reproduction.Expected e : r.bm25()) {
                rows.add(
                        new Reproduction.Row(
                                e.model(), e.arm(), e.metric(), ours.get(e.metric()), e.value()));
            }
        }
        w.printf(
                Locale.ROOT,
                "%-20s %9s %10s %9s  %-6s %s%n",
                "model",
                "ours",
                "expected",
                "diff",
                "within",
                "arm");
        boolean all = true;
        for (Reproduction.Row row : rows) {
            boolean ok = r.matches(row);
            all &= ok;
            w.printf(
                    Locale.ROOT,
                    "%-20s %9.5f %10.5f %+9.5f  %-6s %s%n",
                    row.model(),
                    row.ours(),
                    row.expected(),
                    Math.abs(row.difference()) < 5e-6 ? 0.0 : row.difference(), // no "-0.00000"
                    ok ? "yes" : "NO",
                    row.arm().label()
                            + (row.metric().equals(r.metric())
                                    ? ""
                                    : ", " + MetricId.parse(row.metric()).label()));
        }
        templates.forEach((model, t) -> w.printf(Locale.ROOT, "%s: %s%n", model, t.line()));
        w.println();
        w.flush();
        return all;
    }

    /**
     * A model's score in each mode the spec expects; where its task-aware templates came from goes
     * into {@code templates}.
     */
    private Map<Mode, Double> measure(
            Reproduction r,
            String model,
            Path dataPath,
            SessionResolver resolver,
            Map<String, TemplateSource> templates)
            throws WorkbenchException {
        if (compute.dimension != 0) {
            throw WorkbenchException.badInput(
                    "--dim does not apply to reproduce: the expected figures are of full vectors");
        }
        if (compute.precision != Precision.FP32) {
            throw WorkbenchException.badInput(
                    "--precision "
                            + compute.precision.label()
                            + " does not apply to reproduce: the expected figures are of fp32 weights"
                            + " (compare precisions with eval)");
        }
        SessionRequest.Builder b =
                SessionRequest.builder()
                        .optDataset(dataPath.toString())
                        .optModel(model)
                        .optModes(r.modes(model));
        SessionSetup setup = resolver.resolve(compute.apply(b).build());
        if (setup.templateSource() != null) {
            templates.put(model, setup.templateSource());
        }
        Map<Mode, Double> ours = new LinkedHashMap<>();
        try (EvaluationSession session = EvaluationSession.open(setup, false)) {
            if (r.sts()) {
                StsEvaluation.Result result = session.evaluateSts(common.progress());
                result.modes().forEach((m, v) -> ours.put(m, v.spearman()));
            } else {
                MetricId metric = MetricId.parse(r.metric());
                RetrievalEvaluation.Result result =
                        session.evaluateRetrieval(
                                session.retrievalSettings(
                                        List.of(metric),
                                        metric,
                                        SessionDefaults.DEPTH,
                                        ModeComparison.Settings.DEFAULT),
                                common.progress());
                result.modes().forEach((m, v) -> ours.put(m, v.scores().mean(metric)));
            }
        }
        return ours;
    }

    /**
     * BM25's score on each measure it is expected on: Lucene BM25 with Anserini's defaults, the
     * dataset's own decision about identical ids, no model.
     */
    private Map<String, Double> measureBm25(
            List<Reproduction.Expected> expected, Path dataPath, SessionResolver resolver)
            throws WorkbenchException {
        List<MetricId> metrics = new ArrayList<>();
        for (Reproduction.Expected e : expected) {
            metrics.add(MetricId.parse(e.metric()));
        }
        DatasetSettings settings = DatasetSettings.of(dataPath);
        RetrievalDataset data = BeirReader.read(dataPath, null);
        IdenticalIds.Decision identical = IdenticalIds.decide(null, settings, data);
        RetrievalEvaluation.Result result =
                LexicalOnly.evaluate(
                                data,
                                SessionResolver.task(null, settings, false),
                                resolver.home(),
                                new RetrievalEvaluation.Settings(
                                        metrics,
                                        metrics.get(0),
                                        SessionDefaults.DEPTH,
                                        identical.ignore(),
                                        ModeComparison.Settings.DEFAULT),
                                null,
                                common.progress())
                        .result();
        Map<String, Double> ours = new LinkedHashMap<>();
        for (MetricId m : metrics) {
            ours.put(m.name(), result.arms().get(Arm.BM25).scores().mean(m));
        }
        return ours;
    }

    /** Measures the named datasets with every bundled model and writes their expected.yaml. */
    private int record(SessionResolver resolver, PrintWriter w) throws WorkbenchException {
        if (names == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--record needs the datasets to record");
        }
        String metric = SessionDefaults.MAIN_METRIC;
        for (String n : names) {
            DatasetCatalog.Entry e = resolver.datasets().resolve(n);
            if (e.kind() != DatasetCatalog.Kind.RETRIEVAL) {
                throw WorkbenchException.badInput(e.path() + ": --record takes retrieval datasets");
            }
            Path file = e.path().resolve(Reproduction.DATASET_FILE);
            List<Reproduction.Row> rows = new ArrayList<>();
            for (ModelCatalog.BundledModel m : resolver.models().bundled()) {
                Reproduction both =
                        new Reproduction(
                                file,
                                e.name(),
                                e.path(),
                                false,
                                metric,
                                RECORD_TOLERANCE,
                                List.of(
                                        new Reproduction.Expected(
                                                m.name(), Mode.GENERAL, metric, 0),
                                        new Reproduction.Expected(
                                                m.name(), Mode.TASK_AWARE, metric, 0)));
                Map<String, TemplateSource> templates = new LinkedHashMap<>();
                measure(both, m.name(), e.path(), resolver, templates)
                        .forEach(
                                (mode, v) ->
                                        rows.add(
                                                new Reproduction.Row(
                                                        m.name(), Arm.of(mode), metric, v, v)));
                templates.forEach((model, t) -> w.printf(Locale.ROOT, "%s: %s%n", model, t.line()));
            }
            List<Reproduction.Expected> lexical = new ArrayList<>();
            for (String lm : List.of(metric, SessionDefaults.RECALL_100)) {
                lexical.add(new Reproduction.Expected(Reproduction.BM25, Arm.BM25, lm, 0));
            }
            measureBm25(lexical, e.path(), resolver)
                    .forEach(
                            (lm, v) ->
                                    rows.add(
                                            new Reproduction.Row(
                                                    Reproduction.BM25, Arm.BM25, lm, v, v)));
            Reproduction.record(
                    e.path(),
                    metric,
                    RECORD_TOLERANCE,
                    rows,
                    "taew reproduce --record " + e.name());
            w.println("Wrote " + file);
        }
        w.flush();
        return ExitCodes.OK;
    }
}
