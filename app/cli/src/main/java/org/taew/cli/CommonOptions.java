package org.taew.cli;

import java.nio.file.Path;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;
import picocli.CommandLine.Option;

/** Options every command shares, and the objects they lead to. */
final class CommonOptions {
    @Option(
            names = "--workspace",
            paramLabel = "DIR",
            description =
                    "Folder with instructions/ and datasets/ (default: found from the working directory).")
    Path workspace;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description =
                    "Where extracted models and the embedding cache live (default: $TAEW_HOME or"
                            + " ~/.local/share/taew).")
    Path home;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log what the engines do.")
    void verbose(boolean v) {
        if (v) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "info");
        }
    }

    Workspace workspace() throws WorkbenchException {
        return workspace != null ? Workspace.at(workspace) : Workspace.locate();
    }

    Path home() {
        if (home != null) {
            WorkbenchHome.set(home);
        }
        return WorkbenchHome.resolve();
    }

    /** Where requests become setups: the same resolver the desktop uses. */
    SessionResolver resolver() throws WorkbenchException {
        return new SessionResolver(workspace(), home());
    }

    ModelCatalog models() {
        return new ModelCatalog(WorkbenchHome.models(home()));
    }

    DatasetCatalog datasets() throws WorkbenchException {
        return new DatasetCatalog(workspace().datasets());
    }

    InstructionLibrary instructions() throws WorkbenchException {
        return InstructionLibrary.load(workspace().instructions());
    }

    @SuppressWarnings("SystemConsoleNull") // Java 17: null when the output is not a terminal
    ProgressListener progress() {
        if (noProgress) {
            return ProgressListener.NONE;
        }
        return new ConsoleProgress(System.err, System.console() != null);
    }
}
