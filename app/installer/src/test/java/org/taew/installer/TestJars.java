package org.taew.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/** Small jars made in the tests with the JDK's own javac, jar and jmod. */
final class TestJars {
    private TestJars() {}

    /**
     * Compiles {@code files} (path, source, path, source…) from {@code dir/<name>-src} into {@code
     * dir/<name>}.
     */
    static Path compile(Path dir, String name, List<String> options, String... files)
            throws Exception {
        Path src = dir.resolve(name + "-src");
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-d", out.toString()));
        args.addAll(options);
        for (int i = 0; i < files.length; i += 2) {
            Path f = src.resolve(files[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, files[i + 1]);
            args.add(f.toString());
        }
        tool("javac", args.toArray(String[]::new));
        return out;
    }

    /** A jar of everything in {@code contents}. */
    static Path jar(Path jar, Path contents) {
        tool("jar", "--create", "--file", jar.toString(), "-C", contents.toString(), ".");
        return jar;
    }

    /** Runs a JDK tool, expects success, and returns what it printed. */
    static String tool(String name, String... args) {
        StringWriter out = new StringWriter();
        int rc =
                ToolProvider.findFirst(name)
                        .orElseThrow()
                        .run(
                                new PrintWriter(out, true),
                                new PrintWriter(
                                        new OutputStreamWriter(System.err, StandardCharsets.UTF_8),
                                        true),
                                args);
        assertThat(rc).as(name + " " + String.join(" ", args)).isZero();
        return out.toString();
    }
}
