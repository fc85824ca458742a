package org.taew.core.logic.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.compare.ArmComparison;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.lexical.Bm25Index;
import org.taew.core.logic.lexical.Bm25Search;
import org.taew.core.logic.lexical.Bm25Settings;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.metrics.RetrievalEvaluator;
import org.taew.core.model.Arm;
import org.taew.core.model.MetricId;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * The lexical arms of an evaluation — BM25 alone and BM25 fused with a dense arm — and their
 * comparisons with the dense arms. BM25's ranking does not depend on any instruction, so a session
 * ranks a split once ({@link #rankBm25}) and fuses it again with each new dense ranking.
 *
 * @param settings what was asked
 * @param bm25 BM25's ranking (also when only the hybrid was asked for)
 * @param arms the asked lexical arms' outcomes, BM25 before hybrid
 * @param comparisons every comparison of an arm with BM25, and the hybrid's with its dense arm
 */
public record LexicalArms(
        LexicalSettings settings,
        Bm25Ranking bm25,
        Map<Arm, ArmResult> arms,
        List<ArmComparison> comparisons) {

    /**
     * BM25's ranking of a split's queries.
     *
     * @param indexNote why the index on disk was rebuilt, or null
     * @param built whether this ranking built the index (else an index on disk was reused)
     */
    public record Bm25Ranking(
            Run run,
            Bm25Settings settings,
            int depth,
            boolean ignoreIdenticalIds,
            Path indexDir,
            String indexNote,
            boolean built,
            double searchSeconds) {
        /** Whether this ranking serves an evaluation to {@code depth} with {@code ignore}. */
        public boolean serves(Bm25Settings s, int atDepth, boolean ignore) {
            return settings.equals(s) && depth == atDepth && ignoreIdenticalIds == ignore;
        }
    }

    /**
     * Ranks every query of {@code data} with BM25, building the index under {@code indexRoot} first
     * when there is none to trust. Progress as encoding; Cancel by interrupting the thread.
     */
    public static Bm25Ranking rankBm25(
            RetrievalDataset data,
            String fingerprint,
            Path indexRoot,
            Bm25Settings settings,
            int depth,
            boolean ignoreIdenticalIds,
            ProgressListener progress)
            throws WorkbenchException {
        Bm25Index index =
                Bm25Index.open(indexRoot, fingerprint, data.documents(), settings, progress);
        try (index) {
            long start = System.nanoTime();
            Run run =
                    new Bm25Search(index)
                            .search(data.queries(), depth, ignoreIdenticalIds, progress);
            return new Bm25Ranking(
                    run,
                    settings,
                    depth,
                    ignoreIdenticalIds,
                    index.dir(),
                    index.note(),
                    index.built(),
                    (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot close the BM25 index in " + index.dir() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * What the lexical arms are measured and compared on: the evaluation's settings.
     *
     * @param depth how many documents each ranking keeps
     */
    public record Measures(
            List<MetricId> metrics,
            MetricId mainMetric,
            int depth,
            ModeComparison.Settings significance) {}

    /**
     * The lexical arms asked for by {@code asked}, measured, and compared with the dense arms.
     *
     * @param bm25 BM25's ranking of the split, from {@link #rankBm25} with the settings' depth
     * @param dense the dense arms evaluated (the hybrid's dense arm must be among them)
     */
    public static LexicalArms evaluate(
            RetrievalDataset data,
            LexicalSettings asked,
            Bm25Ranking bm25,
            Map<Arm, ArmResult> dense,
            Measures settings) {
        List<String> queryIds = new ArrayList<>();
        for (TextItem q : data.queries()) {
            queryIds.add(q.id());
        }
        Map<Arm, ArmResult> arms = new EnumMap<>(Arm.class);
        if (asked.bm25()) {
            arms.put(
                    Arm.BM25,
                    new ArmResult(
                            Arm.BM25,
                            asked.index().describe(),
                            bm25.run(),
                            measure(queryIds, bm25.run(), data, settings),
                            bm25.searchSeconds()));
        }
        HybridSettings h = asked.hybrid();
        if (h != null) {
            ArmResult d = dense.get(Arm.of(h.dense()));
            if (d == null) {
                throw new IllegalArgumentException(
                        "the hybrid's dense arm, "
                                + h.dense().label()
                                + " mode, was not evaluated");
            }
            long start = System.nanoTime();
            Run fused = h.fuse(bm25.run(), d.run(), settings.depth());
            double seconds = (System.nanoTime() - start) / 1e9 + bm25.searchSeconds();
            arms.put(
                    Arm.HYBRID,
                    new ArmResult(
                            Arm.HYBRID,
                            h.describe(),
                            fused,
                            measure(queryIds, fused, data, settings),
                            seconds));
        }
        return new LexicalArms(asked, bm25, arms, comparisons(arms, dense, h, settings));
    }

    /**
     * Each arm against BM25 (the question every retrieval study asks first), and the hybrid against
     * its dense arm (does fusion help this model).
     */
    static List<ArmComparison> comparisons(
            Map<Arm, ArmResult> lexical,
            Map<Arm, ArmResult> dense,
            HybridSettings h,
            Measures settings) {
        List<ArmComparison> out = new ArrayList<>();
        ArmResult bm25 = lexical.get(Arm.BM25);
        ArmResult hybrid = lexical.get(Arm.HYBRID);
        if (bm25 != null) {
            for (ArmResult m : dense.values()) {
                out.add(compare(Arm.BM25, bm25.scores(), m.arm(), m.scores(), settings));
            }
            if (hybrid != null) {
                out.add(compare(Arm.BM25, bm25.scores(), Arm.HYBRID, hybrid.scores(), settings));
            }
        }
        if (hybrid != null) {
            Arm d = Arm.of(h.dense());
            out.add(compare(d, dense.get(d).scores(), Arm.HYBRID, hybrid.scores(), settings));
        }
        return List.copyOf(out);
    }

    private static ArmComparison compare(
            Arm baseline, QueryScores base, Arm arm, QueryScores scores, Measures settings) {
        return new ArmComparison(
                baseline,
                arm,
                ModeComparison.compare(
                        base, scores, settings.mainMetric(), settings.significance()));
    }

    private static QueryScores measure(
            List<String> queryIds, Run run, RetrievalDataset data, Measures s) {
        return RetrievalEvaluator.evaluate(queryIds, run, data.qrels(), s.metrics());
    }

    /** The comparison of {@code arm} with {@code baseline}, or null when it was not made. */
    public ArmComparison comparison(Arm baseline, Arm arm) {
        for (ArmComparison c : comparisons) {
            if (c.baseline() == baseline && c.arm() == arm) {
                return c;
            }
        }
        return null;
    }
}
