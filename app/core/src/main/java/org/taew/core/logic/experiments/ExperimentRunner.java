package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.encoding.Dimensions;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.SideTemplate;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.PreparedText;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.Side;
import org.taew.core.model.TemplateSource;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Runs an experiment: for each dataset and model, every variant that applies to the model's family,
 * with general mode and the model card's default always among them. Each distinct template of a
 * side is encoded once (through the embedding cache), all query templates in one batched call, so
 * that variants that differ only on the query side share the corpus vectors. Each variant is ranked
 * and measured; the leaderboard compares every variant with the baseline (paired bootstrap
 * interval, randomization test, Holm's adjustment across the variants), says how sensitive the
 * model is to the wording and whether it uses the instruction at all, and chooses the best variant
 * on data it is not scored on (the dev split, else K-fold over the queries).
 */
public final class ExperimentRunner {
    private static final int OVERLAP_K = 10;

    private ExperimentRunner() {}

    /**
     * Runs the experiment.
     *
     * @param request the options every session of the experiment shares (device, engine, cache)
     */
    public static ExperimentResult run(
            ExperimentSpec spec,
            SessionResolver resolver,
            SessionRequest request,
            ModeComparison.Settings significance,
            ProgressListener progress)
            throws WorkbenchException {
        // every input is read and every model's instructions resolved before a model is loaded
        List<String> models = new ArrayList<>(spec.models());
        if (models.isEmpty()) {
            resolver.models().bundled().stream()
                    .filter(b -> b.available())
                    .forEach(b -> models.add(b.name()));
        }
        List<List<SessionSetup>> setups = new ArrayList<>();
        for (String model : models) {
            List<SessionSetup> forModel = new ArrayList<>();
            for (String dataset : spec.datasets()) {
                forModel.add(
                        resolver.resolve(
                                request.toBuilder()
                                        .optDataset(dataset)
                                        .optSplit(spec.split())
                                        .optModel(model)
                                        .optTask(spec.task())
                                        .optModes(null)
                                        .optEmptyWhenNoInstructions(true)
                                        .build()));
            }
            setups.add(forModel);
        }
        for (SessionSetup s : setups.get(0)) {
            if (s.isSts()) {
                throw WorkbenchException.badInput(
                        s.dataset().path()
                                + ": experiments take retrieval datasets (BEIR folders)");
            }
        }
        List<String> warnings = new ArrayList<>(unmatched(spec, setups));
        List<ExperimentResult.ModelResult> results = new ArrayList<>();
        for (List<SessionSetup> forModel : setups) {
            EvaluationSession session = null;
            try {
                for (SessionSetup setup : forModel) {
                    session =
                            session == null
                                    ? EvaluationSession.open(setup, false)
                                    : session.retarget(setup, false);
                    SessionSetup dev = devSetup(spec, resolver, request, setup);
                    results.add(runOne(spec, session, dev, significance, progress));
                    String problem = session.recordingProblem();
                    if (problem != null && !warnings.contains(problem)) {
                        warnings.add(problem);
                    }
                }
            } finally {
                if (session != null) {
                    // a cancelled run closes too: the cache keeps what was encoded (a channel
                    // would refuse to write while the thread is interrupted)
                    boolean interrupted = Thread.interrupted();
                    session.close();
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        return new ExperimentResult(spec, significance, warnings, results);
    }

    /**
     * Runs the experiment on an open session's dataset and model (the desktop's); the spec's
     * datasets and models are not read, and the session stays open. Not while the session does
     * other work: one caller at a time.
     *
     * @param request the session's request (the dev split is resolved with its options)
     */
    public static ExperimentResult runOn(
            ExperimentSpec spec,
            EvaluationSession session,
            SessionResolver resolver,
            SessionRequest request,
            ModeComparison.Settings significance,
            ProgressListener progress)
            throws WorkbenchException {
        SessionSetup setup = session.setup();
        if (setup.retrieval() == null) {
            throw WorkbenchException.badInput(
                    (setup.dataset() == null ? "texts" : setup.dataset().path())
                            + ": experiments take retrieval datasets (BEIR folders)");
        }
        List<String> warnings = new ArrayList<>(unmatched(spec, List.of(List.of(setup))));
        SessionSetup dev = devSetup(spec, resolver, request, setup);
        ExperimentResult.ModelResult m = runOne(spec, session, dev, significance, progress);
        if (session.recordingProblem() != null) {
            warnings.add(session.recordingProblem());
        }
        return new ExperimentResult(spec, significance, warnings, List.of(m));
    }

    /**
     * A sentence for each variant or grid of the file whose families none of the models run has:
     * nothing of it was run.
     */
    static List<String> unmatched(ExperimentSpec spec, List<List<SessionSetup>> setups) {
        Set<String> families = new TreeSet<>();
        for (List<SessionSetup> forModel : setups) {
            families.add(forModel.get(0).model().family());
        }
        Map<Integer, List<ExperimentSpec.Variant>> byLine = new LinkedHashMap<>();
        for (ExperimentSpec.Variant v : spec.variants()) {
            if (families.stream().noneMatch(v::appliesTo)) {
                byLine.computeIfAbsent(v.line(), l -> new ArrayList<>()).add(v);
            }
        }
        List<String> w = new ArrayList<>();
        for (Map.Entry<Integer, List<ExperimentSpec.Variant>> e : byLine.entrySet()) {
            List<ExperimentSpec.Variant> vs = e.getValue();
            w.add(
                    String.format(
                            Locale.ROOT,
                            "%s: %s for families %s, and the models run are %s: not run",
                            spec.file() == null ? spec.name() : spec.file() + ":" + e.getKey(),
                            vs.size() == 1
                                    ? "variant " + vs.get(0).name() + " is"
                                    : vs.size() + " variants (" + vs.get(0).name() + ", …) are",
                            vs.get(0).families(),
                            families));
        }
        return w;
    }

    /** The dev split's setup when the dataset has one and the experiment selects on it. */
    private static SessionSetup devSetup(
            ExperimentSpec spec,
            SessionResolver resolver,
            SessionRequest request,
            SessionSetup test)
            throws WorkbenchException {
        ExperimentSpec.Selection sel = spec.selection();
        String dev = sel.devSplit();
        if (!sel.useDev()
                || dev.equals(test.retrieval().split())
                || !BeirReader.splits(test.dataset().path()).contains(dev)) {
            return null;
        }
        return resolver.resolve(
                request.toBuilder()
                        .optDataset(test.dataset().path().toString())
                        .optSplit(dev)
                        .optModel(test.model().dir().toString())
                        .optTask(test.task())
                        .optEmptyWhenNoInstructions(true)
                        .build());
    }

    /**
     * The report's line on where templates came from: the card's default from the source eval uses,
     * every other variant (but general) from the experiment.
     */
    static String templates(ExperimentSpec spec, SessionSetup setup) {
        return "Task-aware templates: "
                + ExperimentSpec.CARD
                + " — "
                + setup.templateSource().describe()
                + "; the other variants — "
                + TemplateSource.Kind.EXPERIMENT_VARIANT.label()
                + "s of "
                + (spec.file() == null ? "the experiment \"" + spec.name() + "\"" : spec.file());
    }

    /** The variants of a model: general, the card's default, then the file's for its family. */
    static List<ExperimentSpec.Variant> variants(ExperimentSpec spec, SessionSetup setup) {
        List<ExperimentSpec.Variant> v = new ArrayList<>();
        v.add(
                new ExperimentSpec.Variant(
                        ExperimentSpec.GENERAL, InstructionPair.GENERAL, List.of(), 0));
        v.add(
                new ExperimentSpec.Variant(
                        ExperimentSpec.CARD,
                        setup.taskInstructions().instructions(),
                        List.of(),
                        0));
        for (ExperimentSpec.Variant x : spec.variants()) {
            if (x.appliesTo(setup.model().family())) {
                v.add(x);
            }
        }
        // the dimension axis: every variant again at each dimension
        int full = v.size();
        for (int d : spec.dimensions()) {
            for (int i = 0; i < full; i++) {
                v.add(v.get(i).at(d));
            }
        }
        return v;
    }

    private static ExperimentResult.ModelResult runOne(
            ExperimentSpec spec,
            EvaluationSession session,
            SessionSetup dev,
            ModeComparison.Settings significance,
            ProgressListener progress)
            throws WorkbenchException {
        SessionSetup setup = session.setup();
        RetrievalDataset data = setup.retrieval();
        List<ExperimentSpec.Variant> variants = variants(spec, setup);
        for (int d : spec.dimensions()) {
            if (d >= session.encoder().dimension()) {
                throw WorkbenchException.badInput(
                        (spec.file() == null ? spec.name() : spec.file().toString())
                                + ": dimension "
                                + d
                                + " is not below the "
                                + session.encoder().dimension()
                                + " dimensions of "
                                + setup.model().name()
                                + "'s vectors");
            }
        }
        boolean ignore = setup.identicalIds().ignore();
        Map<SideTemplate, Embeddings> docs =
                encodeSide(
                        session.embedder(),
                        data.documents(),
                        variants,
                        Side.DOCUMENT,
                        "documents",
                        progress);
        Scored test = score(spec, session, data, variants, docs, ignore, progress);
        int baseline = spec.baseline() == ExperimentSpec.Baseline.GENERAL ? 0 : 1;
        double[] base = test.perQuery.get(baseline);

        // leaderboard: every variant against the baseline
        int n = variants.size();
        double[] rawP = new double[n - 1];
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i != baseline) {
                others.add(i);
                rawP[others.size() - 1] =
                        Significance.randomizationTest(
                                base,
                                test.perQuery.get(i),
                                significance.permutations(),
                                significance.seed());
            }
        }
        double[] holm = Significance.holm(rawP);
        List<ExperimentResult.VariantResult> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = test.perQuery.get(i);
            int o = others.indexOf(i);
            int wins = 0;
            int losses = 0;
            for (int q = 0; q < v.length; q++) {
                wins += v[q] > base[q] + 1e-12 ? 1 : 0;
                losses += v[q] < base[q] - 1e-12 ? 1 : 0;
            }
            rows.add(
                    new ExperimentResult.VariantResult(
                            variants.get(i).name(),
                            variants.get(i).instructions(),
                            mean(v),
                            Significance.bootstrapMeanCi(
                                    v,
                                    significance.resamples(),
                                    significance.seed(),
                                    significance.confidence()),
                            mean(v) - mean(base),
                            Significance.bootstrapCi(
                                    base,
                                    v,
                                    significance.resamples(),
                                    significance.seed(),
                                    significance.confidence()),
                            o < 0 ? Double.NaN : rawP[o],
                            o < 0 ? Double.NaN : holm[o],
                            wins,
                            losses,
                            test.diagnostics.get(i),
                            v,
                            test.runIds.get(i)));
        }
        ExperimentResult.Selection selection =
                dev == null
                        ? crossValidate(spec.selection(), variants, test.perQuery)
                        : onDev(spec, session, dev, variants, docs, test.perQuery, progress);
        return new ExperimentResult.ModelResult(
                data.name(),
                data.split(),
                setup.task(),
                setup.model(),
                session.encoder().engine(),
                spec.baseline(),
                test.queryIds,
                session.warnings(ignore),
                templates(spec, setup),
                rows,
                ExperimentResult.Sensitivity.of(rows),
                selection);
    }

    /** Per-query values, diagnostics and the query ids of every variant on one split. */
    private record Scored(
            List<String> queryIds,
            List<double[]> perQuery,
            List<ExperimentResult.Diagnostics> diagnostics,
            List<Long> runIds) {}

    private static Scored score(
            ExperimentSpec spec,
            EvaluationSession session,
            RetrievalDataset data,
            List<ExperimentSpec.Variant> variants,
            Map<SideTemplate, Embeddings> docs,
            boolean ignoreIdenticalIds,
            ProgressListener progress)
            throws WorkbenchException {
        Map<SideTemplate, Embeddings> queries =
                encodeSide(
                        session.embedder(),
                        data.queries(),
                        variants,
                        Side.QUERY,
                        "queries",
                        progress);
        // every evaluation's measures (so that the history compares a variant with any run) and
        // depth, deeper when the main measure cuts deeper
        RetrievalEvaluation.Settings settings =
                new RetrievalEvaluation.Settings(
                        SessionDefaults.metrics(),
                        spec.measure(),
                        SessionDefaults.DEPTH,
                        ignoreIdenticalIds,
                        ModeComparison.Settings.DEFAULT);
        List<Run> runs = new ArrayList<>();
        List<double[]> perQuery = new ArrayList<>();
        List<Long> runIds = new ArrayList<>();
        List<String> evaluated = null;
        Cut q = new Cut(queries);
        Cut d = new Cut(docs);
        progress.reset("searching and measuring " + variants.size() + " variants", variants.size());
        for (ExperimentSpec.Variant v : variants) {
            if (Thread.currentThread().isInterrupted()) {
                throw new WorkbenchException(WorkbenchException.Kind.CANCELLED, "Cancelled", null);
            }
            RetrievalEvaluation.Ranked ranked =
                    RetrievalEvaluation.rank(
                            data,
                            q.of(v, Side.QUERY),
                            d.of(v, Side.DOCUMENT),
                            session.search(),
                            settings);
            Run run = ranked.run();
            QueryScores s = ranked.scores();
            // recorded as each variant finishes: a cancelled experiment keeps what it measured
            runIds.add(
                    session.record(
                            v.name(),
                            spec.name(),
                            data,
                            v.instructions(),
                            s,
                            run,
                            settings,
                            v.dimension()));
            runs.add(run);
            perQuery.add(s.of(spec.measure()));
            evaluated = s.queryIds();
            progress.increment(1);
        }
        List<ExperimentResult.Diagnostics> diagnostics = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            ExperimentSpec.Variant v = variants.get(i);
            // against general mode at the same dimensions
            ExperimentSpec.Variant general =
                    new ExperimentSpec.Variant(
                            ExperimentSpec.GENERAL,
                            InstructionPair.GENERAL,
                            List.of(),
                            0,
                            v.dimension());
            diagnostics.add(
                    new ExperimentResult.Diagnostics(
                            meanRowCosine(q.of(v, Side.QUERY), q.of(general, Side.QUERY)),
                            meanRowCosine(d.of(v, Side.DOCUMENT), d.of(general, Side.DOCUMENT)),
                            overlap(runs.get(i), runs.get(generalAt(variants, v)), evaluated)));
        }
        return new Scored(evaluated, perQuery, diagnostics, runIds);
    }

    /** The index of general mode at the variant's dimensions (full vectors: 0). */
    private static int generalAt(List<ExperimentSpec.Variant> variants, ExperimentSpec.Variant v) {
        for (int i = 0; i < variants.size(); i++) {
            ExperimentSpec.Variant g = variants.get(i);
            if (g.dimension() == v.dimension()
                    && g.name()
                            .equals(
                                    v.dimension() == 0
                                            ? ExperimentSpec.GENERAL
                                            : ExperimentSpec.GENERAL + "@" + v.dimension())) {
                return i;
            }
        }
        return 0;
    }

    /**
     * One side's vectors of each template, cut to each dimension a variant asks for (once) and made
     * unit length again, as all vectors of an experiment are.
     */
    private static final class Cut {
        private final Map<SideTemplate, Embeddings> full;
        private final Map<SideTemplate, Map<Integer, Embeddings>> cut = new HashMap<>();

        Cut(Map<SideTemplate, Embeddings> full) {
            this.full = full;
        }

        Embeddings of(ExperimentSpec.Variant v, Side side) {
            SideTemplate key = SideTemplate.of(side, v.instructions());
            Embeddings e = full.get(key);
            if (v.dimension() == 0) {
                return e;
            }
            return cut.computeIfAbsent(key, k -> new HashMap<>())
                    .computeIfAbsent(v.dimension(), dim -> Dimensions.cut(e, dim, true));
        }
    }

    /**
     * Encodes each distinct template of one side once, all of them in one call (the embedding cache
     * serves what was encoded before), unit length.
     */
    private static Map<SideTemplate, Embeddings> encodeSide(
            EmbeddingService embedder,
            List<TextItem> items,
            List<ExperimentSpec.Variant> variants,
            Side side,
            String what,
            ProgressListener progress)
            throws WorkbenchException {
        Map<SideTemplate, InstructionPair> distinct = new LinkedHashMap<>();
        for (ExperimentSpec.Variant v : variants) {
            distinct.putIfAbsent(SideTemplate.of(side, v.instructions()), v.instructions());
        }
        List<PreparedText> all = new ArrayList<>(items.size() * distinct.size());
        for (InstructionPair p : distinct.values()) {
            for (TextItem t : items) {
                all.add(p.prepare(side, t.text()));
            }
        }
        EmbeddingService.Result r =
                embedder.encode(all, distinct.size() + " " + what + " templates", progress);
        Embeddings vectors = Vectors.unit(embedder.model(), r.vectors());
        Map<SideTemplate, Embeddings> out = new LinkedHashMap<>();
        int dim = vectors.dim();
        int k = 0;
        for (SideTemplate key : distinct.keySet()) {
            float[] part =
                    Arrays.copyOfRange(
                            vectors.data(), k * items.size() * dim, (k + 1) * items.size() * dim);
            out.put(key, new Embeddings(part, items.size(), dim));
            k++;
        }
        return out;
    }

    /** Mean cosine of each row with the same row of {@code general} (unit vectors). */
    static double meanRowCosine(Embeddings a, Embeddings general) {
        double s = 0;
        for (int i = 0; i < a.rows(); i++) {
            s += a.dot(i, general, i);
        }
        return a.rows() == 0 ? Double.NaN : s / a.rows();
    }

    /**
     * Mean share of general mode's top 10 that the top 10 of {@code run} has too (of its top n when
     * the corpus is smaller).
     */
    static double overlap(Run run, Run general, List<String> queries) {
        double s = 0;
        for (String q : queries) {
            Set<String> g = new HashSet<>();
            for (ScoredDoc d : top(general, q)) {
                g.add(d.docId());
            }
            int both = 0;
            for (ScoredDoc d : top(run, q)) {
                both += g.contains(d.docId()) ? 1 : 0;
            }
            s += g.isEmpty() ? 1.0 : (double) both / g.size();
        }
        return queries.isEmpty() ? Double.NaN : s / queries.size();
    }

    private static List<ScoredDoc> top(Run run, String q) {
        List<ScoredDoc> r = run.of(q);
        return r.subList(0, Math.min(OVERLAP_K, r.size()));
    }

    /**
     * K-fold over the queries: the variant with the best mean on the other folds is scored on the
     * held-out fold; the estimate is the mean over all queries of what was so chosen.
     */
    static ExperimentResult.Selection crossValidate(
            ExperimentSpec.Selection sel,
            List<ExperimentSpec.Variant> variants,
            List<double[]> perQuery) {
        int n = perQuery.get(0).length;
        int folds = Math.min(sel.folds(), Math.max(2, n));
        int[] order = shuffled(n, sel.seed());
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % folds;
        }
        double total = 0;
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (int f = 0; f < folds; f++) {
            int best = -1;
            double bestMean = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < perQuery.size(); v++) {
                double s = 0;
                int c = 0;
                for (int q = 0; q < n; q++) {
                    if (fold[q] != f) {
                        s += perQuery.get(v)[q];
                        c++;
                    }
                }
                double m = c == 0 ? 0 : s / c;
                if (m > bestMean + 1e-12) {
                    bestMean = m;
                    best = v;
                }
            }
            chosen.merge(variants.get(best).name(), 1, Integer::sum);
            for (int q = 0; q < n; q++) {
                if (fold[q] == f) {
                    total += perQuery.get(best)[q];
                }
            }
        }
        int inSample = argmax(perQuery);
        return new ExperimentResult.Selection(
                folds + "-fold cross-validation over queries (seed " + sel.seed() + ")",
                variants.get(inSample).name(),
                mean(perQuery.get(inSample)),
                null,
                n == 0 ? Double.NaN : total / n,
                chosen);
    }

    /** Chooses on the dev split, scores the choice on the test split. */
    private static ExperimentResult.Selection onDev(
            ExperimentSpec spec,
            EvaluationSession session,
            SessionSetup dev,
            List<ExperimentSpec.Variant> variants,
            Map<SideTemplate, Embeddings> docs,
            List<double[]> testPerQuery,
            ProgressListener progress)
            throws WorkbenchException {
        Scored d =
                score(
                        spec,
                        session,
                        dev.retrieval(),
                        variants,
                        docs,
                        dev.identicalIds().ignore(),
                        progress);
        int best = argmax(d.perQuery);
        int inSample = argmax(testPerQuery);
        return new ExperimentResult.Selection(
                "chosen on the " + dev.retrieval().split() + " split",
                variants.get(inSample).name(),
                mean(testPerQuery.get(inSample)),
                variants.get(best).name(),
                mean(testPerQuery.get(best)),
                Map.of(variants.get(best).name(), 1));
    }

    private static int argmax(List<double[]> perQuery) {
        int best = 0;
        for (int v = 1; v < perQuery.size(); v++) {
            if (mean(perQuery.get(v)) > mean(perQuery.get(best)) + 1e-12) {
                best = v;
            }
        }
        return best;
    }

    private static int[] shuffled(int n, long seed) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
