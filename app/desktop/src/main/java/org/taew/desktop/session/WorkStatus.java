package org.taew.desktop.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.taew.desktop.util.BackgroundTask;
import org.taew.desktop.util.DialogService;
import org.taew.desktop.util.ErrorMessages;
import org.taew.desktop.util.TaskRunner;
import org.taew.desktop.util.UiProgress;

/**
 * The window's one line of work: the background tasks of every screen run here one at a time, and
 * the status bar shows what runs (its state, a sentence, the progress); Cancel stops it. A screen's
 * view model is given this object and hands it {@link BackgroundTask}s; a failure is shown in a
 * dialog, a cancellation only in the status bar.
 */
public final class WorkStatus {
    private final Background background;
    private final DialogService dialogs;
    private final UiProgress progress;
    private final Executor ui;
    private final List<Runnable> onCancel = new ArrayList<>();
    private final ReadOnlyObjectWrapper<SessionState> state =
            new ReadOnlyObjectWrapper<>(SessionState.IDLE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Starting");

    public WorkStatus(TaskRunner runner, DialogService dialogs) {
        this.background = new Background(runner);
        this.dialogs = dialogs;
        this.progress = new UiProgress(runner.ui());
        this.ui = runner.ui();
        busy.bind(Bindings.createBooleanBinding(() -> state.get().busy(), state));
    }

    public UiProgress progress() {
        return progress;
    }

    public ReadOnlyObjectProperty<SessionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the window is doing or has just done, in a sentence. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Says {@code text} in the status bar. */
    public void say(String text) {
        status.set(text);
    }

    /** Says {@code text} in the status bar, from any thread (the background work's). */
    public void sayFromWork(String text) {
        ui.execute(() -> status.set(text));
    }

    /** Work of the kind {@code what} starts: the status bar says {@code text}. */
    public void begin(SessionState what, String text) {
        state.set(what);
        status.set(text);
    }

    /** The work has ended; the status bar keeps its sentence. */
    public void idle() {
        state.set(SessionState.IDLE);
    }

    /** The work has ended and its numbers are shown: "Ready". */
    public void ready() {
        state.set(SessionState.IDLE);
        progress.idle("");
        status.set("Ready");
    }

    /** Whether a task runs (a new one should wait for it, or cancel it first). */
    public boolean isRunning() {
        return background.isRunning();
    }

    /** Runs {@code task} as the running work: Cancel reaches it until one of its callbacks ran. */
    public <T> void run(BackgroundTask<T> task) {
        background.submit(task);
    }

    /** Runs {@code work} after everything submitted before, not as the running work. */
    public void afterAll(TaskRunner.Work<?> work) {
        background.afterAll(work);
    }

    /** What else Cancel stops (work waiting to be submitted), before the running task. */
    public void onCancel(Runnable action) {
        onCancel.add(action);
    }

    /** Stops the running work and what waits to run. */
    public void cancel() {
        onCancel.forEach(Runnable::run);
        if (background.isRunning()) {
            // before cancelling: the runner may report the cancellation at once
            state.set(SessionState.CANCELLING);
            background.cancel();
        }
    }

    /**
     * A task failed: a cancellation says "Cancelled" (unless other work started since), anything
     * else is shown in a dialog titled {@code title}.
     */
    public void fail(String title, Throwable e) {
        if (ErrorMessages.isCancellation(e)) {
            if (!background.isRunning()) { // else other work started since (an open): it goes on
                state.set(SessionState.IDLE);
                progress.idle("Cancelled");
                status.set("Cancelled");
            }
            return;
        }
        state.set(SessionState.FAILED);
        progress.idle("");
        status.set(title);
        dialogs.showError(title, ErrorMessages.message(e), e);
    }
}
