package org.taew.desktop.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.experiments.ExperimentReport;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.desktop.DesktopViewModels;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.TestWorkspace;

/** The History tab's instruction searches after Suggest wordings, without the FX toolkit. */
class SearchHistoryViewModelTest {
    @TempDir Path dir;
    RecordingDialogs dialogs = new RecordingDialogs();
    DesktopViewModels vms;

    @BeforeEach
    void start() throws Exception {
        vms = TestWorkspace.started(dir, dialogs);
    }

    @AfterEach
    void close() {
        vms.session().close();
    }

    @Test
    void aSuggestionsSearchIsListedWithItsTraceAndAnyWordingGoesIntoTheEditor() {
        SearchHistoryViewModel vm = vms.searches();
        assertThat(vm.searches()).isEmpty();
        assertThat(vm.statusProperty().get())
                .startsWith("No instruction searches of helpdesk-mini");
        vms.suggestions().suggest();
        assertThat(dialogs.errors).isEmpty();
        ExperimentResult.ModelResult m = vms.experiments().resultProperty().get().results().get(0);

        assertThat(vm.searches()).hasSize(1);
        SearchHistoryViewModel.Row row = vm.searches().get(0);
        assertThat(row.chosen()).isEqualTo(m.recommendation().chosen());
        assertThat(row.scored()).isEqualTo(m.search().evaluations());
        assertThat(vm.statusProperty().get())
                .startsWith("1 instruction search of helpdesk-mini with e5-small-v2 in ");

        vm.select(row.id());
        assertThat(vm.steps()).hasSize(m.search().steps().size());
        assertThat(vm.steps().get(0).search()).isEqualTo("final");
        assertThat(vm.measureProperty().get()).isEqualTo("nDCG@10");
        assertThat(vm.steps()).allMatch(s -> s.score().matches("\\d\\.\\d{4}"));
        assertThat(vm.steps()).anyMatch(s -> s.search().startsWith("fold "));
        assertThat(vm.summaryProperty().get())
                .contains("chose " + m.recommendation().chosen())
                .contains(ExperimentReport.recommendation(m.recommendation()));
        // each round best first; the round's best went on
        SearchHistoryViewModel.StepRow first = vm.steps().get(0);
        assertThat(first.round()).isEqualTo(1);
        assertThat(first.wentOn()).isTrue();

        // a wording that lost goes into the editor as well as the winner
        SearchHistoryViewModel.StepRow lost =
                vm.steps().stream().filter(s -> !s.wentOn()).findFirst().orElseThrow();
        assertThat(vm.use(lost)).isTrue();
        assertThat(vms.session().editor().form().queryTemplateProperty().get())
                .isEqualTo(lost.templates().query());

        vm.select(0);
        assertThat(vm.steps()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEmpty();
    }
}
