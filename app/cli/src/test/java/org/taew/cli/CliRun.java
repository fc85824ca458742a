package org.taew.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.Workspace;
import picocli.CommandLine;

/** Runs the command line in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {
    /** The repository root: the workspace (Maven passes it as taew.workspace). */
    static Path project() {
        try {
            return Workspace.locate().root();
        } catch (WorkbenchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static CliRun of(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
