package org.taew.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.e5smallv2.E5SmallV2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.engine.MatMulPeak;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;

/**
 * e5-small-v2 throughput on the three length mixes users have — queries (5–20 tokens), short
 * passages (about 90) and long documents (about 330, some past the 512-token limit) — for the
 * workbench's encoder, a sweep of its batch budget and thread layout, DJL one text at a time and
 * langchain4j (default and sequential), in one run; and the limit: the encoder's linear-layer FLOP
 * rate as a fraction of the machine's fp32 matmul peak measured with ONNX Runtime and PyTorch. On
 * quick mode's texts ({@link BenchTexts#isQuick()}) the sweep tries one budget per set, every rate
 * is one run and the peaks are measured on tiny shapes.
 */
final class LengthBenchmark {
    /** One length mix. */
    private record LengthSet(String name, List<PreparedText> texts, int[] budgets) {}

    private record Measured(String system, String set, double tokensPerSecond) {}

    private LengthBenchmark() {}

    /**
     * int8 against fp32 weights of each bundled model on the three sets, default options, best of
     * two runs each (quick mode's texts: the first model, one run): {@code taew-bench.jar
     * int8-speed}.
     */
    static void int8Speed(BenchTexts source) throws Exception {
        ModelCatalog catalog = new ModelCatalog(WorkbenchHome.models());
        List<LengthSet> sets;
        try (Encoder counter =
                Engines.openEncoder(catalog.resolve("e5-small-v2"), EncoderOptions.DEFAULT)) {
            sets = sets(source, counter);
        }
        System.out.printf(
                Locale.ROOT,
                "%n== int8 vs fp32 weights by text length (tokens/s, default options, best of %d) ==%n",
                runs(source));
        System.out.printf(
                Locale.ROOT,
                "%-20s %-15s %10s %10s %8s%n",
                "model",
                "set",
                "fp32",
                "int8",
                "ratio");
        List<ModelCatalog.BundledModel> models = catalog.bundled();
        for (ModelCatalog.BundledModel b : source.isQuick() ? models.subList(0, 1) : models) {
            ModelSpec fp32 = catalog.resolve(b.name());
            ModelSpec int8 = catalog.resolve(b.name(), Precision.INT8);
            for (LengthSet s : sets) {
                double a = ourRate(fp32, EncoderOptions.DEFAULT, s.texts(), runs(source));
                double q = ourRate(int8, EncoderOptions.DEFAULT, s.texts(), runs(source));
                System.out.printf(
                        Locale.ROOT,
                        "%-20s %-15s %10.0f %10.0f %7.2fx%n",
                        b.name(),
                        s.name(),
                        a,
                        q,
                        q / a);
            }
        }
        System.out.println(
                "(e5's prefixes are kept for every model: the texts, not the instructions, are measured here)");
    }

    private static List<LengthSet> sets(BenchTexts source, Encoder counter) throws Exception {
        return List.of(
                new LengthSet(
                        "queries",
                        queries(source, counter, 3000),
                        budgets(source, 256, 512, 1024, 2048)),
                new LengthSet(
                        "short passages",
                        prefixed(source.passages(400, new int[] {5, 6, 7, 8}, 0)),
                        budgets(source, 256, 512, 1024, 2048, 4096)),
                new LengthSet(
                        "long documents",
                        prefixed(
                                source.passages(
                                        80,
                                        new int[] {14, 18, 20, 22, 24, 26, 28, 30, 34, 48},
                                        3000)),
                        budgets(source, 512, 1024, 2048, 4096)));
    }

    /** The budgets a set's sweep tries: all of them, or the first one on quick mode's texts. */
    private static int[] budgets(BenchTexts source, int... budgets) {
        return source.isQuick() ? new int[] {budgets[0]} : budgets;
    }

    /** Timed runs of which a rate is the best: two, or one on quick mode's texts. */
    private static int runs(BenchTexts source) {
        return source.isQuick() ? 1 : 2;
    }

    static void run(BenchTexts source) throws Exception {
        ModelSpec spec = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2");
        int cores = Runtime.getRuntime().availableProcessors();
        List<LengthSet> sets;
        try (Encoder counter = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
            sets = sets(source, counter);
            System.out.printf(Locale.ROOT, "%n== Throughput by text length: e5-small-v2 ==%n");
            for (LengthSet s : sets) {
                List<Encoder.TokenCount> counts = counter.countTokens(strings(s.texts()));
                long tokens = counts.stream().mapToLong(Encoder.TokenCount::tokens).sum();
                long truncated = counts.stream().filter(Encoder.TokenCount::truncated).count();
                int max = counts.stream().mapToInt(Encoder.TokenCount::tokens).max().orElse(0);
                int min = counts.stream().mapToInt(Encoder.TokenCount::tokens).min().orElse(0);
                System.out.printf(
                        Locale.ROOT,
                        "%-15s %5d texts, %7d tokens after truncation, mean %.0f, min %d, max %d, %d"
                                + " (%.0f%%) past the 512-token limit%n",
                        s.name(),
                        s.texts().size(),
                        tokens,
                        (double) tokens / s.texts().size(),
                        min,
                        max,
                        truncated,
                        100.0 * truncated / s.texts().size());
            }
        }

        List<Measured> results = new ArrayList<>();
        System.out.printf(
                Locale.ROOT,
                "%nSweep (each a timed run after a warm-up): padded-token budget x layout%n");
        System.out.printf(
                Locale.ROOT, "%-15s %-26s %7s %10s%n", "set", "layout", "budget", "tokens/s");
        for (LengthSet s : sets) {
            for (boolean perCore : new boolean[] {true, false}) {
                for (int budget : s.budgets()) {
                    EncoderOptions o =
                            perCore
                                    ? new EncoderOptions(budget, 256, 1, cores)
                                    : new EncoderOptions(budget, 256, cores, 1);
                    String layout =
                            perCore
                                    ? cores + " workers x 1 thread"
                                    : "1 worker x " + cores + " threads";
                    double tps = ourRate(spec, o, s.texts(), 1);
                    System.out.printf(
                            Locale.ROOT, "%-15s %-26s %7d %10.0f%n", s.name(), layout, budget, tps);
                    results.add(new Measured(layout + ", " + budget, s.name(), tps));
                }
            }
        }

        System.out.printf(Locale.ROOT, "%nAgainst the peers (best of 2 runs each)%n");
        System.out.printf(
                Locale.ROOT,
                "%-15s %12s %12s %12s %12s %9s%n",
                "set",
                "taew default",
                "DJL 1 text",
                "lc4j default",
                "lc4j seq.",
                "vs best peer");
        E5SmallV2EmbeddingModel lc4jDefault = new E5SmallV2EmbeddingModel();
        E5SmallV2EmbeddingModel lc4jSequential = new E5SmallV2EmbeddingModel(Runnable::run);
        double[] ourLongRate = new double[1];
        for (LengthSet s : sets) {
            long tokens;
            try (Encoder counter = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
                tokens =
                        counter.countTokens(strings(s.texts())).stream()
                                .mapToLong(Encoder.TokenCount::tokens)
                                .sum();
            }
            double ours = ourRate(spec, EncoderOptions.DEFAULT, s.texts(), runs(source));
            double single = ourRate(spec, new EncoderOptions(1, 1, 0, 1), s.texts(), runs(source));
            List<TextSegment> segments = new ArrayList<>();
            for (PreparedText t : s.texts()) {
                segments.add(TextSegment.from(t.text()));
            }
            double peerDefault = peerRate(lc4jDefault, segments, tokens);
            double peerSequential = peerRate(lc4jSequential, segments, tokens);
            double best = Math.max(Math.max(peerDefault, peerSequential), single);
            System.out.printf(
                    Locale.ROOT,
                    "%-15s %12.0f %12.0f %12.0f %12.0f %8.2fx%n",
                    s.name(),
                    ours,
                    single,
                    peerDefault,
                    peerSequential,
                    ours / best);
            if (s.name().startsWith("long")) {
                ourLongRate[0] = ours;
            }
            results.add(new Measured("taew default", s.name(), ours));
        }
        System.out.println(
                "(tokens/s counts the tokens the workbench encodes, after truncation at 512; langchain4j"
                        + " splits a longer text into 510-token parts and averages them, so on long documents it"
                        + " does a little more work than these counts say)");

        limit(ourLongRate[0], results, source.isQuick());
    }

    /**
     * The encoder's linear-layer FLOP rate against the fp32 matmul peak of both engines; in quick
     * mode the peaks of 256^3 and of 256 tokens, two repetitions each.
     */
    private static void limit(double longRate, List<Measured> results, boolean quick)
            throws Exception {
        int h = EncodingBenchmark.HIDDEN;
        int f = EncodingBenchmark.INTERMEDIATE;
        int n = quick ? 256 : 2048;
        int tokens = quick ? 256 : 4096;
        double ortLarge = MatMulPeak.onnxRuntimeGflops(n, n, n, quick ? 2 : 5);
        double ortModel =
                Math.max(
                        MatMulPeak.onnxRuntimeGflops(tokens, h, f, quick ? 2 : 10),
                        MatMulPeak.onnxRuntimeGflops(tokens, f, h, quick ? 2 : 10));
        double torchLarge = MatMulPeak.torchGflops(n, new long[][] {{n, n}}, quick ? 2 : 5);
        double torchModel = EncodingBenchmark.gemmGflops(quick);
        double peak = Math.max(Math.max(ortLarge, ortModel), Math.max(torchLarge, torchModel));
        double linearFlopsPerToken = 2.0 * EncodingBenchmark.LAYERS * (4.0 * h * h + 2.0 * h * f);
        System.out.printf(
                Locale.ROOT,
                "%nLimit: fp32 matmul in the same run: ONNX Runtime one MatMul %dx%dx%d %.1f GFLOP/s,"
                        + " on the model's shapes (%d tokens x %dx%d) %.1f; PyTorch %d^3 %.1f, model"
                        + " shapes %.1f -> peak %.1f GFLOP/s%n",
                n,
                n,
                n,
                ortLarge,
                tokens,
                h,
                f,
                ortModel,
                n,
                torchLarge,
                torchModel,
                peak);
        System.out.printf(
                Locale.ROOT,
                "Linear layers: %.1f MFLOP per token (attention's score and context products come on top"
                        + " and are not counted, so the fraction understates the work done)%n",
                linearFlopsPerToken / 1e6);
        System.out.printf(
                Locale.ROOT,
                "%-15s %-34s %10s %10s %9s%n",
                "set",
                "system",
                "tokens/s",
                "GFLOP/s",
                "of peak");
        for (Measured m : results) {
            double gflops = m.tokensPerSecond() * linearFlopsPerToken / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%-15s %-34s %10.0f %10.1f %9.2f%n",
                    m.set(),
                    m.system(),
                    m.tokensPerSecond(),
                    gflops,
                    gflops / peak);
        }
        System.out.printf(
                Locale.ROOT,
                "Long documents, default options: %.2f of the peak (goal >= 0.70)%n",
                longRate * linearFlopsPerToken / 1e9 / peak);
    }

    /** Tokens/s of the workbench's encoder with {@code options}, best of {@code runs}. */
    private static double ourRate(
            ModelSpec spec, EncoderOptions options, List<PreparedText> texts, int runs)
            throws Exception {
        try (Encoder enc = Engines.openEncoder(spec, options)) {
            enc.encode(texts.subList(0, Math.min(24, texts.size())), ProgressListener.NONE);
            double best = 0;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                long tokens =
                        enc.encode(texts, ProgressListener.NONE).tokens().stream()
                                .mapToLong(Encoder.TokenCount::tokens)
                                .sum();
                best = Math.max(best, tokens / ((System.nanoTime() - t0) / 1e9));
            }
            return best;
        }
    }

    private static double peerRate(
            E5SmallV2EmbeddingModel model, List<TextSegment> segments, long tokens) {
        model.embedAll(segments.subList(0, Math.min(16, segments.size())));
        double best = 0;
        for (int r = 0; r < 2; r++) {
            long t0 = System.nanoTime();
            model.embedAll(segments);
            best = Math.max(best, tokens / ((System.nanoTime() - t0) / 1e9));
        }
        return best;
    }

    /** Single sentences of 5 to 20 tokens with e5's query prefix. */
    private static List<PreparedText> queries(BenchTexts source, Encoder counter, int n)
            throws Exception {
        List<String> candidates = source.passages(source.sentenceCount(), new int[] {1}, 0);
        List<String> withPrefix = new ArrayList<>();
        for (String c : candidates) {
            withPrefix.add("query: " + c);
        }
        List<Encoder.TokenCount> counts = counter.countTokens(withPrefix);
        List<PreparedText> out = new ArrayList<>();
        for (int i = 0; i < withPrefix.size() && out.size() < n; i++) {
            int t = counts.get(i).tokens();
            if (t >= 5 && t <= 20) {
                out.add(PreparedText.plain(withPrefix.get(i)));
            }
        }
        return out;
    }

    private static List<PreparedText> prefixed(List<String> passages) {
        List<PreparedText> out = new ArrayList<>();
        for (String p : passages) {
            out.add(PreparedText.plain("passage: " + p));
        }
        return out;
    }

    private static List<String> strings(List<PreparedText> texts) {
        List<String> out = new ArrayList<>();
        for (PreparedText t : texts) {
            out.add(t.text());
        }
        return out;
    }
}
