package org.taew.core.logic.history;

import java.nio.file.Path;

/** Another program recording into a history at the same time (RunHistoryTest starts it). */
public final class HistoryWriterProcess {
    private HistoryWriterProcess() {}

    /** Arguments: the history file, a label, how many runs. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int n = Integer.parseInt(args[2]);
        try (RunHistory h = RunHistory.open(file)) {
            for (int i = 0; i < n; i++) {
                h.record(
                        Runs.run(
                                args[1],
                                args[1] + " " + i + ": {text}",
                                new double[] {i / (double) n, 1},
                                "d1"));
            }
        }
    }
}
