package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.evaluation.LexicalArms;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.lexical.Bm25Settings;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.metrics.RetrievalEvaluator;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.LexicalRecord;
import org.taew.core.model.Arm;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * The lexical reference rows of a leaderboard: BM25 on the split (ranked once, with the
 * experiment's depth and identical-ids decision, its index under the home's bm25 folder) and, when
 * the experiment asks, each variant's ranking fused with BM25's ({@code <variant> + bm25});
 * measured as eval measures its lexical arms and recorded in the run history as eval records them.
 */
final class ReferenceRows {
    /** The suffix of a hybrid row's name: {@code <variant> + bm25}. */
    static final String HYBRID_SUFFIX = " + " + ExperimentSpec.BM25;

    private ReferenceRows() {}

    /**
     * BM25's row, then a hybrid row per variant when {@code spec} asks for them.
     *
     * @param test the variants scored on the split (their rankings fused with BM25's)
     */
    static List<LeaderboardStatistics.Entry> score(
            ExperimentSpec spec,
            EvaluationSession session,
            RetrievalDataset data,
            List<ExperimentSpec.Variant> variants,
            VariantScorer.Scored test,
            boolean ignoreIdenticalIds,
            ProgressListener progress)
            throws WorkbenchException {
        RetrievalEvaluation.Settings settings = VariantScorer.settings(spec, ignoreIdenticalIds);
        Bm25Settings index = session.setup().lexical().index();
        LexicalArms.Bm25Ranking ranking =
                LexicalArms.rankBm25(
                        data,
                        session.fingerprint(data),
                        session.setup().lexicalIndexes(),
                        index,
                        settings.depth(),
                        ignoreIdenticalIds,
                        progress);
        ArmResult bm25 =
                LexicalArms.evaluate(
                                data,
                                new LexicalSettings(true, null, index),
                                ranking,
                                Map.of(),
                                settings.measures())
                        .arms()
                        .get(Arm.BM25);
        Run general = test.runs().get(0);
        List<LeaderboardStatistics.Entry> rows = new ArrayList<>();
        rows.add(
                entry(
                        ExperimentSpec.BM25,
                        InstructionPair.GENERAL,
                        bm25,
                        spec,
                        test,
                        general,
                        session.record(
                                new LexicalRecord(
                                        ExperimentSpec.BM25, spec.name(), bm25, index, null, null),
                                data,
                                settings,
                                0)));
        if (spec.hybrid() == null) {
            return rows;
        }
        List<String> queryIds = new ArrayList<>();
        for (TextItem q : data.queries()) {
            queryIds.add(q.id());
        }
        for (int i = 0; i < variants.size(); i++) {
            ExperimentSpec.Variant v = variants.get(i);
            HybridSettings h = ExperimentHybrid.of(spec.hybrid(), v);
            Run fused = h.fuse(ranking.run(), test.runs().get(i), settings.depth());
            QueryScores s =
                    RetrievalEvaluator.evaluate(queryIds, fused, data.qrels(), settings.metrics());
            ArmResult hybrid = new ArmResult(Arm.HYBRID, h.describe(), fused, s, 0);
            String name = v.name() + HYBRID_SUFFIX;
            long runId =
                    session.record(
                            new LexicalRecord(
                                    name, spec.name(), hybrid, index, h, v.instructions()),
                            data,
                            settings,
                            v.dimension());
            rows.add(entry(name, v.instructions(), hybrid, spec, test, general, runId));
        }
        return rows;
    }

    /** The line saying what the reference rows are. */
    static String describe(ExperimentSpec spec, Bm25Settings index) {
        return "Reference rows: "
                + ExperimentSpec.BM25
                + " — "
                + index.describe()
                + (spec.hybrid() == null
                        ? ""
                        : "; <variant>"
                                + HYBRID_SUFFIX
                                + " — "
                                + ExperimentHybrid.describe(spec.hybrid()))
                + "; never chosen as the best variant";
    }

    private static LeaderboardStatistics.Entry entry(
            String name,
            InstructionPair instructions,
            ArmResult a,
            ExperimentSpec spec,
            VariantScorer.Scored test,
            Run general,
            long runId) {
        // no vectors of its own to compare: only the share of general mode's top 10 it keeps
        ExperimentResult.Diagnostics d =
                new ExperimentResult.Diagnostics(
                        Double.NaN,
                        Double.NaN,
                        VariantDiagnostics.overlap(a.run(), general, test.queryIds()));
        return new LeaderboardStatistics.Entry(
                name, instructions, a.arm(), a.scores().of(spec.measure()), d, runId);
    }
}
