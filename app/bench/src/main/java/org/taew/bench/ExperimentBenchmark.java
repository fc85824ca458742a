package org.taew.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentRunner;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.logic.experiments.ExperimentWriter;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.PreparedText;
import org.taew.core.model.Side;
import org.taew.core.model.Template;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;
import org.taew.desktop.Workbench;
import org.taew.desktop.experiments.ExperimentsViewModel;
import org.taew.desktop.session.WorkbenchContext;
import org.taew.desktop.util.FxDialogService;
import org.taew.desktop.util.FxStallMonitor;

/**
 * An instruction experiment's cost beyond encoding: 20 query-side variants on 300 queries × 5,000
 * documents whose vectors are cached (e5-small-v2). Timed: the whole experiment (encoding the 6,000
 * new query texts, 22 searches with general mode and the card's default, every measure, the
 * bootstrap intervals, the randomization tests, Holm, the diagnostics, cross-validated selection
 * and the 22 runs written to the history). Baseline in the same run: encoding 6,000 query texts of
 * the same lengths alone, through the same embedding service. With {@code --gui}: the same
 * experiment started from the desktop's Experiments tab, and the longest time the FX thread could
 * not run meanwhile.
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
    private static List<ExperimentSpec.Variant> variants(String tag) {
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

    private static ExperimentSpec spec(String name, List<ExperimentSpec.Variant> variants) {
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
                variants);
    }

    static final String DATASET = "bench-300x5000";

    /** A workspace with the benchmark dataset and a home sharing the extracted models. */
    static WorkbenchContext workspace(BenchTexts texts) throws Exception {
        Path root = Files.createTempDirectory("taew-experiment-bench");
        Path ws = root.resolve("workspace");
        LiveUpdateBenchmark.writeBeir(
                ReevalBenchmark.dataset(texts), ws.resolve("datasets").resolve(DATASET));
        LiveUpdateBenchmark.copy(Workspace.locate().instructions(), ws.resolve("instructions"));
        Path home = root.resolve("home");
        Files.createDirectories(home);
        Files.createSymbolicLink(home.resolve("models"), WorkbenchHome.models().toAbsolutePath());
        return new WorkbenchContext(Workspace.at(ws), home);
    }

    static void run(BenchTexts texts) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== Instruction experiment: %d query-side variants, %d queries x %d cached"
                        + " documents ==%n",
                VARIANTS,
                ReevalBenchmark.QUERIES,
                ReevalBenchmark.DOCUMENTS);
        WorkbenchContext ctx = workspace(texts);
        SessionResolver resolver = new SessionResolver(ctx.workspace(), ctx.home());
        SessionRequest request =
                SessionRequest.builder()
                        .optDataset(DATASET)
                        .optModel("e5-small-v2")
                        .optRecordAs(RunRecord.Origin.EXPERIMENT)
                        .build();
        SessionSetup setup = resolver.resolve(request);
        try (EvaluationSession session = EvaluationSession.open(setup, false)) {
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
                    "Warm-up: general and task-aware mode evaluated, 2 x (300 + 5,000) texts encoded"
                            + " into the cache: %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
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

    /**
     * The same experiment from the desktop's Experiments tab (run it under Xvfb): the time from Run
     * to the leaderboard on screen, and the longest FX-thread stall meanwhile.
     */
    static void runGui(BenchTexts texts) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== Desktop: an experiment of %d variants while the window stays responsive ==%n",
                VARIANTS);
        WorkbenchContext ctx = workspace(texts);
        Path file = ctx.workspace().root().resolve("variants.yaml");
        ExperimentWriter.write(file, spec("gui", variants("yellow")));
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<Workbench> wb = new AtomicReference<>();
        CountDownLatch first = new CountDownLatch(1);
        long t0 = System.nanoTime();
        Platform.runLater(
                () -> {
                    Workbench w =
                            Workbench.show(
                                    new Stage(), ctx, FxDialogService::new, DATASET, "e5-small-v2");
                    wb.set(w);
                    w.session()
                            .snapshotProperty()
                            .addListener(
                                    (o, a, b) -> {
                                        if (b != null) {
                                            first.countDown();
                                        }
                                    });
                });
        if (!first.await(15, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the first evaluation did not finish");
        }
        System.out.printf(
                Locale.ROOT,
                "First evaluation (everything encoded): %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        Thread.sleep(3000); // the token preview after the first evaluation
        FxStallMonitor stalls = new FxStallMonitor(5);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong start = new AtomicLong();
        AtomicLong end = new AtomicLong();
        Platform.runLater(
                () -> {
                    wb.get().view().tabs().getSelectionModel().select(3);
                    ExperimentsViewModel vm = wb.get().view().experiments();
                    while (!vm.variants().isEmpty()) {
                        vm.remove(0);
                    }
                    vm.importFile(file);
                    vm.resultProperty()
                            .addListener(
                                    (o, a, b) -> {
                                        if (b != null) {
                                            end.set(System.nanoTime());
                                            done.countDown();
                                        }
                                    });
                    stalls.reset();
                    start.set(System.nanoTime());
                    vm.run();
                });
        if (!done.await(15, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the experiment did not finish");
        }
        double stall = stalls.maxStallMillis();
        System.out.printf(
                Locale.ROOT,
                "Run → leaderboard on screen: %.2f s; longest FX-thread stall meanwhile: %.0f ms"
                        + " (%d probes; target <= 100 ms: %s)%n",
                (end.get() - start.get()) / 1e9,
                stall,
                stalls.samples(),
                stall <= 100 ? "met" : "NOT met");
        if (Boolean.getBoolean("taew.bench.sample")) {
            System.out.println("FX thread during the longest stall:\n" + stalls.worstStack());
        }
        stalls.close();
        Platform.runLater(() -> wb.get().stage().close());
        Platform.exit();
    }
}
