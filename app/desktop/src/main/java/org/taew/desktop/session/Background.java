package org.taew.desktop.session;

import java.util.function.Consumer;
import org.taew.core.util.ProgressListener;
import org.taew.desktop.util.BackgroundTask;
import org.taew.desktop.util.TaskRunner;

/**
 * The session's background work: one piece at a time through the {@link TaskRunner}, remembered as
 * running until its callback runs, so that Cancel reaches it and new requests wait for it.
 */
final class Background {
    private final TaskRunner runner;
    private TaskRunner.Handle running;
    private Object runningToken;

    Background(TaskRunner runner) {
        this.runner = runner;
    }

    boolean isRunning() {
        return running != null;
    }

    /** Interrupts the running work, if any. */
    void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /**
     * Submits work and remembers it as the running work until a callback runs. A runner that calls
     * back before {@code submit} returns (tests) leaves nothing running.
     */
    <T> void submit(BackgroundTask<T> task) {
        Object token = new Object();
        runningToken = token;
        Consumer<T> onSuccess = task.success();
        Consumer<Throwable> onFailure = task.failure();
        TaskRunner.Handle h =
                runner.submit(
                        task.work(),
                        task.progress(),
                        v -> {
                            done(token);
                            onSuccess.accept(v);
                        },
                        e -> {
                            done(token);
                            onFailure.accept(e);
                        });
        if (runningToken == token) {
            running = h;
        }
    }

    /** Work not tracked as running (closing the encoder after everything else). */
    void afterAll(TaskRunner.Work<?> work) {
        runner.submit(work, ProgressListener.NONE, v -> {}, x -> {});
    }

    private void done(Object token) {
        if (runningToken == token) {
            runningToken = null;
            running = null;
        }
    }
}
