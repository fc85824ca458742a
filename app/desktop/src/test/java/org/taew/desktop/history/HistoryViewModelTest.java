package org.taew.desktop.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.cli.Main;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.evaluation.RunFiles;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchHome;
import org.taew.desktop.DesktopViewModels;
import org.taew.desktop.DirectTaskRunner;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.TestWorkspace;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.session.WorkbenchContext;
import org.taew.desktop.util.Debouncer;

/** The History tab on the real e5-small-v2 and helpdesk-mini, without the FX toolkit. */
class HistoryViewModelTest {
    @TempDir Path dir;
    RecordingDialogs dialogs = new RecordingDialogs();
    AtomicLong clock = new AtomicLong(1);
    DesktopViewModels vms;
    SessionViewModel session;
    HistoryViewModel vm;

    private void start(WorkbenchContext context) {
        vms =
                DesktopViewModels.create(
                        context, new DirectTaskRunner(), dialogs, Debouncer.IMMEDIATE, clock::get);
        session = vms.session();
        vm = vms.history();
        session.start("helpdesk-mini", "e5-small-v2");
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void theListedRunsExportAsTheCommandLineExportsThem() throws Exception {
        WorkbenchContext context = TestWorkspace.create(dir);
        start(context);
        session.editor().form().queryTemplateProperty().set("query: which article answers {text}");
        // the modes, BM25 and the hybrid, then task-aware and the hybrid again (BM25 unchanged)
        assertThat(vm.runs()).hasSize(6);
        Path desktop = dir.resolve("desktop.csv");
        vm.exportCsv(desktop);
        assertThat(vm.statusProperty().get()).isEqualTo("Wrote 6 runs to " + desktop);
        Path cli = dir.resolve("cli.csv");
        assertThat(
                        Main.run(
                                "runs",
                                "export",
                                "--home",
                                context.home().toString(),
                                "-d",
                                "helpdesk-mini",
                                "-o",
                                cli.toString()))
                .isZero();
        assertThat(Files.readAllLines(desktop))
                .hasSize(1 + 6)
                .first()
                .asString()
                .startsWith("id,created,evaluated,times,source,label,experiment,dataset,");
        assertThat(Files.readString(desktop)).isEqualTo(Files.readString(cli));
    }

    @Test
    void everyEvaluatedDraftIsListedAndAnyTwoCompare() throws Exception {
        start(TestWorkspace.create(dir));
        assertThat(vm.runs())
                .extracting(HistoryViewModel.Row::arm)
                .containsExactlyInAnyOrder("general", "task-aware", "bm25", "hybrid");
        assertThat(vm.runs()).allMatch(r -> r.source().equals("desktop"));
        session.editor().form().queryTemplateProperty().set("query: which article answers {text}");
        assertThat(vm.runs()).hasSize(6);
        HistoryViewModel.Row newest = row("task-aware");
        assertThat(newest.query()).isEqualTo("query: which article answers {text}");
        assertThat(newest.scoreText()).startsWith("nDCG@10 0.");
        assertThat(vm.statusProperty().get())
                .isEqualTo(
                        "3 runs of helpdesk-mini with e5-small-v2, 3 of BM25 and its hybrids in "
                                + vms.recorder().historyFile());

        long general = row("general").id();
        vm.compare(general, newest.id());
        assertThat(vm.comparison())
                .extracting(ModeComparison.MetricDelta::label)
                .containsExactly("nDCG@10", "MAP@10", "MRR@10", "Recall@10", "P@10");
        ModeComparison.MetricDelta ndcg = vm.comparison().get(0);
        assertThat(ndcg.delta()).isEqualTo(ndcg.taskAware() - ndcg.general());
        assertThat(ndcg.general()).isEqualTo(0.9605, offset(5e-5));
        assertThat(vm.comparedProperty().get())
                .startsWith("A = run " + general + " (general), B = run " + newest.id())
                .contains("on 40 queries");
        assertThat(vm.queries()).hasSize(40);
        HistoryViewModel.QueryRow most = vm.queries().get(0);
        assertThat(Math.abs(most.delta()))
                .isGreaterThanOrEqualTo(Math.abs(vm.queries().get(39).delta()));
        assertThat(most.delta()).isEqualTo(most.b() - most.a());
        vm.showQuery(most.queryId());
        assertThat(vm.movement()).hasSizeBetween(10, 20);
        assertThat(vm.movement())
                .allSatisfy(
                        m -> assertThat(m.rankA().equals("–") && m.rankB().equals("–")).isFalse());

        // back to the card's default, then restore the edited draft from the history
        session.editor().undo();
        assertThat(session.editor().form().queryTemplateProperty().get())
                .isEqualTo("query: {text}");
        vm.restore(newest.id());
        assertThat(session.editor().form().queryTemplateProperty().get())
                .isEqualTo("query: which article answers {text}");
        // the same draft again: the same run, evaluated twice
        assertThat(vm.runs()).hasSize(6);
        assertThat(row("task-aware").id()).isEqualTo(newest.id());
        assertThat(row("task-aware").times()).isEqualTo(2);
    }

    @Test
    void bm25AndTheHybridAreListedComparedWithTheModesAndBm25DoesNotRestore() throws Exception {
        start(TestWorkspace.create(dir));
        HistoryViewModel.Row bm25 = row("bm25");
        HistoryViewModel.Row hybrid = row("hybrid");
        HistoryViewModel.Row taskAware = row("task-aware");
        assertThat(bm25.query()).isEqualTo("(none: lexical)");
        // the hybrid fuses BM25 with task-aware mode: its templates
        assertThat(hybrid.query()).isEqualTo(taskAware.query());
        assertThat(vm.statusProperty().get()).contains(", 2 of BM25 and its hybrids in ");

        vm.compare(bm25.id(), hybrid.id());
        assertThat(vm.comparedProperty().get())
                .startsWith(
                        "A = run " + bm25.id() + " (bm25), B = run " + hybrid.id() + " (hybrid)")
                .contains("on 40 queries")
                .doesNotContain("Warning");
        ModeComparison.MetricDelta ndcg = vm.comparison().get(0);
        assertThat(ndcg.general()).isEqualTo(bm25.score(), offset(1e-12));
        assertThat(ndcg.taskAware()).isEqualTo(hybrid.score(), offset(1e-12));

        // another edit: BM25 is the same run evaluated again, the hybrid a new one
        session.editor().form().queryTemplateProperty().set("query: which article answers {text}");
        assertThat(row("bm25").id()).isEqualTo(bm25.id());
        assertThat(row("bm25").times()).isGreaterThan(bm25.times());
        assertThat(vm.runs()).filteredOn(r -> r.arm().equals("hybrid")).hasSize(2);

        String before = session.editor().form().queryTemplateProperty().get();
        vm.restore(bm25.id());
        assertThat(vm.statusProperty().get())
                .isEqualTo("Run " + bm25.id() + " is BM25's: it has no templates to restore");
        assertThat(session.editor().form().queryTemplateProperty().get()).isEqualTo(before);
        vm.restore(hybrid.id());
        assertThat(session.editor().form().queryTemplateProperty().get())
                .isEqualTo(taskAware.query());
    }

    /** The newest listed run of an arm. */
    private HistoryViewModel.Row row(String arm) {
        return vm.runs().stream().filter(r -> r.arm().equals(arm)).findFirst().orElseThrow();
    }

    @Test
    void aRunFileScoredOnTheDatasetIsListedBesideTheModelsRunsAndComparesButDoesNotRestore()
            throws Exception {
        WorkbenchContext context = TestWorkspace.create(dir);
        // a run file made elsewhere (here: the ranking of general mode, written as TREC), scored
        // on helpdesk-mini and recorded as `taew eval --run` records it
        RetrievalDataset data =
                BeirReader.read(context.workspace().datasets().resolve("helpdesk-mini"), null);
        StringBuilder trec = new StringBuilder();
        for (TextItem q : data.queries()) {
            trec.append(q.id()).append(" Q0 D001 1 0.5 elsewhere\n");
        }
        Path run = dir.resolve("cluster.run");
        Files.writeString(run, trec);
        RunFiles.Result scored =
                RunFiles.score(
                        data,
                        List.of(new RunFiles.Named("spark", run)),
                        SessionDefaults.metrics(),
                        SessionDefaults.mainMetric(10),
                        false,
                        ModeComparison.Settings.DEFAULT);
        long id =
                RunFiles.record(
                                scored,
                                WorkbenchHome.history(context.home()),
                                "retrieval",
                                SessionDefaults.mainMetric(10))
                        .get(0);
        start(context);
        assertThat(vm.runs())
                .extracting(HistoryViewModel.Row::source)
                .containsExactlyInAnyOrder("desktop", "desktop", "desktop", "desktop", "run file");
        assertThat(vm.statusProperty().get()).contains("and 1 run file scored on it");
        long general = row("general").id();
        vm.compare(general, id);
        assertThat(vm.comparison()).isNotEmpty();
        assertThat(vm.comparison().get(0).taskAware()).isLessThan(vm.comparison().get(0).general());
        String before = session.editor().form().queryTemplateProperty().get();
        vm.restore(id);
        assertThat(vm.statusProperty().get()).contains("scored from a run file made elsewhere");
        assertThat(session.editor().form().queryTemplateProperty().get()).isEqualTo(before);
    }

    @Test
    void aBrokenHistoryIsSaidOnceAndEvaluationsGoOn() throws Exception {
        WorkbenchContext context = TestWorkspace.create(dir);
        Path file = WorkbenchHome.history(context.home());
        Files.writeString(file, "a note, not a database\n".repeat(500));
        start(context);
        assertThat(session.snapshotProperty().get()).isNotNull();
        assertThat(dialogs.errors)
                .singleElement()
                .asString()
                .startsWith("The run history cannot be written: " + file + ": not a readable")
                .contains("Evaluations go on");
        assertThat(vms.recorder().historyProblemProperty().get())
                .contains("not a readable history");
        assertThat(vm.statusProperty().get()).contains("not a readable history database");
        session.editor().form().queryTemplateProperty().set("query: {text} please");
        assertThat(dialogs.errors).hasSize(1);
    }
}
