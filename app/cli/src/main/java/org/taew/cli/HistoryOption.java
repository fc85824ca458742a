package org.taew.cli;

import java.io.PrintWriter;
import java.util.List;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionRequest;
import picocli.CommandLine.Option;

/** Whether a command's evaluations are recorded in the run history. */
final class HistoryOption {
    @Option(
            names = "--no-history",
            description =
                    "Do not record the evaluated runs in the run history (<home>/history.sqlite;"
                            + " see `taew runs`).")
    boolean noHistory;

    /** Records the session's evaluations as coming from {@code source}, unless --no-history. */
    SessionRequest.Builder apply(SessionRequest.Builder b, String source) {
        return b.optRecordAs(noHistory ? null : source);
    }

    /** One line: which runs were recorded, or why none were. */
    static void report(PrintWriter w, EvaluationSession session, List<Long> ids) {
        if (session.recordingProblem() != null) {
            w.println("Warning: " + session.recordingProblem() + ".");
        } else if (!ids.isEmpty() && session.setup().recording() != null) {
            w.println(
                    "Recorded as run"
                            + (ids.size() == 1 ? " " : "s ")
                            + ids.stream().map(String::valueOf).reduce((x, y) -> x + ", " + y).get()
                            + " in "
                            + session.setup().recording().file()
                            + " (taew runs list).");
        }
    }
}
