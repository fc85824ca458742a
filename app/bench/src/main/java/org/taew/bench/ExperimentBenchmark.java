package org.taew.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentRunner;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.PreparedText;
import org.taew.core.model.Side;
import org.taew.core.model.Template;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;

/**
 * An instruction experiment's cost beyond encoding: 20 query-side variants on 300 queries × 5,000
 * documents whose vectors are cached (e5-small-v2). Timed: the whole experiment (encoding the 6,000
 * new query texts, 22 searches with general mode and the card's default, every measure, the
 * bootstrap intervals, the randomization tests, Holm, the diagnostics, cross-validated selection
 * and the 22 runs written to the history). Baseline in the same run: encoding 6,000 query texts of
 * the same lengths alone, through the same embedding service. The same experiment from the
 * desktop's Experiments tab is {@code ExperimentGuiBenchmark} in app/desktop-bench.
 */
final class ExperimentBenchmark {
    static final int VARIANTS = 20;

    /** Twenty wordings of a retrieval instruction, each as an e5 query prefix. */
    private static final String[] WORDINGS = {
        "find the passage for",
        "search",
        "question",
        "look up",
        "retrieve the text that answers",
        "which passage says",
        "what does the corpus say about",
        "help me find",
        "query about",
        "sentence to match",
        "find a similar sentence to",
        "match this",
        "looking for",
        "passage that answers",
        "related text for",
        "the user asks",
        "search request",
        "find documents about",
        "I want to know",
        "locate the sentence about"
    };

    private ExperimentBenchmark() {}

    /** The variants of one round; {@code tag} keeps each round's texts out of the cache. */
    static List<ExperimentSpec.Variant> variants(String tag) {
        List<ExperimentSpec.Variant> v = new ArrayList<>();
        for (int i = 0; i < VARIANTS; i++) {
            v.add(
                    new ExperimentSpec.Variant(
                            "w" + (i + 1),
                            new InstructionPair(
                                    Template.parse(
                                            "query: " + WORDINGS[i] + " [" + tag + "]: {text}"),
                                    Template.parse("passage: {text}"),
                                    false),
                            List.of(),
                            i + 1));
        }
        return v;
    }

    static ExperimentSpec spec(String name, List<ExperimentSpec.Variant> variants) {
        return new ExperimentSpec(
                null,
                name,
                List.of(DATASET),
                List.of("e5-small-v2"),
                null,
                null,
                ExperimentSpec.Selection.DEFAULT,
                MetricId.parse(SessionDefaults.MAIN_METRIC),
                ExperimentSpec.Baseline.GENERAL,
                variants,
                List.of(),
                null,
                null);
    }

    static final String DATASET = "bench-300x5000";

    /** A workspace with the benchmark dataset and a home sharing the extracted models. */
    static BenchWorkspace workspace(BenchTexts texts) throws Exception {
        return BenchWorkspace.create(
                "taew-experiment-bench", ReevalBenchmark.dataset(texts), DATASET);
    }

    static void run(BenchTexts texts) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== Instruction experiment: %d query-side variants, %d queries x %d cached"
                        + " documents ==%n",
                VARIANTS,
                ReevalBenchmark.QUERIES,
                ReevalBenchmark.DOCUMENTS);
        BenchWorkspace ctx = workspace(texts);
        SessionResolver resolver = new SessionResolver(ctx.workspace(), ctx.home());
        SessionRequest request =
                SessionRequest.builder()
                        .optDataset(DATASET)
                        .optModel("e5-small-v2")
                        .optRecordAs(RunRecord.Origin.EXPERIMENT)
                        .build();
        try (EvaluationSession session = warmSession(resolver, request)) {
            double[] ratios = new double[2];
            // one-token words keep each round's texts out of the cache at the same lengths
            String[][] tags = {{"red", "blue"}, {"green", "white"}};
            for (int round = 0; round < 2; round++) {
                List<ExperimentSpec.Variant> alone = variants(tags[round][0]);
                List<ExperimentSpec.Variant> measured = variants(tags[round][1]);
                System.out.printf(
                        Locale.ROOT,
                        "  tokens: %,d in the experiment's query texts, %,d in the baseline's%n",
                        tokens(session, measured),
                        tokens(session, alone));
                // alternate the order, so that neither side always runs on a warmer process
                double base;
                Phases exp;
                if (round == 0) {
                    base = encodeAlone(session, alone);
                    exp = experiment(session, resolver, request, measured, round);
                } else {
                    exp = experiment(session, resolver, request, measured, round);
                    base = encodeAlone(session, alone);
                }
                ratios[round] = exp.total / base;
                System.out.printf(
                        Locale.ROOT,
                        "Round %d: encoding the %d query texts alone %.2f s; the experiment %.2f s"
                                + " (encoding %.2f s, 22 searches + measures + history %.2f s,"
                                + " significance + selection %.2f s): overhead %+.1f %%%n",
                        round + 1,
                        VARIANTS * ReevalBenchmark.QUERIES,
                        base,
                        exp.total,
                        exp.encoding,
                        exp.scoring,
                        exp.after,
                        100 * (ratios[round] - 1));
            }
            try (RunHistory h = RunHistory.openForReading(WorkbenchHome.history(ctx.home()))) {
                System.out.printf(
                        Locale.ROOT,
                        "History: %d runs recorded (%s)%n",
                        h.count(),
                        WorkbenchHome.history(ctx.home()));
            }
            double mean = (ratios[0] + ratios[1]) / 2;
            System.out.printf(
                    Locale.ROOT,
                    "Experiment time / encoding time: %.3f, %.3f (mean %.3f): overhead %+.1f %%"
                            + " (target <= 25 %%: %s)%n",
                    ratios[0],
                    ratios[1],
                    mean,
                    100 * (mean - 1),
                    mean <= 1.25 ? "met" : "NOT met");
        }
    }

    /**
     * The benchmark's session, warmed up: general and task-aware mode evaluated, the corpus and the
     * card's queries in the cache.
     */
    static EvaluationSession warmSession(SessionResolver resolver, SessionRequest request)
            throws Exception {
        EvaluationSession session = EvaluationSession.open(resolver.resolve(request), false);
        long t0 = System.nanoTime();
        session.evaluateRetrieval(
                session.retrievalSettings(
                        SessionDefaults.metrics(),
                        MetricId.parse(SessionDefaults.MAIN_METRIC),
                        SessionDefaults.DEPTH,
                        ModeComparison.Settings.DEFAULT),
                ProgressListener.NONE);
        System.out.printf(
                Locale.ROOT,
                "Warm-up: general and task-aware mode evaluated, the corpus and the card's queries"
                        + " encoded into the cache: %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        return session;
    }

    private static List<PreparedText> queryTexts(
            EvaluationSession s, List<ExperimentSpec.Variant> variants) {
        List<PreparedText> all = new ArrayList<>();
        for (ExperimentSpec.Variant v : variants) {
            for (TextItem q : s.setup().retrieval().queries()) {
                all.add(v.instructions().prepare(Side.QUERY, q.text()));
            }
        }
        return all;
    }

    /** Tokens the encoder sees in the variants' query texts. */
    private static long tokens(EvaluationSession s, List<ExperimentSpec.Variant> variants)
            throws Exception {
        List<String> texts = queryTexts(s, variants).stream().map(PreparedText::text).toList();
        return s.encoder().countTokens(texts).stream().mapToLong(c -> c.tokens()).sum();
    }

    /** Encodes the 6,000 query texts of the variants in one call, as the experiment does. */
    private static double encodeAlone(EvaluationSession s, List<ExperimentSpec.Variant> variants)
            throws Exception {
        List<PreparedText> all = queryTexts(s, variants);
        long t = System.nanoTime();
        EmbeddingService.Result r = s.embedder().encode(all, "baseline", ProgressListener.NONE);
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "  baseline: %d texts encoded, %d tokens%n",
                r.report().encoded(),
                r.report().tokensEncoded());
        return seconds;
    }

    /** Seconds of an experiment, split where its progress says. */
    private record Phases(double total, double encoding, double scoring, double after) {}

    private static Phases experiment(
            EvaluationSession s,
            SessionResolver resolver,
            SessionRequest request,
            List<ExperimentSpec.Variant> variants,
            int round)
            throws Exception {
        AtomicLong searching = new AtomicLong();
        AtomicLong lastIncrement = new AtomicLong();
        ProgressListener phases =
                new ProgressListener() {
                    @Override
                    public void reset(String message, long max) {
                        if (message.startsWith("searching and measuring")) {
                            searching.set(System.nanoTime());
                        }
                    }

                    @Override
                    public void increment(long steps) {
                        lastIncrement.set(System.nanoTime());
                    }

                    @Override
                    public void end() {}
                };
        long t = System.nanoTime();
        ExperimentResult r =
                ExperimentRunner.runOn(
                        spec("round-" + round, variants),
                        s,
                        resolver,
                        request,
                        ModeComparison.Settings.DEFAULT,
                        phases);
        long end = System.nanoTime();
        int recorded =
                (int) r.results().get(0).variants().stream().filter(v -> v.runId() > 0).count();
        System.out.printf(
                Locale.ROOT,
                "  experiment: %d on the leaderboard, %d recorded in the history%n",
                r.results().get(0).variants().size(),
                recorded);
        return new Phases(
                (end - t) / 1e9,
                (searching.get() - t) / 1e9,
                (lastIncrement.get() - searching.get()) / 1e9,
                (end - lastIncrement.get()) / 1e9);
    }
}
