package org.taew.cli;

import org.taew.core.util.WorkbenchException;

/** The documented exit codes of {@code taew} (README, "Exit codes"). */
final class ExitCodes {
    static final int OK = 0;

    /** An unexpected internal error (a bug): the message and a log line say what happened. */
    static final int INTERNAL = 1;

    /** The command line itself is wrong (unknown option, bad value). */
    static final int USAGE = 2;

    /** A dataset, instruction file or other input is malformed; the message names file and line. */
    static final int BAD_INPUT = 3;

    /** A model cannot be found, extracted or loaded. */
    static final int MODEL = 4;

    /** A file could not be read or written. */
    static final int IO = 5;

    /** A reproduction did not match its published figures within the tolerance. */
    static final int MISMATCH = 6;

    /** Cancelled (interrupted, Ctrl-C). */
    static final int CANCELLED = 130;

    private ExitCodes() {}

    static int of(WorkbenchException e) {
        return switch (e.kind()) {
            case BAD_INPUT -> BAD_INPUT;
            case MODEL -> MODEL;
            case IO -> IO;
            case CANCELLED -> CANCELLED;
            default -> INTERNAL;
        };
    }
}
