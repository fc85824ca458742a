package org.taew.installer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Builds the installable workbench from the jars Maven collected: JavaFX jmods, a jlinked runtime
 * (the JDK and JavaFX modules the jars use, nothing else), a jpackage app image with the GUI and
 * CLI launchers, the shipped datasets and instruction sets inside, and optionally the Linux
 * package. Every option of jlink and jpackage lives in {@code jlink/*.args}; this class adds only
 * what is computed (the module list, the main jar, the version, the paths).
 *
 * <pre>
 * java org.taew.installer.InstallerBuild --root DIR --jars DIR --javafx DIR --out DIR
 *      --version 0.1.0-SNAPSHOT [--types app-image,deb]
 * </pre>
 */
public final class InstallerBuild {
    private final Path root;
    private final Path config;
    private final Path jarsDir;
    private final Path javafxDir;
    private final Path out;
    private final String version;
    private final Set<String> types;
    private final String platform;
    private final List<String> report = new ArrayList<>();

    InstallerBuild(
            Path root,
            Path jarsDir,
            Path javafxDir,
            Path out,
            String version,
            Set<String> types,
            String platform) {
        this.root = root;
        this.config = root.resolve("jlink");
        this.jarsDir = jarsDir;
        this.javafxDir = javafxDir;
        this.out = out;
        this.version = version;
        this.types = types;
        this.platform = platform;
    }

    public static void main(String[] args) {
        try {
            Map<String, String> o = options(args);
            Set<String> types =
                    new TreeSet<>(List.of(o.getOrDefault("types", "app-image").split(",")));
            new InstallerBuild(
                            Path.of(require(o, "root")).toAbsolutePath(),
                            Path.of(require(o, "jars")).toAbsolutePath(),
                            Path.of(require(o, "javafx")).toAbsolutePath(),
                            Path.of(require(o, "out")).toAbsolutePath(),
                            require(o, "version"),
                            types,
                            Platforms.current())
                    .run();
        } catch (BuildException e) {
            System.err.println("Installer build failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Map<String, String> options(String[] args) throws BuildException {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new BuildException(
                        "Expected --option value pairs, found \"" + args[i] + "\"");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static String require(Map<String, String> o, String name) throws BuildException {
        String v = o.get(name);
        if (v == null || v.isBlank()) {
            throw new BuildException("Missing --" + name);
        }
        return v;
    }

    void run() throws BuildException {
        for (String t : types) {
            if (!t.equals("app-image") && !t.equals("deb")) {
                throw new BuildException("Unknown package type \"" + t + "\" (app-image, deb)");
            }
        }
        long start = System.nanoTime();
        Files2.deleteTree(out);
        Path input = out.resolve("input");
        Path scratch = out.resolve("scratch");
        Files2.createDirectories(input);

        List<Path> jars = stageJars(input);
        stageWorkspace(input);
        List<JavaFxJmods.FxModule> fx = javafxJmods(out.resolve("jmods"), scratch);
        Set<String> modules =
                ModuleDeps.of(
                        jars,
                        fx.stream().map(JavaFxJmods.FxModule::jar).toList(),
                        scratch.resolve("jdeps"));
        if (modules.stream().noneMatch(m -> m.startsWith("javafx."))) {
            throw new BuildException(
                    "jdeps found no JavaFX module among the jars' dependencies: " + modules);
        }
        report.add("Modules jdeps found: " + String.join(",", modules));
        Path runtime = runtime(modules, out.resolve("jmods"));
        String appVersion = version.replaceFirst("-.*$", "");
        Path appImage = appImage(jars, input, runtime, appVersion);
        if (types.contains("deb")) {
            deb(appImage, appVersion);
        }
        Files2.deleteTree(scratch);
        report.add(
                String.format(Locale.ROOT, "Built in %.1f s", (System.nanoTime() - start) / 1e9));
        try {
            Files.write(out.resolve("build-report.txt"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildException("Cannot write the build report: " + e.getMessage());
        }
        report.forEach(System.out::println);
    }

    private List<JavaFxJmods.FxModule> javafxJmods(Path jmods, Path scratch) throws BuildException {
        Set<String> excluded =
                new TreeSet<>(
                        lines(config.resolve("javafx-" + Platforms.os(platform) + ".exclude")));
        List<JavaFxJmods.FxModule> fx =
                JavaFxJmods.create(
                        Files2.list(javafxDir, ".jar"), excluded, jmods, scratch.resolve("javafx"));
        report.add(
                "JavaFX jmods: "
                        + String.join(", ", fx.stream().map(JavaFxJmods.FxModule::name).toList())
                        + " (left out: "
                        + String.join(", ", excluded)
                        + ")");
        return fx;
    }

    /**
     * jlink: the modules jdeps found plus those {@code jlink/jlink.args} adds, with its options.
     */
    private Path runtime(Set<String> modules, Path javafxJmods) throws BuildException {
        Path runtime = out.resolve("runtime");
        List<String> jlink = new ArrayList<>();
        Set<String> addModules = new TreeSet<>(modules);
        List<String> options = ArgFiles.read(config.resolve("jlink.args"));
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).equals("--add-modules") && i + 1 < options.size()) {
                addModules.addAll(List.of(options.get(++i).split(",")));
            } else {
                jlink.add(options.get(i));
            }
        }
        Path jdkJmods = Path.of(System.getProperty("java.home"), "jmods");
        if (!Files.isDirectory(jdkJmods)) {
            throw new BuildException(
                    "This JDK has no jmods folder ("
                            + jdkJmods
                            + "); jlink needs a JDK with jmods (on Debian: openjdk-17-jdk-headless)");
        }
        jlink.addAll(
                List.of(
                        "--module-path",
                        jdkJmods + File.pathSeparator + javafxJmods,
                        "--add-modules",
                        String.join(",", addModules),
                        "--output",
                        runtime.toString()));
        Tools.run("jlink", jlink);
        report.add("Runtime modules: " + String.join(",", addModules));
        report.add("Runtime: " + mib(Files2.size(runtime)));
        return runtime;
    }

    private Path appImage(List<Path> jars, Path input, Path runtime, String appVersion)
            throws BuildException {
        Path mainJar =
                jars.stream()
                        .filter(j -> j.getFileName().toString().startsWith("taew-desktop"))
                        .findFirst()
                        .orElseThrow(() -> new BuildException("No taew-desktop jar in " + jarsDir));
        List<String> image = new ArrayList<>(List.of("--type", "app-image"));
        image.addAll(ArgFiles.read(config.resolve("app.args")));
        image.addAll(ArgFiles.read(config.resolve("app-image.args")));
        image.addAll(
                ArgFiles.read(config.resolve("app-image-" + Platforms.os(platform) + ".args")));
        image.addAll(
                List.of(
                        "--app-version", appVersion,
                        "--input", input.toString(),
                        "--main-jar", mainJar.getFileName().toString(),
                        "--runtime-image", runtime.toString(),
                        "--dest", out.toString()));
        Tools.run("jpackage", image);
        Path appImage = out.resolve(appName(image));
        report.add("App image " + appImage + ": " + mib(Files2.size(appImage)));
        return appImage;
    }

    private void deb(Path appImage, String appVersion) throws BuildException {
        List<String> deb = new ArrayList<>(List.of("--type", "deb"));
        deb.addAll(ArgFiles.read(config.resolve("app.args")));
        deb.addAll(ArgFiles.read(config.resolve("deb.args")));
        deb.addAll(
                List.of(
                        "--app-version",
                        appVersion,
                        "--app-image",
                        appImage.toString(),
                        "--dest",
                        out.toString()));
        Tools.run("jpackage", deb);
        for (Path p : Files2.list(out, ".deb")) {
            report.add("Package " + p + ": " + mib(Files2.size(p)));
        }
    }

    private List<Path> stageJars(Path input) throws BuildException {
        Path rules = config.resolve("natives-" + platform + ".properties");
        if (!Files.isRegularFile(rules)) {
            throw new BuildException(
                    "No native-library rules for " + platform + " (" + rules + ")");
        }
        NativeStripper stripper = NativeStripper.fromFile(rules);
        List<Path> staged = new ArrayList<>();
        long before = 0;
        long after = 0;
        for (Path jar : Files2.list(jarsDir, ".jar")) {
            NativeStripper.Result r = stripper.strip(jar, input.resolve(jar.getFileName()));
            before += r.bytesBefore();
            after += r.bytesAfter();
            if (r.changed()) {
                report.add(
                        String.format(
                                Locale.ROOT,
                                "Stripped %s: %s -> %s (removed %s)",
                                jar.getFileName(),
                                mib(r.bytesBefore()),
                                mib(r.bytesAfter()),
                                String.join(", ", r.removed())));
            }
            staged.add(r.jar());
        }
        report.add(
                "Jars: "
                        + mib(before)
                        + " as resolved, "
                        + mib(after)
                        + " after stripping other platforms' natives");
        return staged;
    }

    /** The shipped instruction sets and datasets, without editor drafts or other hidden files. */
    private void stageWorkspace(Path input) throws BuildException {
        for (String folder : List.of("instructions", "datasets")) {
            Path src = root.resolve(folder);
            if (!Files.isDirectory(src)) {
                throw new BuildException("No " + folder + "/ folder in " + root);
            }
            Files2.copyTree(
                    src, input.resolve(folder), p -> !p.getFileName().toString().startsWith("."));
        }
    }

    private static String appName(List<String> args) throws BuildException {
        int i = args.indexOf("--name");
        if (i < 0 || i + 1 >= args.size()) {
            throw new BuildException("jlink/app.args must give --name");
        }
        return args.get(i + 1);
    }

    private static List<String> lines(Path file) throws BuildException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (Stream<String> s = Files.lines(file)) {
            return s.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BuildException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
