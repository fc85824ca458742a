package org.taew.desktop.util;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CancellationException;
import org.taew.core.util.WorkbenchException;

/** Turns a failure into what a user reads: one clear sentence, no stack trace. */
public final class ErrorMessages {
    private ErrorMessages() {}

    public static boolean isCancellation(Throwable t) {
        return t instanceof CancellationException
                || t instanceof InterruptedException
                || (t instanceof WorkbenchException w
                        && w.kind() == WorkbenchException.Kind.CANCELLED);
    }

    public static String message(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null
                && !(root instanceof WorkbenchException)
                && !(root instanceof OutOfMemoryError)) {
            root = root.getCause();
        }
        if (root instanceof WorkbenchException w) {
            return w.getMessage();
        }
        if (root instanceof OutOfMemoryError) {
            return "The workbench ran out of memory ("
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MiB allowed). Choose a smaller dataset, or start it with more memory, e.g."
                    + " JAVA_TOOL_OPTIONS=-Xmx8g.";
        }
        String m = root.getMessage();
        return "Unexpected error ("
                + root.getClass().getSimpleName()
                + (m == null ? "" : ": " + m)
                + "). The workbench keeps running; the details below help a bug report.";
    }

    public static String details(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
