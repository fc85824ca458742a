package org.taew.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.engine.MatMulPeak;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.Folders;
import org.taew.core.util.ProgressListener;

/**
 * The native encoder on models of the real shapes of INSTRUCTOR-base (T5 encoder),
 * EmbeddingGemma-300M (Gemma 3) and Qwen3-Embedding-0.6B, with random weights (none of the real
 * ones can be downloaded here; speed does not depend on the values): tokens per second on queries,
 * passages and long documents, and the rate of the linear layers as a fraction of PyTorch's fp32
 * matrix-multiply rate on the same shapes, measured in the same run. Each model folder is written
 * in the Hugging Face layout (bfloat16 safetensors, as the published checkpoints) and read through
 * the normal model-folder path; the vocabulary is cut to 32,000 tokens (only the embedding lookup
 * depends on it).
 */
final class ArchitectureBenchmark {
    private ArchitectureBenchmark() {}

    static final List<Arch> ARCHS =
            List.of(
                    new Arch("INSTRUCTOR-base (T5 encoder)", "t5", 768, 12, 12, 12, 64, 2048),
                    new Arch(
                            "EmbeddingGemma-300M (Gemma 3)",
                            "gemma3_text",
                            768,
                            24,
                            3,
                            1,
                            256,
                            1152),
                    new Arch("Qwen3-Embedding-0.6B (Qwen3)", "qwen3", 1024, 28, 16, 8, 128, 3072));

    /** Shapes of the same three families a thousand times smaller, for the quick mode. */
    static final List<Arch> TINY_ARCHS =
            List.of(
                    new Arch("tiny T5 encoder", "t5", 32, 2, 2, 2, 16, 64),
                    new Arch("tiny EmbeddingGemma (Gemma 3)", "gemma3_text", 32, 2, 2, 1, 16, 64),
                    new Arch("tiny Qwen3", "qwen3", 32, 2, 2, 1, 16, 64));

    static void run(int tokensPerSet, ComputeChoice.Device device) throws Exception {
        run(ARCHS, tokensPerSet, device);
    }

    /** The quick mode: tiny shapes and a few hundred tokens per set, on the CPU. */
    static void quick() throws Exception {
        run(TINY_ARCHS, 200, ComputeChoice.Device.CPU);
    }

    static void run(List<Arch> archs, int tokensPerSet, ComputeChoice.Device device)
            throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== Instruction-following architectures on the native encoder (%s), random weights"
                        + " of the real shapes ==%n",
                device);
        Path root = Files.createTempDirectory("taew-arch-bench");
        try {
            for (Arch a : archs) {
                Path dir = root.resolve(a.modelType());
                long t0 = System.nanoTime();
                RandomModelFolder.write(a, dir);
                System.out.printf(
                        Locale.ROOT,
                        "%n%s; folder written in %.1f s%n",
                        a.describe(),
                        (System.nanoTime() - t0) / 1e9);
                double matmul = matmulGflops(a);
                ModelSpec spec = ModelFolderReader.read(dir);
                ComputeChoice choice =
                        new ComputeChoice(device, ComputeChoice.Engine.NATIVE, false);
                // the default (two workers of one batch each, small batches) and one worker with
                // large batches
                for (EncoderOptions options :
                        List.of(EncoderOptions.DEFAULT, new EncoderOptions(4096, 64, 0, 1))) {
                    long load = System.nanoTime();
                    try (Encoder e = Engines.openEncoder(spec, options, choice)) {
                        System.out.printf(
                                Locale.ROOT,
                                "%s; %s; loaded in %.1f s; PyTorch fp32 matmul on its shapes: %.1f"
                                        + " GFLOP/s%n",
                                e.engine(),
                                options.equals(EncoderOptions.DEFAULT)
                                        ? "default options ("
                                                + options.effectiveWorkers()
                                                + " workers, "
                                                + options.batchTokenBudget()
                                                + "-token batches)"
                                        : "1 worker, "
                                                + options.batchTokenBudget()
                                                + "-token batches",
                                (System.nanoTime() - load) / 1e9,
                                matmul);
                        measure(a, e, tokensPerSet, matmul);
                    }
                }
                Folders.deleteTree(dir);
            }
        } finally {
            Folders.deleteTree(root);
        }
        System.out.println(
                "\nGFLOP/s lin = 2 x multiply-adds of the linear layers per token x tokens/s (attention"
                        + " scores not counted); of matmul rate = that / PyTorch's fp32 matmul rate on the"
                        + " model's own weight shapes with 2,048 rows, measured in this run.");
    }

    /** Tokens per second on queries, passages and long documents with one encoder. */
    private static void measure(Arch a, Encoder e, int tokensPerSet, double matmul)
            throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%-26s %8s %9s %11s %13s%n",
                "set",
                "tokens",
                "tokens/s",
                "GFLOP/s lin",
                "of matmul rate");
        for (int[] set : new int[][] {{14, 0}, {90, 0}, {330, 1}}) {
            Timed t = timed(e, texts(set[0], tokensPerSet, set[1] == 1));
            long tokens = t.tokens();
            double perSecond = tokens / t.seconds();
            double linear = 2.0 * a.linearMacs() * perSecond / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%-26s %8d %9.1f %11.1f %13.2f%n",
                    set[1] == 1
                            ? "long documents (~" + set[0] + ")"
                            : (set[0] < 50 ? "queries (~" : "passages (~") + set[0] + ")",
                    tokens,
                    perSecond,
                    linear,
                    linear / matmul);
        }
    }

    /** One timed encode: the tokens the encoder saw, the seconds it took, the vectors. */
    record Timed(long tokens, double seconds, Embeddings vectors) {}

    /** Encodes {@code texts} once after a warm-up on two of them, timed. */
    static Timed timed(Encoder e, List<PreparedText> texts) throws Exception {
        long tokens =
                e.countTokens(texts.stream().map(PreparedText::text).toList()).stream()
                        .mapToLong(Encoder.TokenCount::tokens)
                        .sum();
        e.encode(texts.subList(0, Math.min(2, texts.size())), ProgressListener.NONE);
        long s = System.nanoTime();
        Embeddings v = e.encode(texts, ProgressListener.NONE).vectors();
        return new Timed(tokens, (System.nanoTime() - s) / 1e9, v);
    }

    /**
     * {@code count} texts of about {@code length} tokens (words of the benchmark vocabulary), as
     * many as make about {@code budget} tokens; long ones vary ±30 % and a tenth run past 512.
     */
    static List<PreparedText> texts(int length, int budget, boolean longDocs) {
        SplittableRandom r = new SplittableRandom(length);
        List<PreparedText> out = new ArrayList<>();
        int total = 0;
        while (total < budget) {
            int n = (int) Math.round(length * (0.7 + 0.6 * r.nextDouble()));
            if (longDocs && out.size() % 10 == 9) {
                n = 600;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : " ").append('t').append(5 + r.nextInt(Arch.VOCAB - 5));
            }
            out.add(PreparedText.plain(b.toString()));
            total += Math.min(n, 512);
        }
        return out;
    }

    /** PyTorch's fp32 matmul rate on the model's weight shapes, 2,048 rows. */
    static double matmulGflops(Arch a) {
        long q = (long) a.heads() * a.headDim();
        return MatMulPeak.torchGflops(
                2048,
                new long[][] {
                    {a.hidden(), q},
                    {q, a.hidden()},
                    {a.hidden(), a.intermediate()},
                    {a.intermediate(), a.hidden()}
                },
                5);
    }
}
