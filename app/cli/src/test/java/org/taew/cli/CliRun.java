package org.taew.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.taew.core.testing.ShippedWorkspace;
import picocli.CommandLine;

/** Runs the command line in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {
    /** The shipped instructions/ and datasets/, never the user's edits: see ShippedWorkspace. */
    static Path workspace() {
        return ShippedWorkspace.root();
    }

    /** {@link #of(String...)} with {@code first}, then {@code rest}. */
    static CliRun of(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return of(all.toArray(new String[0]));
    }

    static CliRun of(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        // --home sets the process's home (WorkbenchHome.set): one test's home must not leak into
        // the next
        String home = System.getProperty("taew.home");
        int code;
        try {
            code = cl.execute(args);
        } finally {
            if (home == null) {
                System.clearProperty("taew.home");
            } else {
                System.setProperty("taew.home", home);
            }
        }
        return new CliRun(code, out.toString(), err.toString());
    }
}
