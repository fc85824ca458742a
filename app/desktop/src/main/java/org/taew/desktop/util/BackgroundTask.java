package org.taew.desktop.util;

import java.util.Objects;
import java.util.function.Consumer;
import org.taew.core.util.ProgressListener;

/**
 * A piece of background work and what follows it, as one object a view model builds and hands to
 * whoever runs work (after JabRef's {@code BackgroundTask}): the work, where its progress goes, and
 * the callbacks for success and failure, which run on the UI thread.
 *
 * @param <T> what the work returns
 */
public final class BackgroundTask<T> {
    private final TaskRunner.Work<T> work;
    private ProgressListener progress = ProgressListener.NONE;
    private Consumer<T> onSuccess = v -> {};
    private Consumer<Throwable> onFailure = e -> {};

    private BackgroundTask(TaskRunner.Work<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    /** Work that reports to no one and whose outcome is ignored until callbacks are set. */
    public static <T> BackgroundTask<T> of(TaskRunner.Work<T> work) {
        return new BackgroundTask<>(work);
    }

    /** Where the work's progress goes (called on the worker thread). */
    public BackgroundTask<T> showingProgressIn(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener);
        return this;
    }

    /** What to do with the result, on the UI thread. */
    public BackgroundTask<T> onSuccess(Consumer<T> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    /** What to do when the work fails or is cancelled, on the UI thread. */
    public BackgroundTask<T> onFailure(Consumer<Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    public TaskRunner.Work<T> work() {
        return work;
    }

    public ProgressListener progress() {
        return progress;
    }

    public Consumer<T> success() {
        return onSuccess;
    }

    public Consumer<Throwable> failure() {
        return onFailure;
    }

    /** Submits the task to {@code runner}: exactly one callback runs, on the UI thread. */
    public TaskRunner.Handle submitTo(TaskRunner runner) {
        return runner.submit(work, progress, onSuccess, onFailure);
    }
}
