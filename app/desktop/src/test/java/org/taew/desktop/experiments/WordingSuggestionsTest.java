package org.taew.desktop.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.experiments.ExperimentReport;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.desktop.DesktopViewModels;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.TestWorkspace;

/** Suggest wordings on the real e5-small-v2 and helpdesk-mini, without the FX toolkit. */
class WordingSuggestionsTest {
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
    void theSearchFillsTheLeaderboardAndTheListWithWhatItChose() {
        ExperimentsViewModel vm = vms.experiments();
        // the editor's draft is one of the wordings searched
        vms.session().editor().form().queryTemplateProperty().set("passage: {text}");
        List<String> before =
                vm.variants().stream().map(ExperimentsViewModel.VariantRow::name).toList();
        vms.suggestions().suggest();
        assertThat(dialogs.errors).isEmpty();
        ExperimentResult r = vm.resultProperty().get();
        assertThat(r).isNotNull();
        ExperimentResult.ModelResult m = r.results().get(0);
        assertThat(m.search()).isNotNull();
        assertThat(m.search().steps())
                .anyMatch(s -> s.name().equals("draft") && s.origin().equals("the editor's draft"));
        assertThat(vm.leaderboard())
                .extracting(LeaderRow::name)
                .contains("general", "card", "bm25");
        // each wording the search chose (but the card) joined the list, usable in the editor
        for (ExperimentResult.VariantResult v : m.variants()) {
            if (!v.name().equals("general") && !v.name().equals("card")) {
                assertThat(
                                vm.variants().stream()
                                        .anyMatch(
                                                row ->
                                                        row.query()
                                                                .equals(
                                                                        v.instructions()
                                                                                .query()
                                                                                .standalone())))
                        .as(v.name())
                        .isTrue();
                assertThat(vm.use(v.name())).isTrue();
            }
        }
        assertThat(vm.variants().size()).isGreaterThanOrEqualTo(before.size());
        assertThat(vm.summaryProperty().get())
                .contains(ExperimentReport.recommendation(m.recommendation()));
    }
}
