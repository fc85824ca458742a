package org.taew.desktop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.LexicalArms;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.lexical.Bm25Settings;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.logic.metrics.RetrievalEvaluator;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.Qrels;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;

/**
 * Hand-made evaluations for the view models: three queries with one relevant document each, ranked
 * so that each arm puts it at a known place (nDCG@10 of rank 1, 2, 3: 1, 0.6309, 0.5).
 *
 * <pre>
 *             q1 (a)     q2 (b)     q3 (c)
 * general     b a        b          a b c
 * task-aware  a b        a b        c
 * bm25        c d a      c b        d c
 * </pre>
 *
 * The hybrid (RRF k 60 of BM25 and task-aware) puts every relevant document first.
 */
public final class ArmSnapshots {
    /** nDCG@10 of a single relevant document at rank 2 and 3. */
    public static final double RANK2 = 1 / (Math.log(3) / Math.log(2));

    public static final double RANK3 = 0.5;

    private static final RetrievalDataset DATA =
            new RetrievalDataset(
                    "tiny",
                    Path.of("."),
                    "test",
                    List.of(
                            new TextItem("q1", "first question"),
                            new TextItem("q2", "second question"),
                            new TextItem("q3", "third question")),
                    List.of(
                            new TextItem("a", "alpha"),
                            new TextItem("b", "beta"),
                            new TextItem("c", "gamma"),
                            new TextItem("d", "delta")),
                    new Qrels(
                            Map.of(
                                    "q1",
                                    Map.of("a", 1),
                                    "q2",
                                    Map.of("b", 1),
                                    "q3",
                                    Map.of("c", 1))));

    private static final RetrievalEvaluation.Settings SETTINGS =
            new RetrievalEvaluation.Settings(
                    MetricId.atCutoff(10),
                    SessionDefaults.mainMetric(10),
                    100,
                    false,
                    new ModeComparison.Settings(200, 200, 7, 0.95));

    private ArmSnapshots() {}

    /** General and task-aware only. */
    public static LiveEvaluation.Snapshot dense() {
        Map<Mode, RetrievalEvaluation.ModeResult> modes = new EnumMap<>(Mode.class);
        modes.put(Mode.GENERAL, mode(Mode.GENERAL, run("q1", "b a", "q2", "b", "q3", "a b c")));
        modes.put(Mode.TASK_AWARE, mode(Mode.TASK_AWARE, run("q1", "a b", "q2", "a b", "q3", "c")));
        RetrievalEvaluation.Result r =
                new RetrievalEvaluation.Result(
                        DATA,
                        "test",
                        SETTINGS,
                        modes,
                        RetrievalEvaluation.compare(modes, SETTINGS));
        return new LiveEvaluation.Snapshot(r, Map.of(), Map.of());
    }

    /** The dense modes with BM25 and the default hybrid beside them. */
    public static LiveEvaluation.Snapshot withLexical() {
        LiveEvaluation.Snapshot s = dense();
        LexicalArms.Bm25Ranking bm25 =
                new LexicalArms.Bm25Ranking(
                        run("q1", "c d a", "q2", "c b", "q3", "d c"),
                        Bm25Settings.ANSERINI,
                        SETTINGS.depth(),
                        false,
                        Path.of("bm25"),
                        null,
                        false,
                        0.01);
        LexicalArms arms =
                LexicalArms.evaluate(
                        DATA,
                        LexicalSettings.BM25.withHybrid(HybridSettings.DEFAULT),
                        bm25,
                        s.result().denseArms(),
                        SETTINGS.measures());
        return s.withResult(s.result().withLexical(arms));
    }

    private static RetrievalEvaluation.ModeResult mode(Mode m, Run run) {
        List<String> ids = new ArrayList<>();
        DATA.queries().forEach(q -> ids.add(q.id()));
        return new RetrievalEvaluation.ModeResult(
                m,
                InstructionPair.GENERAL, // the view models do not show instructions
                run,
                RetrievalEvaluator.evaluate(ids, run, DATA.qrels(), SETTINGS.metrics()),
                null,
                null,
                0.01);
    }

    /** Query id, then its ranking as document ids separated by spaces, and so on. */
    private static Run run(String... queryAndDocs) {
        Map<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();
        for (int i = 0; i < queryAndDocs.length; i += 2) {
            List<ScoredDoc> docs = new ArrayList<>();
            String[] ids = queryAndDocs[i + 1].split(" ");
            for (int r = 0; r < ids.length; r++) {
                docs.add(new ScoredDoc(ids[r], 1f - r * 0.1f));
            }
            rankings.put(queryAndDocs[i], docs);
        }
        return new Run(rankings);
    }
}
