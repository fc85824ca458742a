package org.taew.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.taew.core.util.ProgressListener;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.util.BackgroundTask;
import org.taew.desktop.util.TaskRunner;

/** The window's one line of work, on a runner whose work finishes when the test says so. */
class WorkStatusTest {
    /** Holds every submitted piece of work until the test completes or fails it. */
    static final class HeldRunner implements TaskRunner {
        record Held(
                TaskRunner.Work<?> work,
                ProgressListener progress,
                Consumer<Object> success,
                Consumer<Throwable> failure,
                boolean[] cancelled) {}

        final List<Held> held = new ArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public <T> Handle submit(
                Work<T> work,
                ProgressListener progress,
                Consumer<T> onSuccess,
                Consumer<Throwable> onFailure) {
            boolean[] cancelled = {false};
            held.add(new Held(work, progress, (Consumer<Object>) onSuccess, onFailure, cancelled));
            return new Handle() {
                @Override
                public void cancel() {
                    cancelled[0] = true;
                }

                @Override
                public boolean isDone() {
                    return false;
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

    final HeldRunner runner = new HeldRunner();
    final RecordingDialogs dialogs = new RecordingDialogs();
    final WorkStatus work = new WorkStatus(runner, dialogs);

    @Test
    void aTaskRunsAsTheRunningWorkUntilItsCallbackAndHandsOverItsProgressAndResult() {
        List<String> got = new ArrayList<>();
        work.begin(SessionState.EVALUATING, "Evaluating");
        work.run(
                BackgroundTask.of(p -> "vectors")
                        .showingProgressIn(work.progress())
                        .onSuccess(got::add)
                        .onFailure(e -> got.add("failed")));
        assertThat(work.isRunning()).isTrue();
        assertThat(work.busyProperty().get()).isTrue();
        assertThat(runner.held)
                .singleElement()
                .extracting(HeldRunner.Held::progress)
                .isSameAs(work.progress());

        runner.held.get(0).success().accept("vectors");
        assertThat(got).containsExactly("vectors");
        assertThat(work.isRunning()).isFalse();
        work.ready();
        assertThat(work.statusProperty().get()).isEqualTo("Ready");
        assertThat(work.busyProperty().get()).isFalse();
    }

    @Test
    void cancelStopsWhatWaitsThenTheRunningTaskAndItsCancellationIsNoError() {
        List<String> order = new ArrayList<>();
        work.onCancel(() -> order.add("pending dropped"));
        work.begin(SessionState.OPENING, "Opening");
        work.run(BackgroundTask.of(p -> 1).onFailure(e -> work.fail("Cannot open", e)));

        work.cancel();
        order.add(work.stateProperty().get().name());
        assertThat(order).containsExactly("pending dropped", "CANCELLING");
        assertThat(runner.held.get(0).cancelled()[0]).isTrue();

        runner.held.get(0).failure().accept(new CancellationException());
        assertThat(work.stateProperty().get()).isEqualTo(SessionState.IDLE);
        assertThat(work.statusProperty().get()).isEqualTo("Cancelled");
        assertThat(work.progress().textProperty().get()).isEqualTo("Cancelled");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aFailureIsShownOnceInADialogAndTheStatusSaysWhatFailed() {
        work.begin(SessionState.EVALUATING, "Evaluating");
        work.run(BackgroundTask.of(p -> 1).onFailure(e -> work.fail("Evaluation failed", e)));
        runner.held.get(0).failure().accept(new IOException("disk full"));
        assertThat(work.stateProperty().get()).isEqualTo(SessionState.FAILED);
        assertThat(work.statusProperty().get()).isEqualTo("Evaluation failed");
        assertThat(dialogs.errors)
                .singleElement()
                .asString()
                .startsWith("Evaluation failed: Unexpected error (IOException: disk full)");
    }

    @Test
    void theCancellationOfReplacedWorkLeavesTheNewWorkRunningAndUntouched() {
        work.run(BackgroundTask.of(p -> 1).onFailure(e -> work.fail("Cannot open", e)));
        work.cancel();
        // an open started before the old one reported its cancellation
        work.begin(SessionState.OPENING, "Opening the next");
        work.run(BackgroundTask.of(p -> 2));
        runner.held.get(0).failure().accept(new CancellationException());

        assertThat(work.isRunning()).isTrue();
        assertThat(work.stateProperty().get()).isEqualTo(SessionState.OPENING);
        assertThat(work.statusProperty().get()).isEqualTo("Opening the next");
        work.cancel();
        assertThat(runner.held.get(1).cancelled()[0]).isTrue();
    }
}
