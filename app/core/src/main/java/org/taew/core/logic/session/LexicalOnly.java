package org.taew.core.logic.session;

import java.nio.file.Path;
import java.util.Map;
import org.taew.core.logic.datasets.DatasetFingerprint;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.evaluation.LexicalArms;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.model.Arm;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;

/**
 * BM25 on a retrieval dataset without a model: nothing is loaded or unpacked but the dataset and
 * the index. The result has no dense mode, one arm ({@code bm25}), and is written and recorded as
 * every evaluation is.
 */
public final class LexicalOnly {
    private LexicalOnly() {}

    /** BM25's evaluation and the id of its run-history record (0 when not recorded). */
    public record Outcome(RetrievalEvaluation.Result result, long recorded) {}

    /**
     * Ranks and measures {@code data} with BM25 (Anserini's defaults).
     *
     * @param home the workbench home (the index lives under it, the history too)
     * @param recordAs record the run as coming from this source, or null not to record
     */
    public static Outcome evaluate(
            RetrievalDataset data,
            String task,
            Path home,
            RetrievalEvaluation.Settings settings,
            String recordAs,
            ProgressListener progress)
            throws WorkbenchException {
        String fingerprint = DatasetFingerprint.of(data);
        LexicalArms.Bm25Ranking ranking =
                LexicalArms.rankBm25(
                        data,
                        fingerprint,
                        WorkbenchHome.lexicalIndexes(home),
                        LexicalSettings.BM25.index(),
                        settings.depth(),
                        settings.ignoreIdenticalIds(),
                        progress);
        RetrievalEvaluation.Result r =
                new RetrievalEvaluation.Result(data, task, settings, Map.of(), null)
                        .withLexical(
                                LexicalArms.evaluate(
                                        data,
                                        LexicalSettings.BM25,
                                        ranking,
                                        Map.of(),
                                        settings.measures()));
        long id = 0;
        if (recordAs != null) {
            ArmResult bm25 = r.lexical().arms().get(Arm.BM25);
            try (RunHistory h = RunHistory.open(WorkbenchHome.history(home))) {
                id = h.record(SessionRecorder.bm25Record(recordAs, bm25, r, fingerprint, task));
            }
        }
        return new Outcome(r, id);
    }
}
