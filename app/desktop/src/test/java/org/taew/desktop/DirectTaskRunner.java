package org.taew.desktop;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.taew.core.util.ProgressListener;
import org.taew.desktop.util.TaskRunner;

/** Runs work at once on the calling thread (JabRef's CurrentThreadTaskExecutor). */
public final class DirectTaskRunner implements TaskRunner {
    public int submitted;

    /** When set, the next work is not run: it fails as cancelled (Cancel pressed while it ran). */
    public boolean cancelNext;

    @Override
    public <T> Handle submit(
            Work<T> work,
            ProgressListener progress,
            Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        submitted++;
        if (cancelNext) {
            cancelNext = false;
            onFailure.accept(new CancellationException("Cancelled"));
            return done();
        }
        T value;
        try {
            value = work.call(progress);
        } catch (Exception | OutOfMemoryError e) {
            onFailure.accept(e);
            return done();
        }
        onSuccess.accept(value);
        return done();
    }

    private static Handle done() {
        return new Handle() {
            @Override
            public void cancel() {}

            @Override
            public boolean isDone() {
                return true;
            }
        };
    }

    @Override
    public Executor ui() {
        return Runnable::run;
    }

    @Override
    public Executor io() {
        return Runnable::run;
    }
}
