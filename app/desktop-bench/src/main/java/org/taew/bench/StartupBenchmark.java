package org.taew.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Start-up of the installed workbench (the jpackage image) against the same application started
 * from the build's jars with the system JDK ({@code java -jar taew-desktop.jar}), measured from
 * outside: time from starting the process until the main window is mapped on the X display
 * (xdotool), time until the first evaluation has finished (the process's CPU time stops growing),
 * and resident memory then (VmRSS, VmHWM from /proc). Cold runs start with the kernel's page cache
 * dropped (when permitted) and an empty per-user folder; warm runs reuse both. Needs a display
 * (xvfb-run) and xdotool.
 */
final class StartupBenchmark {
    private static final String TITLE = "^Task-Aware Embedding Workbench$";

    private StartupBenchmark() {}

    record Sample(double windowS, double settledS, long rssKb, long hwmKb) {}

    static void run(Path installerOut, Path jar, int warmRuns) throws Exception {
        Path image = installerOut.toAbsolutePath().resolve("taew-workbench");
        if (System.getenv("DISPLAY") == null) {
            throw new IllegalStateException("no DISPLAY: run under xvfb-run");
        }
        if (!Files.isExecutable(image.resolve("bin/taew-workbench"))) {
            throw new IllegalStateException(
                    "no app image at " + image + ": build it with ./mvnw -Pinstaller package");
        }
        printSizes(installerOut, image);
        Path work = Files.createTempDirectory("taew-startup");
        List<String> imageCmd = List.of(image.resolve("bin/taew-workbench").toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jarCmd = List.of(java, "-jar", jar.toAbsolutePath().toString());

        boolean dropped = dropPageCache();
        System.out.printf(
                Locale.ROOT,
                "%nCold start (empty per-user folder; page cache %s):%n",
                dropped ? "dropped before each run" : "NOT dropped (not permitted here)");
        Sample coldImage = once(imageCmd, work.resolve("home-image"));
        print("installed image", List.of(coldImage));
        dropPageCache();
        Sample coldJar = once(jarCmd, work.resolve("home-jar"));
        print("java -jar (baseline)", List.of(coldJar));

        System.out.printf(Locale.ROOT, "%nWarm start (%d runs each, alternating):%n", warmRuns);
        List<Sample> warmImage = new ArrayList<>();
        List<Sample> warmJar = new ArrayList<>();
        for (int i = 0; i < warmRuns; i++) {
            warmImage.add(once(imageCmd, work.resolve("home-image")));
            warmJar.add(once(jarCmd, work.resolve("home-jar")));
        }
        print("installed image", warmImage);
        print("java -jar (baseline)", warmJar);
        double mi = median(warmImage, Sample::windowS);
        double mj = median(warmJar, Sample::windowS);
        System.out.printf(
                Locale.ROOT,
                "Warm time to window, image / baseline: %.2f (%.3f s vs %.3f s); target warm <= 3 s: %s%n",
                mi / mj,
                mi,
                mj,
                mi <= 3.0 ? "met" : "NOT met");
        System.out.printf(
                Locale.ROOT,
                "Resident memory after the first evaluation (e5-small-v2, helpdesk-mini), median:"
                        + " image %.0f MiB, baseline %.0f MiB%n",
                median(warmImage, s -> s.rssKb() / 1024.0),
                median(warmJar, s -> s.rssKb() / 1024.0));
    }

    private static Sample once(List<String> cmd, Path home) throws Exception {
        Files.createDirectories(home);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TAEW_HOME", home.toString());
        pb.environment().remove("DJL_CACHE_DIR");
        pb.directory(home.toFile()); // not a workspace: each finds its own
        pb.redirectErrorStream(true);
        pb.redirectOutput(home.resolve("last-run.log").toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            String window = null;
            while (window == null) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(
                            "exited before its window appeared: "
                                    + Files.readString(home.resolve("last-run.log")));
                }
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException("no window within 120 s");
                }
                window = findWindow();
                if (window == null) {
                    Thread.sleep(20);
                }
            }
            double windowS = (System.nanoTime() - t0) / 1e9;
            // settled: CPU time grows by less than 30 ms over 1.5 s (first evaluation done)
            long last = cpuTicks(p.pid());
            long lastChange = System.nanoTime();
            while (System.nanoTime() - lastChange < 1_500_000_000L) {
                Thread.sleep(250);
                long now = cpuTicks(p.pid());
                if (now - last > 3) {
                    lastChange = System.nanoTime();
                }
                last = now;
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(300)) {
                    throw new IllegalStateException("still busy after 300 s");
                }
            }
            double settledS = (lastChange - t0) / 1e9;
            long rss = status(p.pid(), "VmRSS:");
            long hwm = status(p.pid(), "VmHWM:");
            exec("xdotool", "windowfocus", "--sync", window);
            exec("xdotool", "key", "ctrl+q");
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("did not quit on Ctrl+Q");
            }
            return new Sample(windowS, settledS, rss, hwm);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String findWindow() throws IOException, InterruptedException {
        String out = exec("xdotool", "search", "--onlyvisible", "--name", TITLE).strip();
        return out.isEmpty() ? null : out.lines().findFirst().orElse(null);
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
    }

    private static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]);
            }
        }
        return -1;
    }

    private static boolean dropPageCache() {
        try {
            new ProcessBuilder("sync").start().waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
            return true;
        } catch (IOException | InterruptedException | SecurityException e) {
            return false;
        }
    }

    private static void print(String label, List<Sample> s) {
        System.out.printf(
                Locale.ROOT,
                "  %-22s window %s s · first evaluation done %s s · RSS %s MiB (peak %s MiB)%n",
                label,
                range(s, Sample::windowS, "%.3f"),
                range(s, Sample::settledS, "%.2f"),
                range(s, x -> x.rssKb() / 1024.0, "%.0f"),
                range(s, x -> x.hwmKb() / 1024.0, "%.0f"));
    }

    private static String range(List<Sample> s, ToDoubleFunction<Sample> f, String fmt) {
        if (s.size() == 1) {
            return String.format(Locale.ROOT, fmt, f.applyAsDouble(s.get(0)));
        }
        double[] v = s.stream().mapToDouble(f).sorted().toArray();
        return String.format(
                Locale.ROOT,
                "median " + fmt + " (" + fmt + "–" + fmt + ")",
                BenchRun.median(v),
                v[0],
                v[v.length - 1]);
    }

    private static double median(List<Sample> s, ToDoubleFunction<Sample> f) {
        return BenchRun.median(s.stream().mapToDouble(f).toArray());
    }

    private static void printSizes(Path out, Path image) throws IOException {
        System.out.printf(Locale.ROOT, "%nSizes:%n");
        System.out.printf(Locale.ROOT, "  app image          %7.1f MiB%n", mib(size(image)));
        System.out.printf(
                Locale.ROOT,
                "    runtime (jlink)  %7.1f MiB%n",
                mib(size(image.resolve("lib/runtime"))));
        System.out.printf(
                Locale.ROOT,
                "    jars and data    %7.1f MiB%n",
                mib(size(image.resolve("lib/app"))));
        try (Stream<Path> s = Files.list(out)) {
            for (Path deb : s.filter(p -> p.toString().endsWith(".deb")).sorted().toList()) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-18s %7.1f MiB%n",
                        deb.getFileName(),
                        mib(Files.size(deb)));
            }
        }
        Path report = out.resolve("build-report.txt");
        if (Files.exists(report)) {
            for (String line : Files.readAllLines(report)) {
                if (line.startsWith("Jars:") || line.startsWith("Stripped")) {
                    System.out.println("  " + line.replaceFirst(" \\(removed .*\\)$", ""));
                }
            }
        }
    }

    private static long size(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            long total = 0;
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
