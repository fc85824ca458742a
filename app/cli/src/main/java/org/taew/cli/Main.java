package org.taew.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import org.taew.core.util.Installation;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code taew}: the command line of the Task-Aware Embedding Workbench. */
@Command(
        name = "taew",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Task-Aware Embedding Workbench: measure whether instructions help an embedding model on your data.",
            "General mode encodes texts as they are; task-aware mode applies the task's instruction templates.",
        },
        subcommands = {
            EvalCommand.class,
            EncodeCommand.class,
            ExperimentCommand.class,
            RunsCommand.class,
            ReproduceCommand.class,
            ModelsCommand.class,
            DatasetsCommand.class,
            CacheCommand.class,
            InstructionsCommand.class,
            CommandLine.HelpCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error (a bug; please report it)",
            "2:wrong command line",
            "3:malformed input (dataset, instruction file): the message names file and line",
            "4:model not found or not loadable",
            "5:a file could not be read or written",
            "6:a reproduction did not match its published figures",
            "130:cancelled",
        })
public final class Main {
    private Main() {}

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"taew " + (v == null ? "(development build)" : v)};
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Installation.configureDjl(WorkbenchHome.resolve());
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    PrintWriter err = commandLine.getErr();
                    if (ex instanceof WorkbenchException we) {
                        err.println("error: " + we.getMessage());
                        if (we.getCause() != null) {
                            LoggerFactory.getLogger(Main.class).debug("cause", we.getCause());
                        }
                        err.flush();
                        return ExitCodes.of(we);
                    }
                    err.println("internal error: " + ex);
                    LoggerFactory.getLogger(Main.class).error("internal error", ex);
                    err.flush();
                    return ExitCodes.INTERNAL;
                });
        return cl;
    }
}
