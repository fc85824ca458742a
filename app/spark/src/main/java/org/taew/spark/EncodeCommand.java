package org.taew.spark;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.encoding.VectorExchange;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Mode;
import org.taew.core.model.Side;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code taew-spark encode}: resolves the model, task and template on the driver as the workbench
 * does, then runs {@link EncodeJob} over the input and reports what it wrote.
 */
@Command(
        name = "encode",
        mixinStandardHelpOptions = true,
        description = {
            "Encode a BEIR file (corpus.jsonl, queries.jsonl) or parquet with id and text columns, from any"
                    + " path Spark reads, with the workbench's model and the side's template; write parquet"
                    + " vectors that `taew cache import` takes (see docs/spark.md)."
        })
final class EncodeCommand extends SparkOptions implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "PATH",
            description = "Texts to encode.")
    String input;

    @Option(
            names = "--format",
            paramLabel = "beir|parquet",
            description =
                    "The input's format (default: parquet when the path ends in .parquet, else beir).")
    String format;

    @Option(
            names = "--side",
            required = true,
            paramLabel = "query|document",
            description = "Which template, and whether BEIR titles count (documents).")
    String side;

    @Option(
            names = "--mode",
            defaultValue = "general",
            paramLabel = "general|task-aware",
            description = "Without instruction, or with the task's (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "--model",
            paramLabel = "NAME|DIR",
            description =
                    "A bundled model's name or a model folder present on every executor (--archives).")
    String model;

    @Option(
            names = "--precision",
            paramLabel = "fp32|int8|q4",
            defaultValue = "fp32",
            description = "Weights.")
    String precision;

    @Option(
            names = "--dim",
            paramLabel = "N",
            defaultValue = "0",
            description = "Matryoshka: first N dimensions.")
    int dim;

    @Option(
            names = "--task",
            paramLabel = "NAME",
            description = "The task of the instruction set (task-aware).")
    String task;

    @Option(
            names = "--instructions",
            paramLabel = "FILE",
            description = "The instruction set (task-aware).")
    Path instructions;

    @Option(
            names = "--workspace",
            paramLabel = "DIR",
            description = "Folder with instructions/ (driver).")
    Path workspace;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Where bundled models are unpacked, on the driver and every executor.")
    Path home;

    @Option(
            names = "--id-column",
            paramLabel = "NAME",
            description = "parquet: the id's column (_id or id).")
    String idColumn;

    @Option(
            names = "--text-column",
            paramLabel = "NAME",
            description = "parquet: the text's column (text).")
    String textColumn;

    @Option(
            names = "--title-column",
            paramLabel = "NAME",
            description = "parquet: a title's column.")
    String titleColumn;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "PATH",
            description = "The output folder; must not exist.")
    String output;

    @Option(names = "--fail-first-attempt-of-partition", hidden = true, defaultValue = "-1")
    int failPartition;

    @Override
    public Integer call() throws WorkbenchException {
        Side s =
                switch (side.toLowerCase(Locale.ROOT)) {
                    case "query" -> Side.QUERY;
                    case "document" -> Side.DOCUMENT;
                    default ->
                            throw new CommandLine.ParameterException(
                                    spec.commandLine(),
                                    "--side must be query or document, not '" + side + "'");
                };
        Mode m =
                switch (mode.toLowerCase(Locale.ROOT)) {
                    case "general" -> Mode.GENERAL;
                    case "task-aware" -> Mode.TASK_AWARE;
                    default ->
                            throw new CommandLine.ParameterException(
                                    spec.commandLine(),
                                    "--mode must be general or task-aware, not '" + mode + "'");
                };
        boolean parquet =
                format == null
                        ? input.endsWith(".parquet")
                        : switch (format.toLowerCase(Locale.ROOT)) {
                            case "parquet" -> true;
                            case "beir" -> false;
                            default ->
                                    throw new CommandLine.ParameterException(
                                            spec.commandLine(), "--format must be beir or parquet");
                        };
        if (home != null) {
            WorkbenchHome.set(home);
        }
        Path h = WorkbenchHome.resolve();
        // executors resolve their own home ($TAEW_HOME, else the default) unless --home names
        // one
        String executorHome = home == null ? null : h.toString();
        Workspace ws = workspace != null ? Workspace.at(workspace) : workspaceOrHere();
        SessionRequest.Builder b =
                SessionRequest.builder()
                        .optModes(EnumSet.of(m))
                        .optModel(model)
                        .optTask(taskFor(input, task))
                        .optInstructions(instructions)
                        .optPrecision(Precision.parse(precision));
        if (dim > 0) {
            b.optDimension(dim);
        }
        SessionSetup setup = new SessionResolver(ws, h).resolveWithoutDataset(b.build());
        InstructionPair pair = setup.modes().get(m);
        String modelArg = model == null ? setup.model().name() : model;
        PrintWriter w = spec.commandLine().getOut();
        SparkSession spark = session("taew-spark encode");
        int workers = executorCores(spark);
        ExecutorModels.Wanted probe =
                new ExecutorModels.Wanted(modelArg, executorHome, precision, dim, workers, null);
        String identity = VectorExchange.cacheIdentity(ExecutorModels.opened(probe));
        ExecutorModels.Wanted wanted = probe.expecting(identity);
        EncodeJob.Summary r =
                EncodeJob.run(
                        spark,
                        new EncodeJob.Spec(
                                input,
                                parquet,
                                idColumn,
                                textColumn,
                                titleColumn,
                                s,
                                pair,
                                wanted,
                                output,
                                failPartition));
        w.printf(
                Locale.ROOT,
                "Encoded %,d texts (%,d tokens) with %s, %s side, %s, template \"%s\", in %d"
                        + " partitions in %.1f s: %s%n",
                r.texts(),
                r.tokens(),
                setup.model().name(),
                s == Side.QUERY ? "query" : "document",
                m == Mode.GENERAL ? "general mode" : "task " + setup.task(),
                pair.template(s).source().replace("\n", "\\n"),
                r.partitions(),
                r.seconds(),
                output);
        w.flush();
        return 0;
    }

    /**
     * The task: asked for, else the one of the input's dataset (its folder's dataset.yaml, as
     * {@code taew eval -d} takes it, so that the vectors are the ones eval looks up), else null
     * (the default task).
     */
    static String taskFor(String input, String asked) throws WorkbenchException {
        if (asked != null) {
            return asked;
        }
        File local = Outputs.localFile(input);
        Path p = local == null ? null : local.toPath();
        Path folder = p == null ? null : Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
        if (folder == null || !Files.isRegularFile(folder.resolve("dataset.yaml"))) {
            return null;
        }
        return DatasetSettings.of(folder).task(null, null);
    }

    /**
     * The workspace found from the working directory as the CLI finds it; on a cluster node there
     * is usually none, and general mode or {@code --instructions FILE} need none: the working
     * directory then.
     */
    static Workspace workspaceOrHere() {
        try {
            return Workspace.locate();
        } catch (WorkbenchException e) {
            return Workspace.at(Path.of("").toAbsolutePath());
        }
    }
}
