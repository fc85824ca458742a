package org.taew.desktop.util;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.ThreadPriority;

/**
 * One background worker thread for all core work (model loading, encoding, evaluation), so work
 * runs in the order it was asked for and never two encodings at once. Callbacks run on the FX
 * thread through {@link Task}'s handlers.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    /** Encoding and tokenizing run here: below the UI's priority. */
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(ThreadPriority.daemonThreads("taew-worker", true));

    /** The run history's reads and writes. */
    private final ExecutorService io =
            Executors.newSingleThreadExecutor(ThreadPriority.daemonThreads("taew-io", true));

    @Override
    public <T> Handle submit(
            Work<T> work,
            ProgressListener progress,
            Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        Task<T> task =
                new Task<>() {
                    @Override
                    protected T call() throws Exception {
                        return work.call(progress);
                    }
                };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        task.setOnCancelled(e -> onFailure.accept(new CancellationException("Cancelled")));
        worker.execute(task);
        return new Handle() {
            @Override
            public void cancel() {
                task.cancel(true);
            }

            @Override
            public boolean isDone() {
                return task.isDone();
            }
        };
    }

    @Override
    public Executor ui() {
        return Platform::runLater;
    }

    @Override
    public Executor io() {
        return io;
    }

    @Override
    public void close() {
        // let the work already queued (closing the model, recording runs) finish; the threads
        // are daemons anyway
        worker.shutdown();
        io.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
