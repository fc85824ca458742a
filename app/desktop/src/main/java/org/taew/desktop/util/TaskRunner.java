package org.taew.desktop.util;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.taew.core.util.ProgressListener;

/**
 * Runs core work off the UI thread and hands the outcome back on it. The application runs one
 * background worker ({@link FxTaskRunner}); tests run everything at once on the calling thread.
 */
public interface TaskRunner {

    /** Work that may report progress and must stop when its thread is interrupted. */
    @FunctionalInterface
    interface Work<T> {
        T call(ProgressListener progress) throws Exception;
    }

    /** A submitted piece of work. */
    interface Handle {
        /** Interrupts the work; its failure callback receives the cancellation. */
        void cancel();

        boolean isDone();
    }

    /**
     * Submits work; exactly one of the callbacks runs, on the UI thread.
     *
     * @param progress receives the work's progress (called on the worker thread)
     */
    <T> Handle submit(
            Work<T> work,
            ProgressListener progress,
            Consumer<T> onSuccess,
            Consumer<Throwable> onFailure);

    /** Runs a piece of code on the UI thread. */
    Executor ui();

    /**
     * Runs short file work (the run history) in order, off the UI thread and beside the worker, so
     * that it never delays an evaluation.
     */
    Executor io();
}
