package org.taew.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.e5smallv2.E5SmallV2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.engine.MatMulPeak;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;

/**
 * e5-small-v2 encoding throughput on fixed mixed-length passages: our DJL encoder (length-sorted
 * batches under a token budget) against DJL one text at a time, against langchain4j's {@code
 * E5SmallV2EmbeddingModel} (the Java peer, on the same texts and the same ONNX file), and against
 * the fp32 GEMM bound of this machine measured with PyTorch matmul in the same run.
 */
final class EncodingBenchmark {
    // e5-small-v2 / BERT-small shapes (config.json of intfloat/e5-small-v2)
    static final int LAYERS = 12;
    static final int HIDDEN = 384;
    static final int INTERMEDIATE = 1536;
    static final int PASSAGES = 600;
    static final int[] PATTERN = {1, 2, 3, 5, 8, 12, 16};

    private EncodingBenchmark() {}

    static void run(BenchTexts source) throws Exception {
        List<String> passages = source.passages(PASSAGES, PATTERN, 0);
        List<PreparedText> prepared = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (String p : passages) {
            prepared.add(PreparedText.plain("passage: " + p));
            segments.add(TextSegment.from("passage: " + p));
        }
        ModelSpec spec = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2");
        System.out.printf(
                Locale.ROOT, "%n== Encoding throughput: e5-small-v2 (%s) ==%n", spec.weights());

        long tokens;
        int minLen = Integer.MAX_VALUE;
        int maxLen = 0;
        Result ours;
        Result oneAtATime;
        float[] ourVectors;
        try (Encoder enc = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
            tokens = 0;
            for (Encoder.TokenCount c : enc.countTokens(texts(prepared))) {
                tokens += c.tokens();
                minLen = Math.min(minLen, c.tokens());
                maxLen = Math.max(maxLen, c.tokens());
            }
            System.out.printf(
                    Locale.ROOT,
                    "Texts: %d passages built from STS-Benchmark sentences, %d tokens (mean %.0f, min %d, max %d),"
                            + " none truncated: %s%n",
                    passages.size(),
                    tokens,
                    (double) tokens / passages.size(),
                    minLen,
                    maxLen,
                    maxLen <= spec.maxLength());
            enc.encode(
                    prepared.subList(0, Math.min(64, prepared.size())),
                    ProgressListener.NONE); // warm-up
            ours =
                    time(
                            "taew: DJL + ONNX Runtime, length-sorted batches",
                            tokens,
                            () -> enc.encode(prepared, ProgressListener.NONE));
            ourVectors = enc.encode(prepared, ProgressListener.NONE).vectors().data();
        }
        try (Encoder single = Engines.openEncoder(spec, new EncoderOptions(1, 1, 0, 1))) {
            single.encode(
                    prepared.subList(0, Math.min(16, prepared.size())), ProgressListener.NONE);
            oneAtATime =
                    time(
                            "DJL + ONNX Runtime, one text at a time",
                            tokens,
                            () -> single.encode(prepared, ProgressListener.NONE));
        }

        E5SmallV2EmbeddingModel peerParallel = new E5SmallV2EmbeddingModel();
        peerParallel.embedAll(segments.subList(0, Math.min(16, segments.size())));
        List<Embedding>[] peerOut = newList();
        Result peerDefault =
                time(
                        "langchain4j E5SmallV2EmbeddingModel.embedAll",
                        tokens,
                        () -> peerOut[0] = peerParallel.embedAll(segments).content());
        E5SmallV2EmbeddingModel peerSequential = new E5SmallV2EmbeddingModel(Runnable::run);
        peerSequential.embedAll(segments.subList(0, Math.min(16, segments.size())));
        Result peerSeq =
                time(
                        "langchain4j, sequential executor",
                        tokens,
                        () -> peerSequential.embedAll(segments));
        Result peer = peerDefault.seconds <= peerSeq.seconds ? peerDefault : peerSeq;

        double minCos = 1;
        for (int i = 0; i < passages.size(); i++) {
            float[] p = peerOut[0].get(i).vector();
            double dot = 0;
            double pn = 0;
            for (int d = 0; d < HIDDEN; d++) {
                dot += ourVectors[i * HIDDEN + d] * p[d];
                pn += p[d] * p[d];
            }
            minCos = Math.min(minCos, dot / Math.sqrt(pn));
        }

        double gflops = gemmGflops(source.isQuick());
        double meanLen = (double) tokens / passages.size();
        double linearFlopsPerToken =
                2.0 * LAYERS * (4.0 * HIDDEN * HIDDEN + 2.0 * HIDDEN * INTERMEDIATE);
        double attentionFlopsPerToken = 2.0 * LAYERS * 2.0 * HIDDEN * meanLen;
        double boundLinear = gflops * 1e9 / linearFlopsPerToken;
        double boundAll = gflops * 1e9 / (linearFlopsPerToken + attentionFlopsPerToken);
        System.out.printf(
                Locale.ROOT,
                "GEMM bound: PyTorch fp32 matmul %.1f GFLOP/s; model %.1f MFLOP/token in linear layers (+%.1f in"
                        + " attention at the mean length) -> %.0f tokens/s (linear layers only), %.0f tokens/s (all"
                        + " matmuls)%n",
                gflops,
                linearFlopsPerToken / 1e6,
                attentionFlopsPerToken / 1e6,
                boundLinear,
                boundAll);
        System.out.printf(
                Locale.ROOT,
                "%n%-50s %8s %11s %8s %14s%n",
                "system",
                "seconds",
                "tokens/s",
                "vs peer",
                "vs GEMM bound");
        for (Result r : new Result[] {ours, oneAtATime, peerDefault, peerSeq}) {
            System.out.printf(
                    Locale.ROOT,
                    "%-50s %8.2f %11.0f %7.2fx %13.2f%n",
                    r.name,
                    r.seconds,
                    r.tokensPerSecond(),
                    r.tokensPerSecond() / peer.tokensPerSecond(),
                    r.tokensPerSecond() / boundLinear);
        }
        System.out.printf(
                Locale.ROOT,
                "%nPeer = the faster langchain4j variant (%s). Ratio vs GEMM bound uses the stricter bound (linear"
                        + " layers only; against all matmuls: %.2f).%n",
                peer.name,
                ours.tokensPerSecond() / boundAll);
        double vsDefault = ours.tokensPerSecond() / peerDefault.tokensPerSecond();
        double vsFastest = ours.tokensPerSecond() / peer.tokensPerSecond();
        double vsBound = ours.tokensPerSecond() / boundLinear;
        System.out.printf(
                Locale.ROOT,
                "Target >= 1.30x the peer: %.2fx langchain4j's default embedAll (%s), %.2fx its fastest"
                        + " configuration here (%s)%n",
                vsDefault,
                vsDefault >= 1.3 ? "met" : "NOT met",
                vsFastest,
                vsFastest >= 1.3 ? "met" : "NOT met");
        System.out.printf(
                Locale.ROOT,
                "Target >= 0.80 of the GEMM bound: %.2f (%s)%n",
                vsBound,
                vsBound >= 0.8 ? "met" : "NOT met");
        System.out.printf(
                Locale.ROOT,
                "Agreement with the peer: lowest cosine over %d passages %.6f%n",
                passages.size(),
                minCos);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Embedding>[] newList() {
        return new List[1];
    }

    private static List<String> texts(List<PreparedText> prepared) {
        List<String> out = new ArrayList<>();
        for (PreparedText p : prepared) {
            out.add(p.text());
        }
        return out;
    }

    /**
     * fp32 matmul throughput of the shapes a BERT-small layer multiplies (4096 tokens at a time).
     */
    static double gemmGflops() {
        return MatMulPeak.torchGflops(
                4096,
                new long[][] {{HIDDEN, HIDDEN}, {HIDDEN, INTERMEDIATE}, {INTERMEDIATE, HIDDEN}},
                20);
    }

    /**
     * {@link #gemmGflops()}, or in quick mode a 256-token product with one layer's square weight.
     */
    static double gemmGflops(boolean quick) {
        return quick
                ? MatMulPeak.torchGflops(256, new long[][] {{HIDDEN, HIDDEN}}, 2)
                : gemmGflops();
    }

    /** A timed run. */
    static final class Result {
        final String name;
        final double seconds;
        final long tokens;

        Result(String name, double seconds, long tokens) {
            this.name = name;
            this.seconds = seconds;
            this.tokens = tokens;
        }

        double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Best of three runs. */
    static Result time(String name, long tokens, Work work) throws Exception {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "  %-50s best of 3: %.2f s%n", name, best);
        return new Result(name, best, tokens);
    }
}
