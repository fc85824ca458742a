package org.taew.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the desktop's benchmarks: {@code xvfb-run -a java -jar
 * app/desktop-bench/target/taew-desktop-bench.jar [live|experiment-gui|startup] [--sts DIR] [--runs
 * N]}. {@code live} and {@code experiment-gui} open the real window ({@link LiveUpdateBenchmark},
 * {@link ExperimentGuiBenchmark}); {@code startup} times the installed image and {@code java -jar}
 * from outside and needs xdotool ({@link StartupBenchmark}).
 */
public final class DesktopBenchmarks {
    private DesktopBenchmarks() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        String which = args.length > 0 && !args[0].startsWith("--") ? args[0] : "live";
        List<String> rest = Arrays.asList(args);
        Benchmarks.printMachine();
        switch (which) {
            case "startup" -> {
                int runs = 5;
                int r = rest.indexOf("--runs");
                if (r >= 0 && r + 1 < rest.size()) {
                    runs = Integer.parseInt(rest.get(r + 1));
                }
                StartupBenchmark.run(
                        Path.of("app/installer/target/installer"),
                        Path.of("app/desktop/target/taew-desktop.jar"),
                        runs);
            }
            case "experiment-gui" ->
                    ExperimentGuiBenchmark.run(BenchTexts.load(Benchmarks.sts(rest)));
            case "live" -> LiveUpdateBenchmark.run(BenchTexts.load(Benchmarks.sts(rest)));
            default ->
                    throw new IllegalArgumentException(
                            which
                                    + ": the desktop benchmarks are live, experiment-gui and startup");
        }
    }
}
