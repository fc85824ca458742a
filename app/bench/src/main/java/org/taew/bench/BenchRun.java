package org.taew.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.taew.core.util.CpuInfo;

/**
 * What every benchmark run shares: the STS-Benchmark folder its texts come from, the machine lines
 * it starts with, and the median of repeated timings.
 */
final class BenchRun {
    private BenchRun() {}

    /**
     * The STS-Benchmark folder of {@code --sts DIR}; by default the shared reference data's, or in
     * quick mode ({@code --quick}) made-up files ({@link QuickSts}).
     */
    static Path sts(List<String> args) throws IOException {
        int i = args.indexOf("--sts");
        if (i >= 0 && i + 1 < args.size()) {
            return Path.of(args.get(i + 1));
        }
        return quick(args) ? QuickSts.write() : Path.of("../shared/reference-data/stsbenchmark");
    }

    /** Whether the run is in quick mode ({@code --quick}). */
    static boolean quick(List<String> args) {
        return args.contains("--quick");
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

    /** The line that says a run is in quick mode (tests look for it). */
    static void printQuick() {
        System.out.println(
                "Quick mode: tiny input, to show that the benchmark runs through; its figures mean"
                        + " nothing");
    }
}
