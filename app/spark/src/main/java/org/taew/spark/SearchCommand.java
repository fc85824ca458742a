package org.taew.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.taew.core.logic.export.TrecRunWriter;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code taew-spark search}: runs {@link SearchJob} over vectors that encode wrote and writes its
 * TREC run file on the driver.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description =
                "Exact top-k by cosine of encoded queries against encoded documents (both written by encode);"
                        + " writes a TREC run file that `taew eval --run` scores.")
final class SearchCommand extends SparkOptions implements Callable<Integer> {
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
