package org.taew.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.taew.bench.GpuCheckReport.Row;
import org.taew.bench.GpuCheckReport.Run;
import org.taew.bench.StsAgreement.Agreement;
import org.taew.bench.StsAgreement.Sentences;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.engine.GpuEnvironment;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.Folders;
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
 * first on the class path) it checks ONNX Runtime on the GPU instead: the CPU reference and core's
 * encoder with ONNX Runtime on the GPU, on STS-B test. Every configuration is opened through core's
 * {@link Engines}, so the check encodes exactly as the workbench does (pooling, Dense modules).
 */
final class GpuCheck {
    /** Short passages: one to four STS-B sentences (about 40 tokens on average). */
    static final int[] PATTERN = {1, 2, 3, 4};

    /** Passages the CPU reference encodes (it is too slow for all of them in the time allowed). */
    static final int CPU_PASSAGES = 1000;

    /** Texts encoded before each timed run, so that loading and CUDA start-up are not timed. */
    static final int WARM_UP = 64;

    private GpuCheck() {}

    /**
     * Quick mode's arguments: a few passages, and the models of the usual per-user folder rather
     * than a fresh copy (options given first still win).
     */
    static List<String> quick(List<String> args) {
        List<String> out = new ArrayList<>(args);
        out.addAll(List.of("--passages", "48", "--home", WorkbenchHome.resolve().toString()));
        return out;
    }

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
            Sentences sentences = StsAgreement.stsTest(sts.resolve("sts-test.csv"));
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
            double cpuSpearman = StsAgreement.spearman(cpuSts.vectors(), sentences);
            GpuCheckReport.printSts("cpu fp32", cpuSts, null, cpuSpearman);
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
                ortPart(spec, stsTexts, sentences, cpuSts, rows);
            } else if (noGpu == null) {
                for (boolean half : new boolean[] {false, true}) {
                    configuration(
                                    half ? "gpu fp16" : "gpu fp32",
                                    spec,
                                    new ComputeChoice(
                                            ComputeChoice.Device.GPU,
                                            ComputeChoice.Engine.NATIVE,
                                            half),
                                    stsTexts,
                                    passages,
                                    sentences,
                                    cpuSts,
                                    cpuPassages)
                            .ifPresent(rows::add);
                }
            }
            GpuCheckReport.summary(rows);
            if (noGpu != null && !ortGpu) {
                System.out.println("GPU part skipped: " + noGpu);
            }
        } finally {
            if (homeArg == null) {
                Folders.deleteTree(home);
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
        GpuEnvironment.Torch torch;
        try {
            torch = GpuEnvironment.torch();
        } catch (RuntimeException | LinkageError e) {
            String reason = "DJL's PyTorch engine did not load: " + oneLine(e);
            System.out.println("PyTorch engine: failed: " + oneLine(e));
            return reason;
        }
        boolean cuda = torch.cuda();
        int gpus = Engines.gpuCount();
        System.out.printf(
                Locale.ROOT,
                "PyTorch engine: %s %s; built with CUDA: %s, cuDNN: %s%n",
                torch.name(),
                torch.version(),
                cuda,
                torch.cudnn());
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
                        GpuEnvironment.cudaVersion(),
                        GpuEnvironment.computeCapability(0));
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
            GpuEnvironment.Memory m = GpuEnvironment.memory();
            return String.format(
                    Locale.ROOT, "%d MiB free of %d MiB", m.free() >> 20, m.total() >> 20);
        } catch (RuntimeException e) {
            return "unknown (" + oneLine(e) + ")";
        }
    }

    /**
     * One GPU configuration, opened through core's encoder; a failure is one line and no row. With
     * no passages only STS-B is encoded.
     */
    private static Optional<Row> configuration(
            String label,
            ModelSpec spec,
            ComputeChoice choice,
            List<PreparedText> stsTexts,
            List<PreparedText> passages,
            Sentences sentences,
            Run cpuSts,
            Run cpuPassages) {
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
                    StsAgreement.agreement(s.vectors(), cpuSts.vectors(), cpuSts.vectors().rows());
            double spearman = StsAgreement.spearman(s.vectors(), sentences);
            GpuCheckReport.printSts(label, s, stsAgreement, spearman);
            if (passages.isEmpty()) {
                return Optional.of(
                        new Row(
                                label,
                                s.tokensPerSecond(),
                                Double.NaN,
                                stsAgreement.min(),
                                stsAgreement.mean(),
                                spearman));
            }
            Run p = encode(gpu, passages);
            Agreement passageAgreement =
                    StsAgreement.agreement(
                            p.vectors(), cpuPassages.vectors(), cpuPassages.vectors().rows());
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
     * The model through core's encoder with ONNX Runtime on the GPU (the same tokenizing, pooling
     * and Dense modules as the CPU reference, so that any difference is CUDA's). Core opens ONNX
     * Runtime on the CPU only today: then the line says so.
     */
    private static void ortPart(
            ModelSpec spec,
            List<PreparedText> stsTexts,
            Sentences sentences,
            Run cpuSts,
            List<Row> rows) {
        System.out.println(
                "ONNX Runtime part (taew.ortGpu=true; the native GPU configurations run without it)");
        ComputeChoice choice =
                new ComputeChoice(ComputeChoice.Device.GPU, ComputeChoice.Engine.ONNX, false);
        configuration("ort-cuda fp32", spec, choice, stsTexts, List.of(), sentences, cpuSts, null)
                .ifPresent(rows::add);
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
}
