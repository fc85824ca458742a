package org.taew.desktop.session;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.desktop.util.DialogService;
import org.taew.desktop.util.TaskRunner;

/**
 * Records what the window evaluates in the run history, off the worker, and tells whoever shows the
 * history that there is more to show; says once, in a dialog, why the history cannot be written
 * (the status stays readable from {@link #historyProblemProperty()}).
 */
public final class RunRecorder {
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Path historyFile;
    private final ReadOnlyStringWrapper historyProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper recorded = new ReadOnlyLongWrapper();

    public RunRecorder(TaskRunner runner, DialogService dialogs, Path historyFile) {
        this.runner = runner;
        this.dialogs = dialogs;
        this.historyFile = historyFile;
    }

    /** The run history every evaluation is recorded in. */
    public Path historyFile() {
        return historyFile;
    }

    /** Where the run history is read and written: in order, beside the worker. */
    public Executor io() {
        return runner.io();
    }

    /** Counts finished evaluations and experiments: what they recorded is in the history now. */
    public ReadOnlyLongProperty recordedProperty() {
        return recorded.getReadOnlyProperty();
    }

    /** Why evaluations are not recorded in the history, or empty while they are. */
    public ReadOnlyStringProperty historyProblemProperty() {
        return historyProblem.getReadOnlyProperty();
    }

    /**
     * Records a shown evaluation in the run history, off the worker (an edit's next evaluation does
     * not wait for it); the History tab refreshes after.
     */
    public void record(EvaluationSession s, RetrievalEvaluation.Result result) {
        runner.io()
                .execute(
                        () -> {
                            s.record(result);
                            runner.ui().execute(() -> recorded(s));
                        });
    }

    /** What {@code s} recorded (an experiment records as it runs) is in the history now. */
    public void recorded(EvaluationSession s) {
        String problem = s.recordingProblem();
        if (problem != null && !problem.equals(historyProblem.get())) {
            historyProblem.set(problem);
            dialogs.showError(
                    "The run history cannot be written",
                    problem
                            + ". Evaluations go on; the History tab shows what was recorded before.",
                    null);
        }
        recorded.set(recorded.get() + 1);
    }
}
