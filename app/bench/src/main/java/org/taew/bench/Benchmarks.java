package org.taew.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.engine.MatMulPeak;
import org.taew.core.util.CpuInfo;

/**
 * Entry point: {@code java -jar app/bench/target/taew-bench.jar
 * [encoding|reeval|native|tune|gemm|experiment|bigcorpus|architectures|gpu-check|precision|lengths|
 * int8-speed|all] [--sts DIR] [--runs N] [--tokens N] [--gpu]}. Prints results with ratios against
 * baselines measured in the same run; nothing here is a pass/fail test. {@code gpu-check
 * [--passages N] [--model NAME_OR_DIR] [--home DIR]} checks the GPU path against the CPU ({@link
 * GpuCheck}; run it through {@code tools/gpu-check.sh}, which finds a CUDA libtorch). {@code
 * precision [--sts DIR] [--runs N]} compares fp32 with int8 weights of the bundled models ({@link
 * PrecisionBenchmark}). The benchmarks of the desktop (live, experiment-gui, startup) are in
 * app/desktop-bench ({@code DesktopBenchmarks}).
 */
public final class Benchmarks {
    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        String which = args.length > 0 && !args[0].startsWith("--") ? args[0] : "all";
        List<String> rest = Arrays.asList(args);
        Path sts = sts(rest);
        printMachine();
        if (which.equals("bigcorpus")) {
            BigCorpusBenchmark.run();
            return;
        }
        if (which.equals("architectures")) {
            int tokens = 3000;
            int t = rest.indexOf("--tokens");
            if (t >= 0 && t + 1 < rest.size()) {
                tokens = Integer.parseInt(rest.get(t + 1));
            }
            ArchitectureBenchmark.run(
                    tokens,
                    rest.contains("--gpu") ? ComputeChoice.Device.GPU : ComputeChoice.Device.CPU);
            return;
        }
        if (which.equals("gpu-check")) {
            GpuCheck.run(sts, rest);
            return;
        }
        if (which.equals("precision")) {
            PrecisionBenchmark.run(sts, rest);
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
        BenchTexts texts = BenchTexts.load(sts);
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
    }

    /** The STS-Benchmark folder of {@code --sts DIR}, by default the shared reference data's. */
    static Path sts(List<String> args) {
        int i = args.indexOf("--sts");
        return i >= 0 && i + 1 < args.size()
                ? Path.of(args.get(i + 1))
                : Path.of("../shared/reference-data/stsbenchmark");
    }

    /** The first lines of every benchmark run: the machine and its CPU. */
    static void printMachine() {
        System.out.printf(
                Locale.ROOT,
                "Machine: %d cores, Java %s, %s %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("os.name"),
                System.getProperty("os.arch"));
        System.out.println("CPU: " + cpu());
    }

    /** The CPU's model and its vector-instruction flags (one rule for every benchmark: core's). */
    static String cpu() {
        return CpuInfo.describe();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
