package org.taew.cli;

import static org.taew.cli.RunsShared.file;

import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.history.RunComparison;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine.Parameters;

/** The two runs {@code runs compare} and {@code runs report} set side by side: A, then B. */
final class RunPair {
    @Parameters(index = "0", paramLabel = "A", description = "The first run's id.")
    long a;

    @Parameters(index = "1", paramLabel = "B", description = "The second run's id.")
    long b;

    /** A and B read from the history and compared on the queries both evaluated. */
    RunComparison compare(CommonOptions common, ModeComparison.Settings settings)
            throws WorkbenchException {
        try (RunHistory h = RunHistory.openForReading(file(common))) {
            return RunComparison.of(h.get(a), h.get(b), settings);
        }
    }
}
