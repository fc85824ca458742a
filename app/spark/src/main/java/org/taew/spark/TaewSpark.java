package org.taew.spark;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.encoding.VectorExchange;
import org.taew.core.logic.export.TrecRunWriter;
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
 * The Spark job's command line: {@code spark-submit --class org.taew.spark.TaewSpark taew-spark.jar
 * encode|search …}. Exit codes as the workbench's CLI: 0 done, 2 usage, 3 bad input, 4 model, 5 I/O
 * or a failed job.
 */
@Command(
        name = "taew-spark",
        mixinStandardHelpOptions = true,
        description = "Encode and search corpora bigger than one machine on Apache Spark.",
        subcommands = {TaewSpark.Encode.class, TaewSpark.Search.class})
public final class TaewSpark implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line; returns its exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new TaewSpark());
        cl.setExecutionExceptionHandler(
                (ex, line, parsed) -> {
                    if (ex instanceof WorkbenchException we) {
                        line.getErr().println(we.getMessage());
                        line.getErr().flush();
                        return switch (we.kind()) {
                            case BAD_INPUT -> 3;
                            case MODEL -> 4;
                            default -> 5;
                        };
                    }
                    // a Spark or JVM failure outside the job's own checks: one line, never a stack
                    // trace
                    String m =
                            ex.getMessage() == null
                                    ? ex.getClass().getSimpleName()
                                    : ex.getMessage();
                    int nl = m.indexOf('\n');
                    line.getErr().println("The job failed: " + (nl < 0 ? m : m.substring(0, nl)));
                    line.getErr().flush();
                    return 5;
                });
        return cl.execute(args);
    }

    /** Options both commands share. */
    static class Common {
        @Option(
                names = "--master",
                paramLabel = "URL",
                description =
                        "Spark master when not run through spark-submit (e.g. local[2]); spark-submit's --master"
                                + " otherwise.")
        String master;

        /**
         * The cores of one executor, which its encoder's workers use: {@code spark.executor.cores}
         * when set, else the thread count of a {@code local[N]} master, else Spark's default (every
         * core of a standalone worker: 0; one on YARN and Kubernetes).
         */
        static int executorCores(SparkSession spark) {
            String cores = spark.conf().get("spark.executor.cores", "");
            if (!cores.isBlank()) {
                return Integer.parseInt(cores.trim());
            }
            if (spark.sparkContext().isLocal()) {
                return localThreads(spark.sparkContext().master());
            }
            // Spark's own defaults: all of a standalone worker's cores, one on YARN and Kubernetes
            return spark.sparkContext().master().startsWith("spark://") ? 0 : 1;
        }

        /**
         * N of {@code local[N]} or {@code local[N,F]}; every core for {@code local[*]}; 1 for
         * {@code local}.
         */
        static int localThreads(String master) {
            Matcher m = Pattern.compile("local\\[(\\*|\\d+)(,\\d+)?]").matcher(master);
            if (!m.matches()) {
                return 1;
            }
            return m.group(1).equals("*")
                    ? Runtime.getRuntime().availableProcessors()
                    : Integer.parseInt(m.group(1));
        }

        SparkSession session(String name) {
            SparkSession.Builder b = SparkSession.builder().appName(name);
            if (master != null) {
                b.master(master);
            }
            return b.getOrCreate();
        }
    }

    @Command(
            name = "encode",
            mixinStandardHelpOptions = true,
            description = {
                "Encode a BEIR file (corpus.jsonl, queries.jsonl) or parquet with id and text columns, from any"
                        + " path Spark reads, with the workbench's model and the side's template; write parquet"
                        + " vectors that `taew cache import` takes (see docs/spark.md)."
            })
    static final class Encode extends Common implements Callable<Integer> {
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
                description =
                        "Without instruction, or with the task's (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(
                names = "--model",
                paramLabel = "NAME|DIR",
                description =
                        "A bundled model's name or a model folder present on every executor (--archives).")
        String model;

        @Option(
                names = "--precision",
                paramLabel = "fp32|int8",
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
                description =
                        "Where bundled models are unpacked, on the driver and every executor.")
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
                                                spec.commandLine(),
                                                "--format must be beir or parquet");
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
                    new ExecutorModels.Wanted(
                            modelArg, executorHome, precision, dim, workers, null);
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

    @Command(
            name = "search",
            mixinStandardHelpOptions = true,
            description =
                    "Exact top-k by cosine of encoded queries against encoded documents (both written by encode);"
                            + " writes a TREC run file that `taew eval --run` scores.")
    static final class Search extends Common implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--queries",
                required = true,
                paramLabel = "PATH",
                description = "Encoded queries.")
        String queries;

        @Option(
                names = "--documents",
                required = true,
                paramLabel = "PATH",
                description = "Encoded documents.")
        String documents;

        @Option(
                names = "--depth",
                defaultValue = "100",
                paramLabel = "K",
                description = "Documents per query.")
        int depth;

        @Option(
                names = "--ignore-identical-ids",
                description = "Drop a document whose id is the query's.")
        boolean ignoreIdenticalIds;

        @Option(
                names = "--block",
                defaultValue = "1024",
                paramLabel = "N",
                description = "Queries broadcast at a time (default: ${DEFAULT-VALUE}).")
        int block;

        @Option(
                names = "--tag",
                defaultValue = "taew-spark",
                paramLabel = "TAG",
                description = "The run's tag.")
        String tag;

        @Option(
                names = {"-o", "--output"},
                required = true,
                paramLabel = "FILE",
                description = "The run file (on the driver); must not exist.")
        Path output;

        @Override
        public Integer call() throws WorkbenchException {
            if (depth < 1 || block < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--depth and --block must be ≥ 1");
            }
            if (Files.exists(output)) {
                throw WorkbenchException.badInput(output + " exists already; give a new run file");
            }
            if (tag.isBlank() || tag.chars().anyMatch(Character::isWhitespace)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--tag must be one word, not '" + tag + "'");
            }
            SparkSession spark = session("taew-spark search");
            SearchJob.Summary r =
                    SearchJob.run(
                            spark,
                            queries,
                            documents,
                            depth,
                            ignoreIdenticalIds,
                            block,
                            run -> TrecRunWriter.write(output, run, tag));
            PrintWriter w = spec.commandLine().getOut();
            w.printf(
                    Locale.ROOT,
                    "Searched %,d queries against %,d documents (%d partitions, %d query blocks) in %.1f s: %s%n",
                    r.queries(),
                    r.documents(),
                    r.partitions(),
                    r.blocks(),
                    r.seconds(),
                    output);
            w.flush();
            return 0;
        }
    }
}
