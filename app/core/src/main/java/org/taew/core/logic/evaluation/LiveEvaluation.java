package org.taew.core.logic.evaluation;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.retrieval.VectorSearch;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Mode;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Side;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Evaluation for interactive instruction tuning: one dataset and model held open, evaluated again
 * after every edit. The vectors of each side are kept in memory per template, so an edit of the
 * query instruction encodes only the queries (and those only once per distinct text, through the
 * disk cache); a side whose template did not change is not even read back from the cache. A mode
 * whose two templates did not change keeps its ranking; a change of cut-offs only measures again.
 *
 * <p>Not thread-safe: one caller (the workbench's background worker) at a time.
 */
public final class LiveEvaluation {
    /** How many encoded sides are kept in memory (each is texts × dimension floats). */
    static final int KEPT_SIDES = 6;

    /** Unit-length vectors of one side and how they were obtained this time. */
    public record SideVectors(Embeddings vectors, EmbeddingService.Report report, boolean reused) {}

    /**
     * One evaluation: the result, and the unit-length vectors of both sides per mode (for
     * similarity maps).
     */
    public record Snapshot(
            RetrievalEvaluation.Result result,
            Map<Mode, SideVectors> queries,
            Map<Mode, SideVectors> documents) {
        /** This snapshot with {@code r} as its result (e.g. with lexical arms added). */
        public Snapshot withResult(RetrievalEvaluation.Result r) {
            return new Snapshot(r, queries, documents);
        }

        /** Texts run through the model in this evaluation, over both modes and sides. */
        public int textsEncoded() {
            int n = 0;
            for (SideVectors v : queries.values()) {
                n += v.reused() ? 0 : v.report().encoded();
            }
            for (SideVectors v : documents.values()) {
                n += v.reused() ? 0 : v.report().encoded();
            }
            return n;
        }
    }

    private final RetrievalDataset dataset;
    private final String task;
    private final EmbeddingService embedder;
    private final VectorSearch search;
    private final Map<SideTemplate, SideVectors> kept =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<SideTemplate, SideVectors> eldest) {
                    return size() > KEPT_SIDES;
                }
            };
    private final Map<Mode, RankedMode> ranked = new EnumMap<>(Mode.class);

    /** A mode's last ranking and what it was made from. */
    private record RankedMode(
            SideTemplate query,
            SideTemplate document,
            int depth,
            boolean ignoreIdenticalIds,
            RetrievalEvaluation.ModeResult result) {
        boolean serves(SideTemplate q, SideTemplate d, RetrievalEvaluation.Settings s) {
            return query.equals(q)
                    && document.equals(d)
                    && depth >= s.depth()
                    && ignoreIdenticalIds == s.ignoreIdenticalIds();
        }
    }

    public LiveEvaluation(
            RetrievalDataset dataset, String task, EmbeddingService embedder, VectorSearch search) {
        this.dataset = dataset;
        this.task = task;
        this.embedder = embedder;
        this.search = search;
    }

    public RetrievalDataset dataset() {
        return dataset;
    }

    public String task() {
        return task;
    }

    public EmbeddingService embedder() {
        return embedder;
    }

    /**
     * Evaluates both modes: general with no instruction, task-aware with {@code taskAware}.
     * Cancellation (thread interrupt) is honoured between batches.
     */
    public Snapshot evaluate(
            InstructionPair taskAware,
            RetrievalEvaluation.Settings settings,
            ProgressListener progress)
            throws WorkbenchException {
        Map<Mode, InstructionPair> modes = new EnumMap<>(Mode.class);
        modes.put(Mode.GENERAL, InstructionPair.GENERAL);
        modes.put(Mode.TASK_AWARE, taskAware);
        Map<Mode, SideVectors> queries = new EnumMap<>(Mode.class);
        Map<Mode, SideVectors> documents = new EnumMap<>(Mode.class);
        Map<Mode, RetrievalEvaluation.ModeResult> results = new EnumMap<>(Mode.class);
        for (Map.Entry<Mode, InstructionPair> m : modes.entrySet()) {
            Mode mode = m.getKey();
            InstructionPair pair = m.getValue();
            SideVectors d = vectors(Side.DOCUMENT, pair, mode, progress);
            SideVectors q = vectors(Side.QUERY, pair, mode, progress);
            queries.put(mode, q);
            documents.put(mode, d);
            SideTemplate qk = SideTemplate.of(Side.QUERY, pair);
            SideTemplate dk = SideTemplate.of(Side.DOCUMENT, pair);
            RankedMode before = ranked.get(mode);
            RetrievalEvaluation.ModeResult result;
            if (before != null && before.serves(qk, dk, settings)) {
                result =
                        RetrievalEvaluation.rescore(
                                dataset, withPair(before.result(), pair, q, d), settings);
            } else {
                ProgressListener.checkCancelled();
                result =
                        RetrievalEvaluation.score(
                                dataset,
                                mode,
                                pair,
                                q.vectors(),
                                d.vectors(),
                                q.report(),
                                d.report(),
                                search,
                                settings);
            }
            if (before == null || !before.serves(qk, dk, settings)) {
                ranked.put(
                        mode,
                        new RankedMode(
                                qk, dk, settings.depth(), settings.ignoreIdenticalIds(), result));
            }
            results.put(mode, result);
        }
        ProgressListener.checkCancelled();
        RetrievalEvaluation.Result result =
                new RetrievalEvaluation.Result(
                        dataset,
                        task,
                        settings,
                        results,
                        RetrievalEvaluation.compare(results, settings));
        return new Snapshot(result, queries, documents);
    }

    private static RetrievalEvaluation.ModeResult withPair(
            RetrievalEvaluation.ModeResult r, InstructionPair pair, SideVectors q, SideVectors d) {
        return new RetrievalEvaluation.ModeResult(
                r.mode(), pair, r.run(), r.scores(), q.report(), d.report(), 0.0);
    }

    private SideVectors vectors(
            Side side, InstructionPair pair, Mode mode, ProgressListener progress)
            throws WorkbenchException {
        SideTemplate key = SideTemplate.of(side, pair);
        SideVectors have = kept.get(key);
        int n = side == Side.QUERY ? dataset.queries().size() : dataset.documents().size();
        if (have != null) {
            return new SideVectors(
                    have.vectors(),
                    new EmbeddingService.Report(n, n, 0, have.report().truncated(), 0, 0.0),
                    true);
        }
        EmbeddingService.Result r =
                embedder.encode(
                        RetrievalEvaluation.prepare(
                                side == Side.QUERY ? dataset.queries() : dataset.documents(),
                                pair,
                                side),
                        mode.label() + " " + side.label() + "s",
                        progress);
        Embeddings unit = Vectors.unit(embedder.model(), r.vectors());
        SideVectors v = new SideVectors(unit, r.report(), false);
        kept.put(key, v);
        return v;
    }
}
