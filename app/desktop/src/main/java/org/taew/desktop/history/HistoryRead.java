package org.taew.desktop.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.session.RunRecorder;
import org.taew.desktop.session.SessionViewModel;

/**
 * How the History tab reads the history for the open dataset and model: on the recorder's {@code
 * io} executor, the outcome shown on {@code ui} — what was read with a line saying what it is, or
 * nothing with why (no history yet, or the history's problem in its own words).
 */
final class HistoryRead {
    private HistoryRead() {}

    /** How the History tab's lists show a time: local, to the second. */
    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT)
                    .withZone(ZoneId.systemDefault());

    /** What was read, and the status line that says what it is. */
    record Found<T>(T value, String message) {}

    /** Reads what a list shows from an open history. */
    interface Reading<T> {
        Found<T> read(RunHistory h, String dataset, String model, Path file)
                throws WorkbenchException;
    }

    /** Shows what was read ({@code value} null when nothing could be) and the status line. */
    interface Showing<T> {
        void show(T value, String message);
    }

    /**
     * Reads for the open dataset and model (nothing while none is open).
     *
     * @param what what the list holds, for "No … recorded yet"
     */
    static <T> void read(
            SessionViewModel session,
            RunRecorder recorder,
            Executor ui,
            String what,
            Reading<T> reading,
            Showing<T> showing) {
        SessionSetup s = session.setupProperty().get();
        if (s == null || s.dataset() == null) {
            return;
        }
        Path file = recorder.historyFile();
        String dataset = s.dataset().name();
        String model = s.model().name();
        recorder.io()
                .execute(
                        () -> {
                            Found<T> found;
                            if (!Files.exists(file)) {
                                found =
                                        new Found<>(
                                                null,
                                                "No " + what + " recorded yet (" + file + ")");
                            } else {
                                try (RunHistory h = RunHistory.openForReading(file)) {
                                    found = reading.read(h, dataset, model, file);
                                } catch (WorkbenchException e) {
                                    found = new Found<>(null, e.getMessage());
                                }
                            }
                            Found<T> done = found;
                            ui.execute(() -> showing.show(done.value(), done.message()));
                        });
    }
}
