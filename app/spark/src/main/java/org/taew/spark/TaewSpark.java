package org.taew.spark;

import java.util.concurrent.Callable;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * The Spark job's command line: {@code spark-submit --class org.taew.spark.TaewSpark taew-spark.jar
 * encode|search …}. Exit codes as the workbench's CLI: 0 done, 2 usage, 3 bad input, 4 model, 5 I/O
 * or a failed job. The commands are {@link EncodeCommand} and {@link SearchCommand}.
 */
@Command(
        name = "taew-spark",
        mixinStandardHelpOptions = true,
        description = "Encode and search corpora bigger than one machine on Apache Spark.",
        subcommands = {EncodeCommand.class, SearchCommand.class})
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
}
