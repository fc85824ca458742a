package org.taew.desktop.util;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
    private final ExecutorService worker = oneThread("taew-worker");

    /** The run history's reads and writes. */
    private final ExecutorService io = oneThread("taew-io");

    /**
     * One daemon thread; work handed to it once it is closed is dropped, not refused: the window is
     * gone, and an exception there (a history refresh after the last evaluation, say) would show an
     * error dialog that keeps the application from exiting.
     */
    private static ExecutorService oneThread(String name) {
        return new ThreadPoolExecutor(
                1,
                1,
                0L,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                ThreadPriority.daemonThreads(name, true),
                new ThreadPoolExecutor.DiscardPolicy());
    }

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
