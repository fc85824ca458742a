package org.taew.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.experiments.ExperimentReport;
import org.taew.core.logic.export.RetrievalReport;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.history.HistoryViewModel;
import org.taew.report.html.Html;

/** File → Export report, for each tab's kind, on the real e5-small-v2 and helpdesk-mini. */
class ReportExportTest {
    @TempDir Path dir;
    RecordingDialogs dialogs = new RecordingDialogs();
    DesktopViewModels vms;
    ReportExport reports;

    @BeforeEach
    void start() throws Exception {
        vms = TestWorkspace.started(dir, dialogs);
        reports = new ReportExport(vms.session(), vms.experiments(), vms.history());
    }

    @AfterEach
    void close() {
        vms.session().close();
    }

    @Test
    void theEvaluationsReportShowsTheNumbersTheSessionShows() throws Exception {
        Path file = dir.resolve("out/report.html");
        assertThat(reports.suggestedName(ReportExport.Kind.EVALUATION)).isEqualTo("report.html");
        assertThat(reports.write(ReportExport.Kind.EVALUATION, file)).isEqualTo(file);
        ModeComparison c = ((RetrievalReport) vms.session().report()).result().comparison();
        assertThat(Files.readString(file))
                .contains("<title>e5-small-v2 on helpdesk-mini</title>")
                .contains(c.metrics().get(0).deltaText())
                .contains(c.metrics().get(0).ciText())
                .contains("task-aware vs general");
    }

    @Test
    void anExperimentsAndTwoRunsReportsAreWrittenOnceThereIsOne() throws Exception {
        Path experiment = dir.resolve("experiment.html");
        assertThatThrownBy(() -> reports.write(ReportExport.Kind.EXPERIMENT, experiment))
                .isInstanceOf(WorkbenchException.class)
                .hasMessage("No experiment to report yet: run one on the Experiments tab");
        assertThat(experiment).doesNotExist();
        // one variant beside general, the card and BM25
        vms.experiments().variants().remove(1, vms.experiments().variants().size());
        vms.experiments().run();
        assertThat(dialogs.errors).isEmpty();
        assertThat(reports.suggestedName(ReportExport.Kind.EXPERIMENT))
                .isEqualTo("report-helpdesk-mini.html");
        reports.write(ReportExport.Kind.EXPERIMENT, experiment);
        String recommendation =
                ExperimentReport.recommendation(
                        vms.experiments().resultProperty().get().results().get(0).recommendation());
        assertThat(Files.readString(experiment))
                .contains("<title>Experiment helpdesk-mini</title>")
                .contains(Html.escape(recommendation));

        Path runs = dir.resolve("runs.html");
        assertThatThrownBy(() -> reports.write(ReportExport.Kind.RUNS, runs))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith("No runs compared yet");
        HistoryViewModel history = vms.history();
        long a = id(history, "general");
        long b = id(history, "task-aware");
        history.compare(a, b);
        assertThat(reports.suggestedName(ReportExport.Kind.RUNS))
                .isEqualTo("runs-" + a + "-vs-" + b + ".html");
        reports.write(ReportExport.Kind.RUNS, runs);
        assertThat(Files.readString(runs))
                .contains("<title>Run " + a + " vs run " + b + "</title>");
    }

    private static long id(HistoryViewModel history, String arm) {
        return history.runs().stream()
                .filter(r -> r.arm().equals(arm) && r.source().equals("desktop"))
                .findFirst()
                .orElseThrow()
                .id();
    }
}
