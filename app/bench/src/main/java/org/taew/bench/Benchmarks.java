package org.taew.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.engine.MatMulPeak;

/**
 * Entry point: {@code java -jar app/bench/target/taew-bench.jar
 * [encoding|reeval|native|tune|gemm|experiment|search|bm25|bigcorpus|architectures|gpu-check|precision|lengths|
 * int8-speed|onnx-precisions|all] [--sts DIR] [--runs N] [--tokens N] [--gpu] [--quick]}. {@code
 * --quick} runs a benchmark on tiny input (a few passages, tiny shapes, the CPU), so that the build
 * can show it still runs through (BenchmarksQuickTest); its figures mean nothing. Prints results
 * with ratios against baselines measured in the same run; nothing here is a pass/fail test. {@code
 * gpu-check [--passages N] [--model NAME_OR_DIR] [--home DIR]} checks the GPU path against the CPU
 * ({@link GpuCheck}; run it through {@code tools/gpu-check.sh}, which finds a CUDA libtorch).
 * {@code precision [--sts DIR] [--runs N]} compares fp32 with int8 weights of the bundled models
 * ({@link PrecisionBenchmark}). {@code onnx-precisions [--tokens N] [--python PATH]} compares the
 * native fp32 encoder with ONNX Runtime on fp32, int8 and q4 exports of EmbeddingGemma-300M and
 * Qwen3-Embedding-0.6B shapes ({@link OnnxPrecisionBenchmark}; the exports need a Python with
 * torch, transformers, onnx and onnxruntime). The benchmarks of the desktop (live, experiment-gui,
 * startup) are in app/desktop-bench ({@code DesktopBenchmarks}).
 */
public final class Benchmarks {
    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        String which = args.length > 0 && !args[0].startsWith("--") ? args[0] : "all";
        List<String> rest = Arrays.asList(args);
        Path sts = BenchRun.sts(rest);
        boolean quick = BenchRun.quick(rest);
        BenchRun.printMachine();
        if (quick) {
            BenchRun.printQuick();
        }
        if (which.equals("bigcorpus")) {
            BigCorpusBenchmark.run(quick);
            return;
        }
        if (which.equals("architectures")) {
            int tokens = 3000;
            int t = rest.indexOf("--tokens");
            if (t >= 0 && t + 1 < rest.size()) {
                tokens = Integer.parseInt(rest.get(t + 1));
            }
            if (quick) {
                ArchitectureBenchmark.quick();
            } else {
                ArchitectureBenchmark.run(
                        tokens,
                        rest.contains("--gpu")
                                ? ComputeChoice.Device.GPU
                                : ComputeChoice.Device.CPU);
            }
            return;
        }
        if (which.equals("onnx-precisions")) {
            OnnxPrecisionBenchmark.run(
                    quick
                            ? ArchitectureBenchmark.TINY_ARCHS.subList(1, 3)
                            : ArchitectureBenchmark.ARCHS.subList(1, 3),
                    rest);
            return;
        }
        if (which.equals("gpu-check")) {
            GpuCheck.run(sts, quick ? GpuCheck.quick(rest) : rest);
            return;
        }
        if (which.equals("precision")) {
            PrecisionBenchmark.run(sts, rest, quick);
            return;
        }
        if (which.equals("gemm") && quick) {
            System.out.printf(
                    Locale.ROOT,
                    "PyTorch fp32 matmul 256^3: %.1f GFLOP/s; ONNX Runtime one MatMul 256^3: %.1f"
                            + " GFLOP/s%n",
                    MatMulPeak.torchGflops(256, new long[][] {{256, 256}}, 2),
                    MatMulPeak.onnxRuntimeGflops(256, 256, 256, 2));
            return;
        }
        if (which.equals("gemm")) {
            System.out.printf(
                    Locale.ROOT,
                    "PyTorch fp32 matmul: %.1f GFLOP/s on a BERT-small layer's shapes, %.1f on 2048^3;"
                            + " ONNX Runtime one MatMul 2048^3: %.1f GFLOP/s%n",
                    EncodingBenchmark.gemmGflops(),
                    MatMulPeak.torchGflops(2048, new long[][] {{2048, 2048}}, 5),
                    MatMulPeak.onnxRuntimeGflops(2048, 2048, 2048, 5));
            return;
        }
        BenchTexts texts = quick ? BenchTexts.load(sts).quick() : BenchTexts.load(sts);
        if (which.equals("lengths")) {
            LengthBenchmark.run(texts);
            return;
        }
        if (which.equals("int8-speed")) {
            LengthBenchmark.int8Speed(texts);
            return;
        }
        if (which.equals("tune")) {
            TuneExperiment.run(texts);
        }
        if (which.equals("encoding") || which.equals("all")) {
            EncodingBenchmark.run(texts);
        }
        if (which.equals("reeval") || which.equals("all")) {
            ReevalBenchmark.run(texts);
        }
        if (which.equals("native") || which.equals("all")) {
            NativeEngineBenchmark.run(texts);
        }
        if (which.equals("experiment")) {
            ExperimentBenchmark.run(texts);
        }
        if (which.equals("search")) {
            SearchBenchmark.run(texts);
        }
        if (which.equals("bm25")) {
            Bm25Benchmark.run(texts);
        }
    }
}
