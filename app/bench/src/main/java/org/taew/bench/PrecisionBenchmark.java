package org.taew.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.bench.PrecisionTable.Measured;
import org.taew.bench.PrecisionTable.Row;
import org.taew.bench.PrecisionTable.Totals;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.compare.StsComparison;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.StsPair;
import org.taew.core.model.Template;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;

/**
 * fp32 against int8 (draft precision) weights — or q4 with {@code --draft q4} — of each bundled
 * model, or of the model folders of {@code --models A,B}, that has both, on every shipped retrieval
 * dataset (nDCG@10) and on the STS-Benchmark test split (cosine Spearman), in general and
 * task-aware mode (the model card's instructions; a mode whose instructions are the identity is
 * evaluated once and shown as "general = task-aware"). No embedding cache, so every text is encoded
 * in both precisions. The difference int8 − fp32 is tested as the workbench tests general against
 * task-aware: retrieval with {@link ModeComparison} (paired sign-flip randomization test over
 * queries and percentile bootstrap interval of the mean difference, {@link
 * ModeComparison.Settings#DEFAULT}: 10,000 permutations and resamples, seed 42), STS with {@link
 * StsComparison} (paired bootstrap interval of the Spearman difference, the same resampled pairs in
 * both precisions, and a randomization test swapping each pair's two cosines), fp32 in the slot of
 * general mode and int8 in that of task-aware mode. Speed: tokens the encoder saw over the seconds
 * the embedding service reports for them, the fastest of {@code --runs N} (default {@value
 * #DEFAULT_RUNS}) evaluations, fp32 and int8 alternated. Run from the repository root: {@code java
 * -jar app/bench/target/taew-bench.jar precision [--sts DIR] [--runs N] [--draft int8|q4] [--models
 * A,B]}. Quick mode: the first model with int8 weights on the default dataset ({@value
 * SessionDefaults#DATASET}) and the STS file of {@code --sts}, one run.
 */
final class PrecisionBenchmark {
    static final int DEFAULT_RUNS = 2;

    /** A dataset of more texts than this (per mode) is called large in the progress lines. */
    private static final int LARGE = 2_000;

    private static final MetricId NDCG10 = MetricId.parse(SessionDefaults.MAIN_METRIC);
    private static final ModeComparison.Settings SIGNIFICANCE = ModeComparison.Settings.DEFAULT;

    private PrecisionBenchmark() {}

    static void run(Path stsDir, List<String> args, boolean quick) throws Exception {
        int runs = quick ? 1 : DEFAULT_RUNS;
        int r = args.indexOf("--runs");
        if (r >= 0 && r + 1 < args.size()) {
            runs = Math.max(1, Integer.parseInt(args.get(r + 1)));
        }
        long start = System.nanoTime();
        Workspace ws = Workspace.locate();
        SessionResolver resolver = new SessionResolver(ws, WorkbenchHome.resolve());
        List<String> datasets = new ArrayList<>();
        for (DatasetCatalog.Entry e : resolver.datasets().list()) {
            if (!quick || e.name().equals(SessionDefaults.DATASET)) {
                datasets.add(e.name());
            }
        }
        Path stsTest = stsDir.resolve("sts-test.csv");
        Precision draft = draft(args);
        String d8 = draft.label();
        System.out.printf(
                Locale.ROOT,
                "%n== Precision: fp32 vs %s (draft) weights, every model × the shipped"
                        + " retrieval datasets and STS-B test ==%n",
                d8);
        System.out.printf(
                Locale.ROOT,
                "Workspace %s; %d retrieval datasets (%s); no embedding cache; encode times the"
                        + " fastest of %d runs, fp32 and %s alternated; paired tests: %,d"
                        + " permutations, %,d bootstrap resamples, seed %d, %.0f %% intervals%n",
                ws.root(),
                datasets.size(),
                String.join(", ", datasets),
                runs,
                d8,
                SIGNIFICANCE.permutations(),
                SIGNIFICANCE.resamples(),
                SIGNIFICANCE.seed(),
                100 * SIGNIFICANCE.confidence());
        if (Files.isRegularFile(stsTest)) {
            datasets.add(stsTest.toString());
        } else {
            System.out.println(
                    "STS-B test not found at "
                            + stsTest
                            + " (pass --sts DIR): its rows are left out");
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Totals[]> totals = new LinkedHashMap<>();
        for (String m : models(resolver, args)) {
            String label = PrecisionArm.label(m);
            if (!resolver.models().precisions(m).contains(draft)) {
                System.out.println("  " + label + ": no " + d8 + " weights, left out");
                continue;
            }
            long t = System.nanoTime();
            try (PrecisionArm fp = new PrecisionArm(m, Precision.FP32);
                    PrecisionArm q = new PrecisionArm(m, draft)) {
                for (int d = 0; d < datasets.size(); d++) {
                    rows.addAll(dataset(resolver, datasets.get(d), fp, q, runs, d % 2 == 1));
                }
                totals.put(label, new Totals[] {fp.totals, q.totals});
            }
            System.out.printf(
                    Locale.ROOT, "  %s: %.1f s in all%n", label, (System.nanoTime() - t) / 1e9);
            if (quick) {
                break;
            }
        }
        PrecisionTable.printTable(rows, d8);
        PrecisionTable.printTotals(totals, d8);
        System.out.printf(
                Locale.ROOT,
                "%nΔ = %s − fp32. 95 %% CI: percentile bootstrap of the paired difference; p: paired"
                        + " randomization test (retrieval: sign flips of per-query nDCG@10 differences;"
                        + " STS: each pair's two cosines swapped). tokens/s: tokens encoded over the"
                        + " embedding service's seconds for that row's mode; speed = %s tokens/s ÷ fp32"
                        + " tokens/s.%nTotal: %.1f s%n",
                d8,
                d8,
                (System.nanoTime() - start) / 1e9);
    }

    /** The draft precision of {@code --draft} (default int8). */
    private static Precision draft(List<String> args) throws WorkbenchException {
        int d = args.indexOf("--draft");
        return d >= 0 && d + 1 < args.size() ? Precision.parse(args.get(d + 1)) : Precision.INT8;
    }

    /**
     * The models of {@code --models} (names or folders, comma-separated), else every bundled model
     * on the class path.
     */
    private static List<String> models(SessionResolver resolver, List<String> args) {
        int m = args.indexOf("--models");
        if (m >= 0 && m + 1 < args.size()) {
            return List.of(args.get(m + 1).split(","));
        }
        List<String> out = new ArrayList<>();
        for (ModelCatalog.BundledModel b : resolver.models().bundled()) {
            if (b.available()) {
                out.add(b.name());
            }
        }
        return out;
    }

    /** Both precisions of one model on one dataset: its rows. */
    private static List<Row> dataset(
            SessionResolver resolver,
            String dataset,
            PrecisionArm fp,
            PrecisionArm q,
            int runs,
            boolean int8First)
            throws WorkbenchException {
        long t0 = System.nanoTime();
        SessionSetup fpSetup = resolver.resolve(request(dataset, fp));
        SessionSetup qSetup = resolver.resolve(request(dataset, q));
        Map<Mode, Measured> fpBest = null;
        Map<Mode, Measured> qBest = null;
        for (int run = 0; run < runs; run++) {
            boolean int8Now = int8First ^ (run % 2 == 1);
            for (int k = 0; k < 2; k++) {
                boolean isInt8 = (k == 0) == int8Now;
                PrecisionArm arm = isInt8 ? q : fp;
                Map<Mode, Measured> m = evaluate(arm.on(isInt8 ? qSetup : fpSetup));
                if (isInt8) {
                    qBest = faster(qBest, m);
                } else {
                    fpBest = faster(fpBest, m);
                }
            }
        }
        String name = fpSetup.isSts() ? "STS-B test" : fpSetup.dataset().name();
        int texts =
                fpSetup.isSts()
                        ? 2 * fpSetup.sts().pairs().size()
                        : fpSetup.retrieval().queries().size()
                                + fpSetup.retrieval().documents().size();
        List<Row> rows = new ArrayList<>();
        StringBuilder changed = new StringBuilder();
        double fpSeconds = 0;
        double qSeconds = 0;
        for (Map.Entry<Mode, Measured> e : fpBest.entrySet()) {
            Measured a = e.getValue();
            Measured b = qBest.get(e.getKey());
            String mode = fpBest.size() == 1 ? "general = task-aware" : e.getKey().label();
            fpSeconds += a.seconds();
            qSeconds += b.seconds();
            PrecisionTable.add(fp.totals, a);
            PrecisionTable.add(q.totals, b);
            if (fpSetup.isSts()) {
                StsComparison c = stsDelta(fpSetup, a, b);
                rows.add(
                        new Row(
                                fp.label,
                                name,
                                "Spearman, " + mode,
                                a.score(),
                                b.score(),
                                c.spearman().delta(),
                                PrecisionTable.ciAndP(c.spearman().ci(), c.spearman().pValue()),
                                a,
                                b));
            } else {
                // fp32 in general mode's slot, int8 in task-aware's: taskAware − general = int8 −
                // fp32
                ModeComparison c =
                        ModeComparison.compare(a.scores(), b.scores(), NDCG10, SIGNIFICANCE);
                ModeComparison.MetricDelta d = c.of(NDCG10);
                rows.add(
                        new Row(
                                fp.label,
                                name,
                                NDCG10.label() + ", " + mode,
                                d.general(),
                                d.taskAware(),
                                d.delta(),
                                PrecisionTable.ciAndP(
                                        new Significance.Interval(d.ciLow(), d.ciHigh()),
                                        d.pValue()),
                                a,
                                b));
                changed.append(
                        String.format(
                                Locale.ROOT,
                                "; %s: %s higher on %d, lower on %d of %d queries",
                                mode,
                                q.precision.label(),
                                c.wins(),
                                c.losses(),
                                c.perQuery().size()));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  %s × %s (%,d texts per mode%s; %d mode%s): encoding fp32 %.2f s, %s %.2f s%s;"
                        + " %.1f s in all%n",
                fp.label,
                name,
                texts,
                texts > LARGE ? ", large" : "",
                fpBest.size(),
                fpBest.size() == 1 ? "" : "s",
                fpSeconds,
                q.precision.label(),
                qSeconds,
                changed,
                (System.nanoTime() - t0) / 1e9);
        return rows;
    }

    private static SessionRequest request(String dataset, PrecisionArm arm) {
        return SessionRequest.builder()
                .optDataset(dataset)
                .optModel(arm.model)
                .optPrecision(arm.precision)
                .optCache(false)
                .build();
    }

    /** The setup's modes, task-aware left out when its templates add nothing (= general). */
    private static Map<Mode, InstructionPair> distinct(Map<Mode, InstructionPair> modes) {
        Map<Mode, InstructionPair> out = new EnumMap<>(modes);
        InstructionPair t = out.get(Mode.TASK_AWARE);
        if (t != null
                && out.containsKey(Mode.GENERAL)
                && identity(t.query())
                && identity(t.document())) {
            out.remove(Mode.TASK_AWARE);
        }
        return out;
    }

    private static boolean identity(Template t) {
        return t.prefix().isEmpty() && t.suffix().isEmpty();
    }

    /** Each distinct mode of the session's setup, evaluated once. */
    private static Map<Mode, Measured> evaluate(EvaluationSession s) throws WorkbenchException {
        SessionSetup setup = s.setup();
        Map<Mode, InstructionPair> modes = distinct(setup.modes());
        Map<Mode, Measured> out = new EnumMap<>(Mode.class);
        if (setup.isSts()) {
            StsEvaluation.Result r = s.evaluateSts(modes, ProgressListener.NONE);
            r.modes()
                    .forEach(
                            (m, v) ->
                                    out.put(
                                            m,
                                            measured(
                                                    v.spearman(),
                                                    null,
                                                    v.cosines(),
                                                    v.firstEncoding(),
                                                    v.secondEncoding())));
            return out;
        }
        RetrievalEvaluation.Result r =
                RetrievalEvaluation.run(
                        setup.retrieval(),
                        setup.task(),
                        modes,
                        s.embedder(),
                        Engines.vectorSearch(),
                        s.retrievalSettings(
                                List.of(NDCG10), NDCG10, SessionDefaults.DEPTH, SIGNIFICANCE),
                        ProgressListener.NONE);
        r.modes()
                .forEach(
                        (m, v) ->
                                out.put(
                                        m,
                                        measured(
                                                v.scores().mean(NDCG10),
                                                v.scores(),
                                                null,
                                                v.queryEncoding(),
                                                v.documentEncoding())));
        return out;
    }

    private static Measured measured(
            double score,
            QueryScores scores,
            double[] cosines,
            EmbeddingService.Report a,
            EmbeddingService.Report b) {
        return new Measured(
                score,
                scores,
                cosines,
                a.seconds() + b.seconds(),
                a.tokensEncoded() + b.tokensEncoded());
    }

    /** The first run's scores with the fastest run's encoding seconds, mode by mode. */
    private static Map<Mode, Measured> faster(Map<Mode, Measured> best, Map<Mode, Measured> next) {
        if (best == null) {
            return next;
        }
        Map<Mode, Measured> out = new EnumMap<>(Mode.class);
        best.forEach((m, v) -> out.put(m, v.faster(next.get(m))));
        return out;
    }

    /** fp32 in general mode's slot, int8 in task-aware's: the differences are int8 − fp32. */
    private static StsComparison stsDelta(SessionSetup setup, Measured fp32, Measured int8) {
        List<StsPair> pairs = setup.sts().pairs();
        double[] gold = new double[pairs.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = pairs.get(i).gold();
        }
        Map<Mode, double[]> cosines = new EnumMap<>(Mode.class);
        cosines.put(Mode.GENERAL, fp32.cosines());
        cosines.put(Mode.TASK_AWARE, int8.cosines());
        return StsComparison.compare(pairs, gold, cosines, SIGNIFICANCE, 0);
    }
}
