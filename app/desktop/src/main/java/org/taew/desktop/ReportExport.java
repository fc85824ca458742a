package org.taew.desktop;

import java.nio.file.Path;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.export.EvaluationReport;
import org.taew.core.logic.history.RunComparison;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.experiments.ExperimentsViewModel;
import org.taew.desktop.history.HistoryViewModel;
import org.taew.desktop.session.SessionViewModel;
import org.taew.report.html.EvaluationHtml;
import org.taew.report.html.ExperimentHtml;
import org.taew.report.html.HtmlReports;
import org.taew.report.html.RunsHtml;

/**
 * File → Export report: the page the command line writes ({@code eval --report}, {@code experiment
 * run --report}, {@code runs report}) for what the open tab shows: the experiment on the
 * Experiments tab, the two runs compared on the History tab, else the current evaluation.
 */
final class ReportExport {
    /** What a report is of. */
    enum Kind {
        EVALUATION("evaluation"),
        EXPERIMENT("experiment"),
        RUNS("runs compared");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final SessionViewModel session;
    private final ExperimentsViewModel experiments;
    private final HistoryViewModel history;

    ReportExport(
            SessionViewModel session, ExperimentsViewModel experiments, HistoryViewModel history) {
        this.session = session;
        this.experiments = experiments;
        this.history = history;
    }

    /** The file name offered, e.g. {@code report-helpdesk-mini.html}. */
    String suggestedName(Kind kind) {
        return switch (kind) {
            case EXPERIMENT -> {
                ExperimentResult r = experiments.resultProperty().get();
                yield "report-" + (r == null ? "experiment" : r.spec().name()) + ".html";
            }
            case RUNS -> {
                RunComparison c = history.compared();
                yield c == null
                        ? "runs.html"
                        : "runs-" + c.a().id() + "-vs-" + c.b().id() + ".html";
            }
            case EVALUATION -> "report.html";
        };
    }

    /** Writes the report of {@code kind} as {@code file} (write, then rename). */
    Path write(Kind kind, Path file) throws WorkbenchException {
        HtmlReports.check(file);
        String html =
                switch (kind) {
                    case EXPERIMENT -> {
                        ExperimentResult r = experiments.resultProperty().get();
                        if (r == null) {
                            throw WorkbenchException.badInput(
                                    "No experiment to report yet: run one on the Experiments tab");
                        }
                        yield ExperimentHtml.of(r);
                    }
                    case RUNS -> {
                        RunComparison c = history.compared();
                        if (c == null) {
                            throw WorkbenchException.badInput(
                                    "No runs compared yet: pick two runs on the History tab and"
                                            + " compare them");
                        }
                        yield RunsHtml.of(c);
                    }
                    case EVALUATION -> {
                        EvaluationReport r = session.report();
                        yield EvaluationHtml.of(r);
                    }
                };
        return HtmlReports.write(file, html);
    }
}
