package org.taew.core.util;

/**
 * The one checked exception of the workbench. Its message is written for the user (it names the
 * file, the line and what was expected where there is one); the cause keeps the technical detail
 * for the log.
 */
public class WorkbenchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is; front ends map it to exit codes or dialog titles. */
    public enum Kind {
        /** A dataset, instruction file or other user input is malformed. */
        BAD_INPUT,
        /** A model folder is missing files, is corrupt, or the engine refused it. */
        MODEL,
        /** Reading or writing a file failed for reasons outside the input's content. */
        IO,
        /** The user cancelled the operation. */
        CANCELLED
    }

    private final Kind kind;

    public WorkbenchException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public WorkbenchException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static WorkbenchException badInput(String message) {
        return new WorkbenchException(Kind.BAD_INPUT, message);
    }

    public static WorkbenchException cancelled() {
        return new WorkbenchException(Kind.CANCELLED, "Cancelled.");
    }
}
