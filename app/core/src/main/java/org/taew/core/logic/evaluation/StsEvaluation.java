package org.taew.core.logic.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.compare.StsComparison;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.metrics.Correlation;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Mode;
import org.taew.core.model.PreparedText;
import org.taew.core.model.Side;
import org.taew.core.model.StsDataset;
import org.taew.core.model.StsPair;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Semantic textual similarity: the cosine of each pair's two vectors against the gold score, as
 * Spearman (the main score, as in MTEB) and Pearson correlation. The first sentence takes the query
 * template, the second the document template (symmetric tasks use the same template on both sides).
 */
public final class StsEvaluation {
    /** One mode's correlations. */
    public record ModeResult(
            Mode mode,
            InstructionPair instructions,
            double spearman,
            double pearson,
            double[] cosines,
            EmbeddingService.Report firstEncoding,
            EmbeddingService.Report secondEncoding) {}

    /** Both (or one) modes. */
    public record Result(StsDataset dataset, String task, Map<Mode, ModeResult> modes) {}

    /**
     * Sentence pairs' significance: bootstrap resamples and permutations (fewer than retrieval's:
     * the desktop recomputes them on every edit), the same in the desktop and the report.
     */
    public static final ModeComparison.Settings SIGNIFICANCE =
            new ModeComparison.Settings(2000, 2000, Significance.DEFAULT_SEED, 0.95);

    /** How many of the pairs whose rank moved most are shown. */
    public static final int MOVED_PAIRS = 25;

    private StsEvaluation() {}

    public static Result run(
            StsDataset dataset,
            String task,
            Map<Mode, InstructionPair> modes,
            EmbeddingService embedder,
            ProgressListener progress)
            throws WorkbenchException {
        Map<Mode, ModeResult> out = new EnumMap<>(Mode.class);
        double[] gold = new double[dataset.pairs().size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = dataset.pairs().get(i).gold();
        }
        for (Map.Entry<Mode, InstructionPair> m : modes.entrySet()) {
            InstructionPair pair = m.getValue();
            List<PreparedText> first = new ArrayList<>();
            List<PreparedText> second = new ArrayList<>();
            for (StsPair p : dataset.pairs()) {
                first.add(pair.prepare(Side.QUERY, p.first()));
                second.add(pair.prepare(Side.DOCUMENT, p.second()));
            }
            String label = m.getKey().label();
            EmbeddingService.Result a =
                    embedder.encode(first, label + " first sentences", progress);
            EmbeddingService.Result b =
                    embedder.encode(second, label + " second sentences", progress);
            double[] cos = Vectors.pairwiseCosine(a.vectors(), b.vectors());
            out.put(
                    m.getKey(),
                    new ModeResult(
                            m.getKey(),
                            pair,
                            Correlation.spearman(cos, gold),
                            Correlation.pearson(cos, gold),
                            cos,
                            a.report(),
                            b.report()));
        }
        return new Result(dataset, task, out);
    }

    /**
     * Both modes compared: correlations with bootstrap intervals, the paired test of their
     * difference, and the {@code moved} pairs whose rank moved most.
     */
    public static StsComparison compare(Result result) {
        return compare(result, SIGNIFICANCE, MOVED_PAIRS);
    }

    /** As {@link #compare(Result)} with other settings, keeping {@code moved} pairs. */
    public static StsComparison compare(
            Result result, ModeComparison.Settings settings, int moved) {
        List<StsPair> pairs = result.dataset().pairs();
        double[] gold = new double[pairs.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = pairs.get(i).gold();
        }
        Map<Mode, double[]> cosines = new EnumMap<>(Mode.class);
        result.modes().forEach((m, r) -> cosines.put(m, r.cosines()));
        return StsComparison.compare(pairs, gold, cosines, settings, moved);
    }
}
