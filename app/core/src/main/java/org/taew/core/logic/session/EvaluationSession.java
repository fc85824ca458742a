package org.taew.core.logic.session;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.DatasetFingerprint;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.datasets.IdenticalIds;
import org.taew.core.logic.encoding.Dimensions;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.evaluation.LexicalArms;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.export.RetrievalReport;
import org.taew.core.logic.export.StsReport;
import org.taew.core.logic.history.SearchRecord;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.retrieval.VectorSearch;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.TemplateSource;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * An open evaluation: the encoder, the embedding service (with its cache) and, for a retrieval
 * dataset, the live evaluation that re-encodes only what an edit changed. Both front ends hold one;
 * closing it closes the encoder. One caller at a time, except that recording ({@link #record}) may
 * run beside an evaluation.
 */
public final class EvaluationSession implements AutoCloseable {
    private final SessionSetup setup;
    private Encoder encoder;
    private EmbeddingService embedder;
    private final LiveEvaluation live;
    private final IdentityHashMap<RetrievalDataset, String> fingerprints = new IdentityHashMap<>();
    private final IdentityHashMap<RetrievalDataset, LexicalArms.Bm25Ranking> bm25Rankings =
            new IdentityHashMap<>();
    private final SessionRecorder recorder;

    private EvaluationSession(SessionSetup setup, Encoder encoder, EmbeddingService embedder) {
        this.setup = setup;
        this.encoder = encoder;
        this.embedder = embedder;
        this.recorder = new SessionRecorder(setup, this::fingerprint);
        this.live =
                setup.retrieval() == null
                        ? null
                        : new LiveEvaluation(setup.retrieval(), setup.task(), embedder, search());
    }

    /** The similarity search of every ranking of this session (eval, live, experiments). */
    public VectorSearch search() {
        return Engines.vectorSearch();
    }

    /**
     * Loads the model.
     *
     * @param background run the encoder's threads at background priority (the desktop)
     */
    public static EvaluationSession open(SessionSetup setup, boolean background)
            throws WorkbenchException {
        Encoder enc =
                Dimensions.truncate(
                        Engines.openEncoder(
                                setup.model(),
                                background ? setup.encoder().inBackground() : setup.encoder(),
                                setup.compute()),
                        setup.dimension());
        return new EvaluationSession(setup, enc, new EmbeddingService(enc, setup.cacheDir()));
    }

    /**
     * A session for {@code next}, which takes this one over: it keeps the encoder and cache when
     * the model, device, engine, batching and cache are the same, else this one is closed and the
     * new model loaded. Either way this session is spent.
     */
    public EvaluationSession retarget(SessionSetup next, boolean background)
            throws WorkbenchException {
        if (keepsEncoder(next)) {
            EvaluationSession s = new EvaluationSession(next, encoder, embedder);
            encoder = null;
            embedder = null;
            return s;
        }
        close();
        return open(next, background);
    }

    static boolean sameEncoder(SessionSetup a, SessionSetup b) {
        return a.model().identity().equals(b.model().identity())
                && a.compute().equals(b.compute())
                && a.encoder().equals(b.encoder())
                && a.dimension() == b.dimension()
                && Objects.equals(a.cacheDir(), b.cacheDir());
    }

    /** Whether {@link #retarget} to {@code next} keeps this session's encoder. */
    public boolean keepsEncoder(SessionSetup next) {
        return encoder != null && sameEncoder(setup, next);
    }

    public SessionSetup setup() {
        return setup;
    }

    public Encoder encoder() {
        return encoder;
    }

    public EmbeddingService embedder() {
        return embedder;
    }

    /** The live evaluation of a retrieval dataset (null for STS pairs or texts). */
    public LiveEvaluation live() {
        return live;
    }

    /** Retrieval settings with the setup's decision about identical ids. */
    public RetrievalEvaluation.Settings retrievalSettings(
            List<MetricId> metrics,
            MetricId mainMetric,
            int depth,
            ModeComparison.Settings significance) {
        return new RetrievalEvaluation.Settings(
                metrics, mainMetric, depth, setup.identicalIds().ignore(), significance);
    }

    /** Every mode of the setup on the retrieval dataset. */
    public RetrievalEvaluation.Result evaluateRetrieval(
            RetrievalEvaluation.Settings settings, ProgressListener progress)
            throws WorkbenchException {
        RetrievalEvaluation.Result result =
                RetrievalEvaluation.run(
                        setup.retrieval(),
                        setup.task(),
                        setup.modes(),
                        embedder,
                        search(),
                        settings,
                        progress);
        result = withLexical(result, progress);
        record(result);
        return result;
    }

    /**
     * {@code result} with the setup's lexical arms beside its dense modes (itself when the setup
     * asks for none). BM25's ranking is made once per split and settings and reused: only the
     * hybrid changes with an edit.
     */
    public RetrievalEvaluation.Result withLexical(
            RetrievalEvaluation.Result result, ProgressListener progress)
            throws WorkbenchException {
        LexicalSettings asked = setup.lexical();
        if (!asked.any()) {
            return result;
        }
        RetrievalEvaluation.Settings s = result.settings();
        LexicalArms.Bm25Ranking bm25;
        synchronized (this) {
            bm25 = bm25Rankings.get(result.dataset());
        }
        if (bm25 == null || !bm25.serves(asked.index(), s.depth(), s.ignoreIdenticalIds())) {
            bm25 =
                    LexicalArms.rankBm25(
                            result.dataset(),
                            fingerprint(result.dataset()),
                            setup.lexicalIndexes(),
                            asked.index(),
                            s.depth(),
                            s.ignoreIdenticalIds(),
                            progress);
            synchronized (this) {
                bm25Rankings.put(result.dataset(), bm25);
            }
        }
        return result.withLexical(
                LexicalArms.evaluate(
                        result.dataset(), asked, bm25, result.denseArms(), s.measures()));
    }

    /**
     * General mode and task-aware mode with {@code taskAware}'s templates, re-encoding only what
     * changed since the last call ({@link LiveEvaluation}); recorded like every evaluation.
     */
    public LiveEvaluation.Snapshot evaluateLive(
            InstructionPair taskAware,
            RetrievalEvaluation.Settings settings,
            ProgressListener progress)
            throws WorkbenchException {
        LiveEvaluation.Snapshot s = live.evaluate(taskAware, settings, progress);
        s = s.withResult(withLexical(s.result(), progress));
        record(s.result());
        return s;
    }

    // ---- the run history ----

    /** The fingerprint of a split this session evaluates (computed once per split). */
    public synchronized String fingerprint(RetrievalDataset data) {
        return fingerprints.computeIfAbsent(data, DatasetFingerprint::of);
    }

    /**
     * Records each arm of a retrieval result (when the setup records); see {@link #record}. May run
     * on another thread than the evaluations (the desktop records off its worker).
     */
    public synchronized List<Long> record(RetrievalEvaluation.Result result) {
        return recorder.record(result, encoder);
    }

    /**
     * Records one evaluated arm in the run history when the setup records, and returns its id (0
     * when nothing was recorded). Never throws: a history that cannot be written is reported once
     * by {@link #recordingProblem()} and not tried again in this session, and the evaluation goes
     * on.
     *
     * @param label general, task-aware or a variant's name
     * @param experiment the experiment's name, or null
     */
    public synchronized long record(
            String label,
            String experiment,
            RetrievalDataset data,
            InstructionPair instructions,
            QueryScores scores,
            Run run,
            RetrievalEvaluation.Settings settings) {
        return record(label, experiment, data, instructions, scores, run, settings, 0);
    }

    /**
     * Records one evaluated arm whose vectors were cut to {@code dimension} Matryoshka dimensions
     * after encoding (an experiment's dimension axis; 0: as the encoder gave them).
     */
    public synchronized long record(
            String label,
            String experiment,
            RetrievalDataset data,
            InstructionPair instructions,
            QueryScores scores,
            Run run,
            RetrievalEvaluation.Settings settings,
            int dimension) {
        return recorder.record(
                new SessionRecorder.Dense(label, experiment, instructions, scores, run),
                data,
                settings,
                dimension,
                encoder);
    }

    /** Records an experiment's lexical row (see {@link #record}); its id, or 0. */
    public synchronized long record(
            LexicalRecord row, RetrievalDataset data, RetrievalEvaluation.Settings s, int dim) {
        return recorder.record(row, data, s, dim, encoder);
    }

    /** Records an instruction search on {@code searched} (see {@link #record}); its id, or 0. */
    public synchronized long recordSearch(RetrievalDataset searched, SearchRecord.Trace trace) {
        return recorder.recordSearch(searched, trace, encoder);
    }

    /** Why runs are not being recorded, or null when they are (or recording is off). */
    public String recordingProblem() {
        return recorder.problem();
    }

    /** The ids the last {@link #record(RetrievalEvaluation.Result)} recorded. */
    public List<Long> lastRecorded() {
        return recorder.lastRecorded();
    }

    /** Every mode of the setup on the STS pairs. */
    public StsEvaluation.Result evaluateSts(ProgressListener progress) throws WorkbenchException {
        return evaluateSts(setup.modes(), progress);
    }

    /** The STS pairs in the given modes (the desktop's editor gives task-aware's templates). */
    public StsEvaluation.Result evaluateSts(
            Map<Mode, InstructionPair> modes, ProgressListener progress) throws WorkbenchException {
        return StsEvaluation.run(setup.sts(), setup.task(), modes, embedder, progress);
    }

    /**
     * Whether identical ids were ignored and why: the setup's decision, or the user's choice when a
     * result was evaluated otherwise (the desktop's check box).
     */
    public IdenticalIds.Decision identicalIds(boolean ignored) {
        IdenticalIds.Decision d = setup.identicalIds();
        return ignored == d.ignore()
                ? d
                : new IdenticalIds.Decision(
                        ignored, IdenticalIds.Basis.CHOSEN, d.evidence(), d.relevantToThemselves());
    }

    /** What a report of a retrieval result must warn about, each a sentence without the stop. */
    public List<String> warnings(boolean ignored) {
        List<String> w = new ArrayList<>();
        String ids = identicalIds(ignored).warning();
        if (ids != null) {
            w.add(ids);
        }
        if (setup.settings().judgedOnly()) {
            w.add(DatasetSettings.judgedOnlyWarning(setup.dataset().path()));
        }
        String cut = dimensionCaution();
        if (cut != null) {
            w.add(cut);
        }
        String draft = draftNote();
        if (draft != null) {
            w.add(draft);
        }
        return w;
    }

    /**
     * The mark of results made with draft-precision (int8) weights, a sentence without the stop;
     * null for fp32.
     */
    public String draftNote() {
        return draftNote(setup.model());
    }

    /** {@link #draftNote()} of a model. */
    public static String draftNote(ModelSpec model) {
        Precision p = Precision.of(model);
        if (!p.draft()) {
            return null;
        }
        return "DRAFT: made with "
                + p.label()
                + " weights ("
                + model.dir().relativize(model.weights())
                + "), whose scores differ a little from fp32; confirm in fp32 before reporting";
    }

    /**
     * Why this session's Matryoshka cut may lose much (the model card does not claim Matryoshka
     * training), or null when the vectors are not cut or the card claims it.
     */
    public String dimensionCaution() {
        int cutTo = encoder.dimension() == Dimensions.full(encoder) ? 0 : encoder.dimension();
        return Dimensions.caution(setup.model(), cutTo);
    }

    /**
     * {@code result} with what its reports say about it (the model, engine, warnings): what
     * results.json and the HTML report are written from.
     */
    public RetrievalReport report(RetrievalEvaluation.Result result, TemplateSource templates) {
        boolean ignored = result.settings().ignoreIdenticalIds();
        return new RetrievalReport(
                result,
                setup.model(),
                encoder.engine(),
                encoder.dimension(),
                templates,
                identicalIds(ignored).describe(),
                warnings(ignored));
    }

    /** As {@link #report(RetrievalEvaluation.Result, TemplateSource)}, of an STS evaluation. */
    public StsReport report(StsEvaluation.Result result, TemplateSource templates) {
        return new StsReport(
                result, setup.model(), encoder.engine(), encoder.dimension(), templates);
    }

    @Override
    public void close() {
        if (embedder != null) {
            embedder.close();
        }
        if (encoder != null) {
            encoder.close();
        }
        embedder = null;
        encoder = null;
    }
}
