package org.taew.core.logic.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.TestPaths;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Template;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;

class SessionRecordingTest {
    private static final ModeComparison.Settings SIG =
            new ModeComparison.Settings(200, 200, 42, 0.95);

    @TempDir Path home;

    @BeforeEach
    void sharedModels() throws Exception {
        // the extracted bundled models of the test home; the cache and history are this test's
        Files.createSymbolicLink(
                WorkbenchHome.models(home), WorkbenchHome.models(WorkbenchHome.resolve()));
    }

    private EvaluationSession open(String recordAs) throws Exception {
        SessionResolver resolver = new SessionResolver(Workspace.at(TestPaths.workspace()), home);
        SessionSetup setup =
                resolver.resolve(
                        SessionRequest.builder()
                                .optDataset("helpdesk-mini")
                                .optModel("e5-small-v2")
                                .optRecordAs(recordAs)
                                .build());
        return EvaluationSession.open(setup, false);
    }

    private static RetrievalEvaluation.Settings settings(EvaluationSession s) {
        return s.retrievalSettings(
                SessionDefaults.metrics(),
                SessionDefaults.mainMetric(10),
                SessionDefaults.DEPTH,
                SIG);
    }

    @Test
    void everyModeOfAnEvaluationAndEveryLiveEditIsRecorded() throws Exception {
        Path file = WorkbenchHome.history(home);
        try (EvaluationSession s = open(RunRecord.Origin.EVAL)) {
            RetrievalEvaluation.Result r = s.evaluateRetrieval(settings(s), ProgressListener.NONE);
            assertThat(s.lastRecorded()).hasSize(2);
            assertThat(s.recordingProblem()).isNull();
            InstructionPair edited =
                    new InstructionPair(
                            Template.parse("query: which article answers {text}"),
                            Template.parse("passage: {text}"),
                            false);
            s.evaluateLive(edited, settings(s), ProgressListener.NONE);
            try (RunHistory h = RunHistory.openForReading(file)) {
                List<RunRecord> runs = h.list(RunHistory.Filter.ALL);
                // general (evaluated twice: one run), task-aware, the edit
                assertThat(runs).hasSize(3);
                RunRecord taskAware = h.get(s.lastRecorded().get(1));
                assertThat(taskAware.templates().query())
                        .isEqualTo("query: which article answers {text}");
                assertThat(taskAware.origin())
                        .isEqualTo(new RunRecord.Origin("eval", "task-aware", null));
                assertThat(taskAware.data().name()).isEqualTo("helpdesk-mini");
                assertThat(taskAware.data().fingerprint()).isEqualTo(s.fingerprint(r.dataset()));
                assertThat(taskAware.model().engine()).isEqualTo(s.encoder().engine());
                assertThat(taskAware.scores().queryIds()).hasSize(40);
                RunRecord general = h.get(s.lastRecorded().get(0));
                assertThat(general.times()).isEqualTo(2);
                assertThat(general.mainScore())
                        .isEqualTo(r.comparison().metrics().get(0).general());
            }
        }
    }

    @Test
    void withoutRecordAsNothingIsWritten() throws Exception {
        try (EvaluationSession s = open(null)) {
            s.evaluateRetrieval(settings(s), ProgressListener.NONE);
            assertThat(s.lastRecorded()).isEmpty();
        }
        assertThat(WorkbenchHome.history(home)).doesNotExist();
    }

    @Test
    void aBrokenHistoryIsReportedOnceAndTheEvaluationGoesOn() throws Exception {
        Path file = WorkbenchHome.history(home);
        Files.writeString(file, "not a database, but someone's notes\n".repeat(200));
        byte[] before = Files.readAllBytes(file);
        try (EvaluationSession s = open(RunRecord.Origin.EVAL)) {
            RetrievalEvaluation.Result r = s.evaluateRetrieval(settings(s), ProgressListener.NONE);
            assertThat(r.modes()).hasSize(2);
            assertThat(s.lastRecorded()).isEmpty();
            assertThat(s.recordingProblem())
                    .startsWith(file + ": not a readable history database")
                    .endsWith("this session's runs are not recorded");
            s.evaluateRetrieval(settings(s), ProgressListener.NONE);
            assertThat(s.recordingProblem()).isNotNull();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
