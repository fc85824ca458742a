package org.taew.core.logic.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.TestPaths;
import org.taew.core.logic.compare.ArmComparison;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.lexical.Fusion;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.model.Arm;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.Template;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;

/** The lexical arms in a session: evaluated, reused across edits, fused again, recorded. */
class SessionLexicalArmsTest {
    private static final ModeComparison.Settings SIG =
            new ModeComparison.Settings(200, 200, 42, 0.95);
    private static final MetricId NDCG = SessionDefaults.mainMetric(10);

    @TempDir Path home;

    @BeforeEach
    void sharedModels() throws Exception {
        Files.createSymbolicLink(
                WorkbenchHome.models(home), WorkbenchHome.models(WorkbenchHome.resolve()));
    }

    private EvaluationSession open(LexicalSettings lexical) throws Exception {
        SessionResolver resolver = new SessionResolver(Workspace.at(TestPaths.workspace()), home);
        return EvaluationSession.open(
                resolver.resolve(
                        SessionRequest.builder()
                                .optDataset("helpdesk-mini")
                                .optModel("e5-small-v2")
                                .optRecordAs(RunRecord.Origin.EVAL)
                                .optLexical(lexical)
                                .build()),
                false);
    }

    private static RetrievalEvaluation.Settings settings(EvaluationSession s) {
        return s.retrievalSettings(SessionDefaults.metrics(), NDCG, SessionDefaults.DEPTH, SIG);
    }

    @Test
    void bm25IsRankedOnceAndTheHybridIsFusedAgainAfterAnEdit() throws Exception {
        try (EvaluationSession s = open(LexicalSettings.BM25.withHybrid(HybridSettings.DEFAULT))) {
            RetrievalEvaluation.Result first =
                    s.evaluateRetrieval(settings(s), ProgressListener.NONE);
            assertThat(first.arms().keySet())
                    .containsExactly(Arm.GENERAL, Arm.TASK_AWARE, Arm.BM25, Arm.HYBRID);
            assertThat(first.comparisons())
                    .extracting(ArmComparison::label)
                    .containsExactly(
                            "task-aware vs general",
                            "general vs bm25",
                            "task-aware vs bm25",
                            "hybrid vs bm25",
                            "hybrid vs task-aware");
            // datasets/helpdesk-mini/expected.yaml
            assertThat(first.arms().get(Arm.BM25).scores().mean(NDCG)).isBetween(0.80686, 0.80688);
            // the hybrid is the fusion of the two rankings the result holds
            assertThat(first.arms().get(Arm.HYBRID).run())
                    .isEqualTo(
                            Fusion.reciprocalRank(
                                    first.arms().get(Arm.BM25).run(),
                                    first.modes().get(Mode.TASK_AWARE).run(),
                                    Fusion.RRF_K,
                                    SessionDefaults.DEPTH));
            assertThat(first.lexical().bm25().built()).isTrue();
            assertThat(s.lastRecorded()).hasSize(4);

            InstructionPair edited =
                    new InstructionPair(
                            Template.parse("query: which article answers {text}"),
                            Template.parse("passage: {text}"),
                            false);
            LiveEvaluation.Snapshot live =
                    s.evaluateLive(edited, settings(s), ProgressListener.NONE);
            RetrievalEvaluation.Result second = live.result();
            // BM25's ranking is the same object: ranked once per split and settings
            assertThat(second.lexical().bm25()).isSameAs(first.lexical().bm25());
            ArmResult hybrid = second.arms().get(Arm.HYBRID);
            assertThat(hybrid.run())
                    .isEqualTo(
                            Fusion.reciprocalRank(
                                    second.arms().get(Arm.BM25).run(),
                                    second.modes().get(Mode.TASK_AWARE).run(),
                                    Fusion.RRF_K,
                                    SessionDefaults.DEPTH));
            assertThat(hybrid.run()).isNotEqualTo(first.arms().get(Arm.HYBRID).run());

            try (RunHistory h = RunHistory.openForReading(WorkbenchHome.history(home))) {
                List<RunRecord> runs = h.list(RunHistory.Filter.ALL);
                RunRecord bm25 =
                        runs.stream()
                                .filter(r -> r.origin().label().equals("bm25"))
                                .findFirst()
                                .orElseThrow();
                assertThat(bm25.model().name()).isEqualTo(RunRecord.Model.BM25);
                assertThat(bm25.model().identity())
                        .isEqualTo("bm25 k1=0.9 b=0.4 anserini-english-porter");
                assertThat(bm25.templates().query()).isEqualTo("(none: lexical)");
                List<RunRecord> hybrids =
                        runs.stream().filter(r -> r.origin().label().equals("hybrid")).toList();
                // two hybrids (before and after the edit), one BM25 (the same ranking twice)
                assertThat(hybrids).hasSize(2);
                assertThat(runs.stream().filter(r -> r.origin().label().equals("bm25"))).hasSize(1);
                assertThat(hybrids.get(0).model().engine())
                        .startsWith("rrf k=60 bm25+task-aware; ");
                assertThat(hybrids)
                        .extracting(r -> r.templates().query())
                        .containsExactlyInAnyOrder(
                                "query: {text}", "query: which article answers {text}");
            }
        }
    }

    @Test
    void aSessionWithoutLexicalArmsHasNone() throws Exception {
        try (EvaluationSession s = open(LexicalSettings.NONE)) {
            RetrievalEvaluation.Result r = s.evaluateRetrieval(settings(s), ProgressListener.NONE);
            assertThat(r.lexical()).isNull();
            assertThat(r.arms().keySet()).containsExactly(Arm.GENERAL, Arm.TASK_AWARE);
            assertThat(r.comparisons()).hasSize(1);
            assertThat(Files.exists(WorkbenchHome.lexicalIndexes(home))).isFalse();
        }
    }
}
