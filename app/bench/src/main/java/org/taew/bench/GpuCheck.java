package org.taew.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.cuda.CudaUtils;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.metrics.Correlation;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.model.PreparedText;
import org.taew.core.model.StsPair;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;

/**
 * A check of the GPU path, for the day a machine with an NVIDIA GPU is at hand ({@code
 * tools/gpu-check.sh} finds a CUDA libtorch and runs it): what DJL's PyTorch engine sees, then the
 * model (default the bundled e5-small-v2) on the unique sentences of STS-Benchmark test and on
 * short passages, with the CPU reference (ONNX Runtime, float32) and the native encoder on the GPU
 * in float32 and float16. Prints tokens/s, the lowest and mean cosine of GPU against CPU vectors,
 * and the STS-B test Spearman of each configuration. Without a GPU it says why, runs the CPU
 * reference on STS-B and ends normally with "GPU part skipped: ...". A failing configuration is one
 * line; the others still run.
 *
 * <p>With {@code -Dtaew.ortGpu=true} (the script sets it when an {@code onnxruntime_gpu} jar comes
 * first on the class path) it checks ONNX Runtime's CUDA provider instead: the CPU reference, the
 * ONNX file run directly through the {@code ai.onnxruntime} API on the CPU (the same tokenizer and
 * pooling, so that any difference on CUDA is CUDA's) and with the CUDA provider, on STS-B test.
 */
final class GpuCheck {
    /** Short passages: one to four STS-B sentences (about 40 tokens on average). */
    static final int[] PATTERN = {1, 2, 3, 4};

    /** Passages the CPU reference encodes (it is too slow for all of them in the time allowed). */
    static final int CPU_PASSAGES = 1000;

    /** Texts encoded before each timed run, so that loading and CUDA start-up are not timed. */
    static final int WARM_UP = 64;

    /** Padded tokens and texts per batch of the direct ONNX Runtime runs. */
    static final int ORT_BATCH_TOKENS = 16_384;

    static final int ORT_BATCH_TEXTS = 256;

    private GpuCheck() {}

    /** Vectors of one configuration on one set of texts, and how long encoding them took. */
    record Run(Embeddings vectors, long tokens, double seconds) {
        double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    /** One configuration's figures, for the summary. */
    record Row(
            String config,
            double stsTokensPerSecond,
            double passageTokensPerSecond,
            double minCos,
            double meanCos,
            double spearman) {}

    /** The lowest and mean cosine between the same rows of two sets of vectors. */
    record Agreement(double min, double mean, int rows) {}

    /** The STS-B test sentences, each once, and the row of each sentence. */
    record Sentences(List<String> texts, Map<String, Integer> rows, List<StsPair> pairs) {}

    static void run(Path sts, List<String> args) throws Exception {
        int passageCount = Integer.parseInt(option(args, "--passages", "20000"));
        String modelName = option(args, "--model", "e5-small-v2");
        String homeArg = option(args, "--home", null);
        boolean ortGpu = Boolean.getBoolean("taew.ortGpu");
        System.out.println("\n== GPU check ==");
        String noGpu = environment();

        Path home =
                homeArg == null ? Files.createTempDirectory("taew-gpu-check") : Path.of(homeArg);
        try {
            ModelSpec spec = new ModelCatalog(WorkbenchHome.models(home)).resolve(modelName);
            System.out.printf(
                    Locale.ROOT,
                    "Model: %s (%s), %s pooling, normalised %s, max length %s%n",
                    spec.name(),
                    spec.weights(),
                    spec.pooling().label(),
                    spec.normalize(),
                    spec.lengthLimit().describe());
            Sentences sentences = stsTest(sts.resolve("sts-test.csv"));
            List<PreparedText> stsTexts =
                    sentences.texts().stream().map(PreparedText::plain).toList();
            System.out.printf(
                    Locale.ROOT,
                    "STS-B test: %d pairs, %d unique sentences (encoded as they are)%n",
                    sentences.pairs().size(),
                    sentences.texts().size());

            ComputeChoice cpuChoice =
                    new ComputeChoice(
                            ComputeChoice.Device.CPU,
                            spec.format().equals("safetensors")
                                    ? ComputeChoice.Engine.NATIVE
                                    : ComputeChoice.Engine.ONNX,
                            false);
            boolean gpuPart = noGpu == null && !ortGpu;
            List<PreparedText> passages =
                    gpuPart ? passages(sts, passageCount, spec.family()) : List.of();
            Run cpuSts;
            Run cpuPassages = null;
            long t0 = System.nanoTime();
            try (Encoder cpu = Engines.openEncoder(spec, EncoderOptions.DEFAULT, cpuChoice)) {
                System.out.printf(
                        Locale.ROOT,
                        "cpu fp32: %s; loaded in %.1f s%n",
                        cpu.engine(),
                        (System.nanoTime() - t0) / 1e9);
                cpuSts = encode(cpu, stsTexts);
                if (gpuPart) {
                    cpuPassages =
                            encode(
                                    cpu,
                                    passages.subList(0, Math.min(CPU_PASSAGES, passages.size())));
                }
            }
            double cpuSpearman = spearman(cpuSts.vectors(), sentences);
            printSts("cpu fp32", cpuSts, null, cpuSpearman);
            if (cpuPassages != null) {
                System.out.printf(
                        Locale.ROOT,
                        "cpu fp32: passages: %d texts, %d tokens, %.0f tokens/s%n",
                        cpuPassages.vectors().rows(),
                        cpuPassages.tokens(),
                        cpuPassages.tokensPerSecond());
            }
            List<Row> rows = new ArrayList<>();
            rows.add(
                    new Row(
                            "cpu fp32 (reference)",
                            cpuSts.tokensPerSecond(),
                            cpuPassages == null ? Double.NaN : cpuPassages.tokensPerSecond(),
                            1,
                            1,
                            cpuSpearman));

            if (ortGpu) {
                ortPart(spec, sentences, cpuSts, rows);
            } else if (noGpu == null) {
                for (boolean half : new boolean[] {false, true}) {
                    gpuConfiguration(spec, half, stsTexts, passages, sentences, cpuSts, cpuPassages)
                            .ifPresent(rows::add);
                }
            }
            summary(rows);
            if (noGpu != null && !ortGpu) {
                System.out.println("GPU part skipped: " + noGpu);
            }
        } finally {
            if (homeArg == null) {
                deleteTree(home);
            }
        }
    }

    /**
     * Prints what DJL's PyTorch engine reports; returns why the GPU part cannot run, or null when
     * it can.
     */
    static String environment() {
        System.out.printf(
                Locale.ROOT,
                "libtorch: PYTORCH_LIBRARY_PATH=%s PYTORCH_VERSION=%s PYTORCH_FLAVOR=%s%n",
                envOr("PYTORCH_LIBRARY_PATH", "(unset: the bundled CPU build)"),
                envOr("PYTORCH_VERSION", "(unset)"),
                envOr("PYTORCH_FLAVOR", "(unset)"));
        System.out.println("ONNX Runtime: " + Engines.describe("OnnxRuntime"));
        Engine torch;
        try {
            torch = Engine.getEngine(Engines.SEARCH_ENGINE);
        } catch (RuntimeException | LinkageError e) {
            String reason = "DJL's PyTorch engine did not load: " + oneLine(e);
            System.out.println("PyTorch engine: failed: " + oneLine(e));
            return reason;
        }
        boolean cuda = torch.hasCapability(StandardCapabilities.CUDA);
        int gpus = Engines.gpuCount();
        System.out.printf(
                Locale.ROOT,
                "PyTorch engine: %s %s; built with CUDA: %s, cuDNN: %s%n",
                torch.getEngineName(),
                torch.getVersion(),
                cuda,
                torch.hasCapability(StandardCapabilities.CUDNN));
        System.out.printf(
                Locale.ROOT,
                "GPUs (Engines.gpuCount): %d; default device: %s%n",
                gpus,
                torch.defaultDevice());
        if (gpus > 0) {
            try {
                System.out.printf(
                        Locale.ROOT,
                        "CUDA runtime (libcudart through JNA): %s; device 0 compute capability %s%n",
                        CudaUtils.getCudaVersionString(),
                        CudaUtils.getComputeCapability(0));
            } catch (RuntimeException e) {
                System.out.println("CUDA runtime: failed: " + oneLine(e));
            }
            System.out.println("CUDA memory before loading: " + cudaMemory());
            return null;
        }
        if (!cuda) {
            return "no GPU: DJL's PyTorch engine runs a CPU build of libtorch (for a GPU set"
                    + " PYTORCH_LIBRARY_PATH to the lib folder of a CUDA libtorch 2.7.1,"
                    + " PYTORCH_VERSION=2.7.1, PYTORCH_FLAVOR=cu128: tools/gpu-check.sh looks for one)";
        }
        return "libtorch is a CUDA build, but DJL sees no GPU: no device, or DJL's CudaUtils found no"
                + " libcudart.so through JNA (put its folder on -Djna.library.path or LD_LIBRARY_PATH)";
    }

    /** Free and total memory of GPU 0, as the encoder's batching reads it. */
    static String cudaMemory() {
        try {
            MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu());
            return String.format(
                    Locale.ROOT,
                    "%d MiB free of %d MiB",
                    (m.getMax() - m.getUsed()) >> 20,
                    m.getMax() >> 20);
        } catch (RuntimeException e) {
            return "unknown (" + oneLine(e) + ")";
        }
    }

    /** One GPU configuration of the native encoder; a failure is one line and no row. */
    private static Optional<Row> gpuConfiguration(
            ModelSpec spec,
            boolean half,
            List<PreparedText> stsTexts,
            List<PreparedText> passages,
            Sentences sentences,
            Run cpuSts,
            Run cpuPassages) {
        String label = half ? "gpu fp16" : "gpu fp32";
        ComputeChoice choice =
                new ComputeChoice(ComputeChoice.Device.GPU, ComputeChoice.Engine.NATIVE, half);
        long t0 = System.nanoTime();
        try (Encoder gpu = Engines.openEncoder(spec, EncoderOptions.DEFAULT, choice)) {
            System.out.printf(
                    Locale.ROOT,
                    "%s: %s; loaded in %.1f s; CUDA memory %s%n",
                    label,
                    gpu.engine(),
                    (System.nanoTime() - t0) / 1e9,
                    cudaMemory());
            Run s = encode(gpu, stsTexts);
            Agreement stsAgreement =
                    agreement(s.vectors(), cpuSts.vectors(), cpuSts.vectors().rows());
            double spearman = spearman(s.vectors(), sentences);
            printSts(label, s, stsAgreement, spearman);
            Run p = encode(gpu, passages);
            Agreement passageAgreement =
                    agreement(p.vectors(), cpuPassages.vectors(), cpuPassages.vectors().rows());
            System.out.printf(
                    Locale.ROOT,
                    "%s: passages: %d texts, %d tokens, %.0f tokens/s; cosine vs cpu over the first"
                            + " %d: min %.6f, mean %.6f; CUDA memory after %s%n",
                    label,
                    p.vectors().rows(),
                    p.tokens(),
                    p.tokensPerSecond(),
                    passageAgreement.rows(),
                    passageAgreement.min(),
                    passageAgreement.mean(),
                    cudaMemory());
            return Optional.of(
                    new Row(
                            label,
                            s.tokensPerSecond(),
                            p.tokensPerSecond(),
                            Math.min(stsAgreement.min(), passageAgreement.min()),
                            (stsAgreement.mean() * stsAgreement.rows()
                                            + passageAgreement.mean() * passageAgreement.rows())
                                    / (stsAgreement.rows() + passageAgreement.rows()),
                            spearman));
        } catch (Exception | LinkageError e) {
            System.out.println(label + ": failed: " + oneLine(e));
            return Optional.empty();
        }
    }

    // ---- ONNX Runtime with the CUDA provider (-Dtaew.ortGpu=true) ----

    /**
     * The model's ONNX file through the {@code ai.onnxruntime} API: on the CPU (checks this path's
     * tokenizing and pooling against the reference), then with the CUDA provider.
     */
    private static void ortPart(ModelSpec spec, Sentences sentences, Run cpuSts, List<Row> rows) {
        System.out.println(
                "ONNX Runtime part (taew.ortGpu=true; the native GPU configurations run without it):"
                        + " providers available: "
                        + OrtEnvironment.getAvailableProviders());
        if (!spec.format().equals("onnx")
                || !spec.dense().isEmpty()
                || spec.pooling() == Pooling.LASTTOKEN) {
            System.out.println(
                    "ort: skipped: this check runs ONNX files with mean or CLS pooling and no Dense"
                            + " modules; "
                            + spec.name()
                            + " is not one");
            return;
        }
        for (boolean cuda : new boolean[] {false, true}) {
            String label = cuda ? "ort-cuda fp32" : "ort-cpu direct fp32";
            try {
                Run r = ortEncode(spec, sentences.texts(), cuda);
                Agreement a = agreement(r.vectors(), cpuSts.vectors(), cpuSts.vectors().rows());
                double spearman = spearman(r.vectors(), sentences);
                printSts(label, r, a, spearman);
                rows.add(
                        new Row(
                                label,
                                r.tokensPerSecond(),
                                Double.NaN,
                                a.min(),
                                a.mean(),
                                spearman));
            } catch (Exception | LinkageError e) {
                System.out.println(label + ": failed: " + oneLine(e));
            }
        }
    }

    /** Encodes {@code texts} with ONNX Runtime directly; timed after a warm-up. */
    private static Run ortEncode(ModelSpec spec, List<String> texts, boolean cuda)
            throws OrtException, IOException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                HuggingFaceTokenizer tokenizer =
                        HuggingFaceTokenizer.builder()
                                .optTokenizerPath(spec.tokenizer())
                                .optAddSpecialTokens(true)
                                .optPadding(false)
                                .optTruncation(true)
                                .optMaxLength(spec.maxLength())
                                .build()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (cuda) {
                options.addCUDA(0);
            }
            long t0 = System.nanoTime();
            try (OrtSession session = env.createSession(spec.weights().toString(), options)) {
                System.out.printf(
                        Locale.ROOT,
                        "%s: ONNX Runtime %s, session created in %.1f s%n",
                        cuda ? "ort-cuda fp32" : "ort-cpu direct fp32",
                        env.getVersion(),
                        (System.nanoTime() - t0) / 1e9);
                ortVectors(
                        env,
                        session,
                        tokenizer,
                        spec,
                        texts.subList(0, Math.min(WARM_UP, texts.size())));
                long start = System.nanoTime();
                long[] tokens = new long[1];
                Embeddings v = ortVectors(env, session, tokenizer, spec, texts, tokens);
                return new Run(v, tokens[0], (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static Embeddings ortVectors(
            OrtEnvironment env,
            OrtSession session,
            HuggingFaceTokenizer tokenizer,
            ModelSpec spec,
            List<String> texts)
            throws OrtException {
        return ortVectors(env, session, tokenizer, spec, texts, new long[1]);
    }

    /**
     * Vectors of {@code texts}: tokenized, sorted by length into padded batches, run, pooled as the
     * model says and L2-normalised when it normalises; {@code tokens[0]} gets the token count.
     */
    private static Embeddings ortVectors(
            OrtEnvironment env,
            OrtSession session,
            HuggingFaceTokenizer tokenizer,
            ModelSpec spec,
            List<String> texts,
            long[] tokens)
            throws OrtException {
        Encoding[] enc = tokenizer.batchEncode(texts);
        Integer[] order = new Integer[enc.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            tokens[0] += enc[i].getIds().length;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> enc[i].getIds().length));
        Set<String> inputNames = session.getInputNames();
        float[][] out = new float[enc.length][];
        int from = 0;
        while (from < order.length) {
            int to = from;
            int longest = 0;
            while (to < order.length && to - from < ORT_BATCH_TEXTS) {
                int len = enc[order[to]].getIds().length;
                if (to > from && Math.max(longest, len) * (to - from + 1) > ORT_BATCH_TOKENS) {
                    break;
                }
                longest = Math.max(longest, len);
                to++;
            }
            int b = to - from;
            long[] ids = new long[b * longest];
            long[] mask = new long[b * longest];
            long[] types = new long[b * longest];
            for (int r = 0; r < b; r++) {
                Encoding e = enc[order[from + r]];
                System.arraycopy(e.getIds(), 0, ids, r * longest, e.getIds().length);
                System.arraycopy(e.getAttentionMask(), 0, mask, r * longest, e.getIds().length);
                System.arraycopy(e.getTypeIds(), 0, types, r * longest, e.getIds().length);
            }
            long[] shape = {b, longest};
            Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
            try {
                inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
                inputs.put(
                        "attention_mask",
                        OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
                if (inputNames.contains("token_type_ids")) {
                    inputs.put(
                            "token_type_ids",
                            OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    OnnxValue first = result.get(0);
                    if (!(first instanceof OnnxTensor t) || t.getFloatBuffer() == null) {
                        throw new IllegalStateException("the model's first output is not float32");
                    }
                    long[] outShape = t.getInfo().getShape();
                    FloatBuffer values = t.getFloatBuffer();
                    for (int r = 0; r < b; r++) {
                        out[order[from + r]] = pool(values, outShape, r, mask, longest, spec);
                    }
                }
            } finally {
                for (OnnxTensor t : inputs.values()) {
                    t.close();
                }
            }
            from = to;
        }
        int dim = out.length == 0 ? 0 : out[0].length;
        float[] data = new float[out.length * dim];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(out[i], 0, data, i * dim, dim);
        }
        return new Embeddings(data, out.length, dim);
    }

    /** Row {@code r}'s vector from a {@code [b, len, h]} (or pooled {@code [b, h]}) output. */
    private static float[] pool(
            FloatBuffer values, long[] shape, int r, long[] mask, int len, ModelSpec spec) {
        int h = (int) shape[shape.length - 1];
        float[] v = new float[h];
        if (shape.length == 2) {
            values.get(r * h, v);
        } else if (spec.pooling() == Pooling.CLS) {
            values.get(r * len * h, v);
        } else {
            int count = 0;
            for (int p = 0; p < len; p++) {
                if (mask[r * len + p] == 0) {
                    continue;
                }
                count++;
                int base = (r * len + p) * h;
                for (int d = 0; d < h; d++) {
                    v[d] += values.get(base + d);
                }
            }
            for (int d = 0; d < h; d++) {
                v[d] /= Math.max(1, count);
            }
        }
        if (spec.normalize()) {
            double n = 0;
            for (float x : v) {
                n += x * x;
            }
            float scale = (float) (1 / Math.max(1e-12, Math.sqrt(n)));
            for (int d = 0; d < h; d++) {
                v[d] *= scale;
            }
        }
        return v;
    }

    // ---- shared ----

    /**
     * Encodes {@code texts} once after a warm-up on the first few; only the second run is timed.
     */
    static Run encode(Encoder e, List<PreparedText> texts) throws Exception {
        e.encode(texts.subList(0, Math.min(WARM_UP, texts.size())), ProgressListener.NONE);
        long t0 = System.nanoTime();
        Encoder.Encoded out = e.encode(texts, ProgressListener.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long tokens = out.tokens().stream().mapToLong(Encoder.TokenCount::tokens).sum();
        return new Run(out.vectors(), tokens, seconds);
    }

    private static void printSts(String label, Run r, Agreement vsCpu, double spearman) {
        System.out.printf(
                Locale.ROOT,
                "%s: STS-B test: %d sentences, %d tokens, %.0f tokens/s; %sSpearman %.4f%n",
                label,
                r.vectors().rows(),
                r.tokens(),
                r.tokensPerSecond(),
                vsCpu == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "cosine vs cpu: min %.6f, mean %.6f; ",
                                vsCpu.min(),
                                vsCpu.mean()),
                spearman);
    }

    private static void summary(List<Row> rows) {
        System.out.printf(
                Locale.ROOT,
                "%n%-22s %14s %18s %12s %12s %10s%n",
                "configuration",
                "STS tokens/s",
                "passage tokens/s",
                "min cos",
                "mean cos",
                "Spearman");
        for (Row r : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %14.0f %18s %12.6f %12.6f %10.4f%n",
                    r.config(),
                    r.stsTokensPerSecond(),
                    Double.isNaN(r.passageTokensPerSecond())
                            ? "-"
                            : String.format(Locale.ROOT, "%.0f", r.passageTokensPerSecond()),
                    r.minCos(),
                    r.meanCos(),
                    r.spearman());
        }
        System.out.println(
                "(cosines against the cpu fp32 vectors of the same texts: all STS-B sentences and the"
                        + " passages the cpu encoded; Spearman: cosine of each STS-B test pair against its"
                        + " gold score)");
    }

    /** STS-B test's pairs and their sentences, each once, in order of first appearance. */
    static Sentences stsTest(Path file) throws Exception {
        List<StsPair> pairs = StsReader.readStsBenchmark(file).pairs();
        Map<String, Integer> rows = new HashMap<>();
        List<String> texts = new ArrayList<>();
        for (StsPair p : pairs) {
            for (String s : List.of(p.first(), p.second())) {
                if (rows.putIfAbsent(s, texts.size()) == null) {
                    texts.add(s);
                }
            }
        }
        return new Sentences(texts, rows, pairs);
    }

    /**
     * {@code n} short passages from STS-B sentences (dev + test), as the encoding benchmark builds
     * them; with e5's {@code passage: } prefix for e5 models.
     */
    static List<PreparedText> passages(Path sts, int n, String family) throws Exception {
        String prefix = family.equals("e5") ? "passage: " : "";
        return BenchTexts.load(sts).passages(n, PATTERN, 0).stream()
                .map(p -> PreparedText.plain(prefix + p))
                .toList();
    }

    /** Spearman of each pair's cosine against its gold score. */
    static double spearman(Embeddings v, Sentences s) {
        double[] cos = new double[s.pairs().size()];
        double[] gold = new double[cos.length];
        for (int i = 0; i < cos.length; i++) {
            StsPair p = s.pairs().get(i);
            cos[i] = cosine(v, s.rows().get(p.first()), v, s.rows().get(p.second()));
            gold[i] = p.gold();
        }
        return Correlation.spearman(cos, gold);
    }

    /** Cosines of the first {@code rows} rows of {@code a} and {@code b}, row by row. */
    static Agreement agreement(Embeddings a, Embeddings b, int rows) {
        double min = 1;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double c = cosine(a, i, b, i);
            min = Math.min(min, c);
            sum += c;
        }
        return new Agreement(min, rows == 0 ? Double.NaN : sum / rows, rows);
    }

    static double cosine(Embeddings a, int i, Embeddings b, int j) {
        double na = a.dot(i, a, i);
        double nb = b.dot(j, b, j);
        return a.dot(i, b, j) / Math.sqrt(Math.max(1e-30, na * nb));
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /** The exception's class and message on one line (the cause's too, when it says more). */
    static String oneLine(Throwable e) {
        StringBuilder b = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            b.append(": ").append(e.getMessage());
        }
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !b.toString().contains(c.getMessage())) {
            b.append(" (caused by ").append(c.getClass().getSimpleName()).append(": ");
            b.append(c.getMessage()).append(')');
        }
        return b.toString().replaceAll("\\s+", " ").strip();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
