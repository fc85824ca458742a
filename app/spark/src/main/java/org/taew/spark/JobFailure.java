package org.taew.spark;

import org.taew.core.util.WorkbenchException;

/**
 * A task's failure with a sentence for the user (a bad input line, a model missing on an executor):
 * thrown on an executor, found again on the driver in the exception Spark hands back, and printed
 * without a stack trace. When the input is a text file, {@link #file} and {@link #offset} say
 * where.
 */
public final class JobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What failed, for the exit code: the input, or the model. */
    public enum Kind {
        BAD_INPUT,
        MODEL;

        static Kind of(WorkbenchException e) {
            return e.kind() == WorkbenchException.Kind.MODEL ? MODEL : BAD_INPUT;
        }
    }

    private final Kind kind;
    private final String file;
    private final long offset;

    public JobFailure(String message) {
        this(message, Kind.BAD_INPUT);
    }

    public JobFailure(String message, Kind kind) {
        super(message);
        this.kind = kind;
        this.file = null;
        this.offset = -1;
    }

    /** A problem at byte {@code offset} of {@code file} (a line's start). */
    public JobFailure(String message, String file, long offset) {
        super(message);
        this.kind = Kind.BAD_INPUT;
        this.file = file;
        this.offset = offset;
    }

    public Kind kind() {
        return kind;
    }

    /** The file the problem is in, or null. */
    public String file() {
        return file;
    }

    /** The byte offset of the line's start in {@link #file}, or -1. */
    public long offset() {
        return offset;
    }

    /** The first {@link JobFailure} in the chain of causes, or null. */
    public static JobFailure in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JobFailure f) {
                return f;
            }
            for (Throwable s : c.getSuppressed()) {
                JobFailure f = in(s);
                if (f != null) {
                    return f;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
