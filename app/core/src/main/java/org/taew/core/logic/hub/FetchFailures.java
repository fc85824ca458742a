package org.taew.core.logic.hub;

import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.taew.core.util.WorkbenchException;

/** What a fetch's I/O failure was, in words: a cancel, a full disk, a cut connection, …. */
final class FetchFailures {
    private FetchFailures() {}

    /** Whether an I/O failure is a cancel (an interrupted read or write). */
    static boolean cancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClosedByInterruptException || t instanceof InterruptedException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /** An I/O failure in words, without Java's class names. */
    static String describe(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return "the disk is full";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + m;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + m;
        }
        if (e instanceof HttpTimeoutException) {
            return "the server did not answer in time";
        }
        if (e instanceof EOFException
                || lower.contains("eof")
                || lower.contains("closed")
                || lower.contains("reset")) {
            return "the connection was cut";
        }
        return m.isEmpty() ? "an input/output error" : m;
    }

    /**
     * The exception a fetch's I/O failure is reported as: a cancel (the thread's interrupt kept)
     * when it was one, else an I/O failure saying {@code before}, the failure in words, {@code
     * after}.
     */
    static WorkbenchException failed(IOException e, String before, String after) {
        if (cancelled(e)) {
            Thread.currentThread().interrupt();
            return WorkbenchException.cancelled();
        }
        return new WorkbenchException(WorkbenchException.Kind.IO, before + describe(e) + after, e);
    }
}
