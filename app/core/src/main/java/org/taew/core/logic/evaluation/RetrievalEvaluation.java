package org.taew.core.logic.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.compare.ArmComparison;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.metrics.RetrievalEvaluator;
import org.taew.core.logic.retrieval.VectorSearch;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.Arm;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.PreparedText;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.Side;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Evaluates a retrieval dataset in one or both modes: encode (through the cache) → exact top-k →
 * trec_eval measures → comparison. Both modes run through the same code; general mode is just the
 * identity templates.
 */
public final class RetrievalEvaluation {

    /**
     * What to measure.
     *
     * @param metrics the measures, e.g. ndcg_cut.10
     * @param mainMetric the measure that decides per-query wins and losses
     * @param depth how many documents each ranking keeps (at least the largest cut-off)
     * @param ignoreIdenticalIds drop a result whose id equals the query id
     */
    public record Settings(
            List<MetricId> metrics,
            MetricId mainMetric,
            int depth,
            boolean ignoreIdenticalIds,
            ModeComparison.Settings significance) {
        public Settings {
            metrics = List.copyOf(metrics);
            if (!metrics.contains(mainMetric)) {
                List<MetricId> all = new ArrayList<>(metrics);
                all.add(mainMetric);
                metrics = List.copyOf(all);
            }
            int deepest = 1;
            for (MetricId m : metrics) {
                deepest = Math.max(deepest, m.k());
            }
            if (depth < deepest) {
                depth = deepest;
            }
        }

        /** What lexical arms are measured and compared on. */
        public LexicalArms.Measures measures() {
            return new LexicalArms.Measures(metrics, mainMetric, depth, significance);
        }
    }

    /** One mode's outcome. */
    public record ModeResult(
            Mode mode,
            InstructionPair instructions,
            Run run,
            QueryScores scores,
            EmbeddingService.Report queryEncoding,
            EmbeddingService.Report documentEncoding,
            double searchSeconds) {
        /** This mode as one arm among others. */
        public ArmResult asArm() {
            return new ArmResult(
                    Arm.of(mode),
                    mode == Mode.GENERAL ? "no instruction" : "the task's instructions",
                    run,
                    scores,
                    searchSeconds);
        }
    }

    /**
     * The whole evaluation; {@code comparison} (task-aware vs general) is null unless both modes
     * ran, {@code lexical} null unless BM25 or a hybrid was asked for.
     */
    public record Result(
            RetrievalDataset dataset,
            String task,
            Settings settings,
            Map<Mode, ModeResult> modes,
            ModeComparison comparison,
            LexicalArms lexical) {
        /** The dense modes only. */
        public Result(
                RetrievalDataset dataset,
                String task,
                Settings settings,
                Map<Mode, ModeResult> modes,
                ModeComparison comparison) {
            this(dataset, task, settings, modes, comparison, null);
        }

        /** The dense modes as arms. */
        public Map<Arm, ArmResult> denseArms() {
            Map<Arm, ArmResult> out = new EnumMap<>(Arm.class);
            for (ModeResult m : modes.values()) {
                out.put(Arm.of(m.mode()), m.asArm());
            }
            return out;
        }

        /** This result with lexical arms beside its dense modes. */
        public Result withLexical(LexicalArms arms) {
            return new Result(dataset, task, settings, modes, comparison, arms);
        }

        /** Every arm evaluated: the dense modes (general first), then BM25, then the hybrid. */
        public Map<Arm, ArmResult> arms() {
            Map<Arm, ArmResult> out = denseArms();
            if (lexical != null) {
                out.putAll(lexical.arms());
            }
            return out;
        }

        /** Every comparison made: task-aware vs general first, then those with lexical arms. */
        public List<ArmComparison> comparisons() {
            List<ArmComparison> out = new ArrayList<>();
            if (comparison != null) {
                out.add(new ArmComparison(Arm.GENERAL, Arm.TASK_AWARE, comparison));
            }
            if (lexical != null) {
                out.addAll(lexical.comparisons());
            }
            return out;
        }
    }

    private RetrievalEvaluation() {}

    /**
     * Evaluates each mode and compares them when both ran.
     *
     * @param modes the modes to run with their instructions (general normally {@link
     *     InstructionPair#GENERAL})
     */
    public static Result run(
            RetrievalDataset dataset,
            String task,
            Map<Mode, InstructionPair> modes,
            EmbeddingService embedder,
            VectorSearch search,
            Settings settings,
            ProgressListener progress)
            throws WorkbenchException {
        Map<Mode, ModeResult> results = new EnumMap<>(Mode.class);
        for (Map.Entry<Mode, InstructionPair> m : modes.entrySet()) {
            results.put(
                    m.getKey(),
                    runMode(
                            dataset,
                            m.getKey(),
                            m.getValue(),
                            embedder,
                            search,
                            settings,
                            progress));
        }
        ModeComparison comparison = compare(results, settings);
        return new Result(dataset, task, settings, results, comparison);
    }

    public static ModeResult runMode(
            RetrievalDataset dataset,
            Mode mode,
            InstructionPair instructions,
            EmbeddingService embedder,
            VectorSearch search,
            Settings settings,
            ProgressListener progress)
            throws WorkbenchException {
        EmbeddingService.Result docs =
                embedder.encode(
                        prepare(dataset.documents(), instructions, Side.DOCUMENT),
                        mode.label() + " documents",
                        progress);
        EmbeddingService.Result queries =
                embedder.encode(
                        prepare(dataset.queries(), instructions, Side.QUERY),
                        mode.label() + " queries",
                        progress);
        Embeddings q = Vectors.unit(embedder.model(), queries.vectors());
        Embeddings d = Vectors.unit(embedder.model(), docs.vectors());
        return score(
                dataset,
                mode,
                instructions,
                q,
                d,
                queries.report(),
                docs.report(),
                search,
                settings);
    }

    /**
     * Ranks and scores one mode from unit-length vectors that are already encoded.
     *
     * @param queries one row per query of the dataset, in dataset order
     * @param documents one row per document of the dataset, in dataset order
     */
    public static ModeResult score(
            RetrievalDataset dataset,
            Mode mode,
            InstructionPair instructions,
            Embeddings queries,
            Embeddings documents,
            EmbeddingService.Report queryEncoding,
            EmbeddingService.Report documentEncoding,
            VectorSearch search,
            Settings settings)
            throws WorkbenchException {
        Ranked r = rank(dataset, queries, documents, search, settings);
        return new ModeResult(
                mode,
                instructions,
                r.run(),
                r.scores(),
                queryEncoding,
                documentEncoding,
                r.searchSeconds());
    }

    /** A ranking of every query's documents and its measures. */
    public record Ranked(Run run, QueryScores scores, double searchSeconds) {}

    /**
     * Ranks the documents for each query by cosine of unit vectors and measures the ranking — the
     * one path from vectors to numbers of eval, the desktop's live evaluation and every experiment
     * variant.
     */
    public static Ranked rank(
            RetrievalDataset dataset,
            Embeddings queries,
            Embeddings documents,
            VectorSearch search,
            Settings settings)
            throws WorkbenchException {
        long start = System.nanoTime();
        List<String> queryIds = ids(dataset.queries());
        Run run =
                search.search(
                        queryIds,
                        queries,
                        ids(dataset.documents()),
                        documents,
                        settings.depth(),
                        settings.ignoreIdenticalIds());
        double searchSeconds = (System.nanoTime() - start) / 1e9;
        QueryScores scores =
                RetrievalEvaluator.evaluate(queryIds, run, dataset.qrels(), settings.metrics());
        return new Ranked(run, scores, searchSeconds);
    }

    /** The same ranking measured again, e.g. with other cut-offs (no more than its depth). */
    public static ModeResult rescore(
            RetrievalDataset dataset, ModeResult ranked, Settings settings) {
        QueryScores scores =
                RetrievalEvaluator.evaluate(
                        ids(dataset.queries()), ranked.run(), dataset.qrels(), settings.metrics());
        return new ModeResult(
                ranked.mode(),
                ranked.instructions(),
                ranked.run(),
                scores,
                ranked.queryEncoding(),
                ranked.documentEncoding(),
                ranked.searchSeconds());
    }

    /** The comparison of two modes' scores, or null unless both are there. */
    public static ModeComparison compare(Map<Mode, ModeResult> results, Settings settings) {
        if (!results.containsKey(Mode.GENERAL) || !results.containsKey(Mode.TASK_AWARE)) {
            return null;
        }
        return ModeComparison.compare(
                results.get(Mode.GENERAL).scores(),
                results.get(Mode.TASK_AWARE).scores(),
                settings.mainMetric(),
                settings.significance());
    }

    public static List<PreparedText> prepare(
            List<TextItem> items, InstructionPair pair, Side side) {
        List<PreparedText> out = new ArrayList<>(items.size());
        for (TextItem t : items) {
            out.add(pair.prepare(side, t.text()));
        }
        return out;
    }

    static List<String> ids(List<TextItem> items) {
        List<String> ids = new ArrayList<>(items.size());
        for (TextItem t : items) {
            ids.add(t.id());
        }
        return ids;
    }
}
