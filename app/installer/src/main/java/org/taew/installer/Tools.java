package org.taew.installer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.spi.ToolProvider;

/** Runs the JDK's own tools (jdeps, jmod, jlink, jpackage) in this JVM. */
final class Tools {
    private Tools() {}

    /** Runs the tool and returns what it printed; a non-zero exit is a {@link BuildException}. */
    static String run(String tool, List<String> args) throws BuildException {
        ToolProvider provider =
                ToolProvider.findFirst(tool)
                        .orElseThrow(
                                () ->
                                        new BuildException(
                                                "This JDK ("
                                                        + System.getProperty("java.home")
                                                        + ") has no "
                                                        + tool
                                                        + "; the installer needs a full JDK 17+"
                                                        + " with jmods"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc;
        try (PrintWriter o = new PrintWriter(out);
                PrintWriter e = new PrintWriter(err)) {
            rc = provider.run(o, e, args.toArray(String[]::new));
        } catch (RuntimeException ex) {
            // jdeps, for one, lets a module resolution failure escape as an exception
            throw new BuildException(tool + " failed with " + String.join(" ", args) + ": " + ex);
        }
        if (rc != 0) {
            throw new BuildException(
                    tool
                            + " failed (exit "
                            + rc
                            + ") with "
                            + String.join(" ", args)
                            + "\n"
                            + out
                            + err);
        }
        return out.toString() + err;
    }
}
