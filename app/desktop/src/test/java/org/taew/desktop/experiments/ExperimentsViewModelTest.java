package org.taew.desktop.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.experiments.ExperimentReport;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.desktop.DesktopViewModels;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.TestWorkspace;
import org.taew.desktop.session.SessionViewModel;

/** The Experiments tab on the real e5-small-v2 and helpdesk-mini, without the FX toolkit. */
class ExperimentsViewModelTest {
    @TempDir Path dir;
    RecordingDialogs dialogs = new RecordingDialogs();
    DesktopViewModels vms;
    SessionViewModel session;
    ExperimentsViewModel vm;

    @BeforeEach
    void start() throws Exception {
        vms = TestWorkspace.started(dir, dialogs);
        session = vms.session();
        vm = vms.experiments();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void theDatasetsExperimentIsLoadedForTheModelsFamily() {
        assertThat(vm.variants()).hasSize(12);
        assertThat(vm.variants().get(0))
                .isEqualTo(
                        new ExperimentsViewModel.VariantRow(
                                "e5-q1-d1", "query: {text}", "passage: {text}", false));
        assertThat(vm.messageProperty().get())
                .isEqualTo(
                        "Added 12 variants from experiment.yaml; 16 are for other model families"
                                + " than e5 and were left out");
    }

    @Test
    void runningRanksEveryVariantAndRecordsThem() throws Exception {
        vm.run();
        assertThat(dialogs.errors).isEmpty();
        ExperimentResult r = vm.resultProperty().get();
        assertThat(r).isNotNull();
        // the 14 variants and the bm25 reference
        assertThat(vm.leaderboard()).hasSize(15);
        assertThat(vm.leaderboard())
                .extracting(LeaderRow::name)
                .contains("general", "card", "e5-q2-d3", "bm25");
        LeaderRow first = vm.leaderboard().get(0);
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.mean()).isGreaterThanOrEqualTo(vm.leaderboard().get(14).mean());
        LeaderRow general =
                vm.leaderboard().stream().filter(x -> x.name().equals("general")).findFirst().get();
        assertThat(general.baseline()).isTrue();
        assertThat(general.deltaText()).isEqualTo("baseline");
        assertThat(vm.summaryProperty().get())
                .startsWith("nDCG@10 on helpdesk-mini (test split, 40 queries) with e5-small-v2")
                .contains("Sensitivity to wording (13 worded variants)")
                .contains("5-fold cross-validation")
                .contains(
                        "\n"
                                + ExperimentReport.recommendation(
                                        r.results().get(0).recommendation()));
        try (RunHistory h = RunHistory.openForReading(vms.recorder().historyFile())) {
            List<RunRecord> runs =
                    h.list(new RunHistory.Filter(null, null, null, "helpdesk-mini", null, 0));
            // general and the card's default were recorded by the editor's evaluation already
            assertThat(runs).hasSizeGreaterThanOrEqualTo(10);
            assertThat(runs).allMatch(x -> x.origin().source().equals("experiment"));
        }
        // with the card as the baseline
        vm.baselineProperty().set(ExperimentSpec.Baseline.CARD);
        vm.run();
        assertThat(vm.resultProperty().get().results().get(0).baselineName()).isEqualTo("card");
    }

    @Test
    void aVariantGoesIntoTheEditorAsOneUndoableEdit() {
        vm.run();
        assertThat(vm.use("e5-q2-d3")).isTrue();
        assertThat(session.editor().form().queryTemplateProperty().get())
                .isEqualTo("passage: {text}");
        assertThat(session.editor().form().documentTemplateProperty().get()).isEqualTo("{text}");
        assertThat(session.editor().dirtyProperty().get()).isTrue();
        session.editor().undo();
        assertThat(session.editor().form().queryTemplateProperty().get())
                .isEqualTo("query: {text}");
        assertThat(session.editor().dirtyProperty().get()).isFalse();
    }

    @Test
    void variantsAreAddedEditedAndCheckedInPlace() {
        session.editor().form().queryTemplateProperty().set("query: which article answers {text}");
        vm.addDraft();
        ExperimentsViewModel.VariantRow draft = vm.variants().get(12);
        assertThat(draft.name()).isEqualTo("draft");
        assertThat(draft.query()).isEqualTo("query: which article answers {text}");
        vm.duplicate(12);
        assertThat(vm.variants().get(13).name()).isEqualTo("draft-2");
        assertThat(
                        vm.update(
                                13,
                                new ExperimentsViewModel.VariantRow(
                                        "draft-2", "query: no placeholder", "{text}", false)))
                .isFalse();
        assertThat(vm.messageProperty().get())
                .isEqualTo(
                        "draft-2: query template: the template has no '{text}' placeholder"
                                + " (where the input text goes)");
        assertThat(
                        vm.update(
                                13,
                                new ExperimentsViewModel.VariantRow(
                                        "draft", "{text}", "{text}", false)))
                .isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Another variant is called draft");
        assertThat(
                        vm.update(
                                13,
                                new ExperimentsViewModel.VariantRow(
                                        "card", "{text}", "{text}", false)))
                .isFalse();
        assertThat(
                        vm.update(
                                13,
                                new ExperimentsViewModel.VariantRow(
                                        "mine", "q: {text}", "{text}", true)))
                .isTrue();
        assertThat(vm.variants().get(13).exclude()).isTrue();
        vm.remove(0);
        assertThat(vm.variants()).hasSize(13);
    }

    @Test
    void anImportedFilesDimensionsRunEveryVariantAgainAndAreRecordedApart() throws Exception {
        Path file = dir.resolve("dims.yaml");
        Files.writeString(
                file,
                """
                datasets: [helpdesk-mini]
                dimensions: [64]
                variants:
                  - {name: both, query: "query: {text}", document: "query: {text}"}
                """);
        vm.variants().clear();
        vm.importFile(file);
        assertThat(vm.messageProperty().get()).contains("each also run at dimensions [64]");
        vm.run();
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.leaderboard())
                .extracting(LeaderRow::name)
                .containsExactlyInAnyOrder(
                        "general", "card", "both", "general@64", "card@64", "both@64", "bm25");
        try (RunHistory h = RunHistory.openForReading(vms.recorder().historyFile())) {
            List<RunRecord> cut =
                    h
                            .list(new RunHistory.Filter(null, null, null, "helpdesk-mini", null, 0))
                            .stream()
                            .filter(x -> x.origin().label().endsWith("@64"))
                            .toList();
            assertThat(cut).hasSize(3);
            assertThat(cut).allMatch(x -> x.model().engine().endsWith(", first 64 dimensions"));
        }
    }

    @Test
    void exportedVariantsImportBack() throws Exception {
        Path file = dir.resolve("mine.yaml");
        assertThat(vm.exportFile(file)).isTrue();
        int before = vm.variants().size();
        vm.importFile(file);
        // the same names again get a suffix
        assertThat(vm.variants()).hasSize(2 * before);
        assertThat(vm.variants().get(before).name()).isEqualTo("e5-q1-d1-2");
        assertThat(vm.variants().get(before).query()).isEqualTo("query: {text}");
        vm.importFile(dir.resolve("missing.yaml"));
        assertThat(vm.messageProperty().get()).contains("missing.yaml");
    }
}
