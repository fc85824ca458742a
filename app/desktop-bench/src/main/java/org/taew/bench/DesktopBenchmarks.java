package org.taew.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the desktop's benchmarks: {@code xvfb-run -a java -jar
 * app/desktop-bench/target/taew-desktop-bench.jar [live|experiment-gui|startup] [--sts DIR] [--runs
 * N] [--quick]}. {@code --quick} runs on tiny input (DesktopBenchmarksQuickTest runs it headless,
 * through {@link #run}, several in one JVM on one JavaFX start: {@link FxPlatform}). {@code live}
 * and {@code experiment-gui} open the real window ({@link LiveUpdateBenchmark}, {@link
 * ExperimentGuiBenchmark}); {@code startup} times the installed image and {@code java -jar} from
 * outside and needs xdotool ({@link StartupBenchmark}).
 */
public final class DesktopBenchmarks {
    private DesktopBenchmarks() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            FxPlatform.exit();
        }
    }

    /** Runs the benchmark {@code args} name and leaves JavaFX running for the next. */
    static void run(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        String which = args.length > 0 && !args[0].startsWith("--") ? args[0] : "live";
        List<String> rest = Arrays.asList(args);
        boolean quick = BenchRun.quick(rest);
        BenchRun.printMachine();
        if (quick) {
            BenchRun.printQuick();
        }
        switch (which) {
            case "startup" -> {
                int runs = quick ? 1 : 5;
                int r = rest.indexOf("--runs");
                if (r >= 0 && r + 1 < rest.size()) {
                    runs = Integer.parseInt(rest.get(r + 1));
                }
                StartupBenchmark.run(
                        Path.of("app/installer/target/installer"),
                        Path.of("app/desktop/target/taew-desktop.jar"),
                        runs);
            }
            case "experiment-gui" -> ExperimentGuiBenchmark.run(texts(rest, quick));
            case "live" -> LiveUpdateBenchmark.run(texts(rest, quick));
            default ->
                    throw new IllegalArgumentException(
                            which
                                    + ": the desktop benchmarks are live, experiment-gui and startup");
        }
    }

    private static BenchTexts texts(List<String> args, boolean quick) throws Exception {
        BenchTexts texts = BenchTexts.load(BenchRun.sts(args));
        return quick ? texts.quick() : texts;
    }
}
