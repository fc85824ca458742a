package org.taew.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFxJmodsTest {
    @TempDir Path dir;

    /** A small modular jar shaped like JavaFX's platform jars: classes plus top-level natives. */
    private Path platformJar() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("demo/fx"));
        Files.writeString(src.resolve("module-info.java"), "module demo.fx { exports demo.fx; }");
        Files.writeString(src.resolve("demo/fx/Api.java"), "package demo.fx; public class Api {}");
        Path classes = dir.resolve("classes");
        JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        int rc =
                javac.run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        src.resolve("module-info.java").toString(),
                        src.resolve("demo/fx/Api.java").toString());
        assertThat(rc).isZero();
        Files.writeString(classes.resolve("libglass.so"), "native");
        Files.writeString(classes.resolve("libglassgtk2.so"), "gtk2");
        Files.writeString(classes.resolve("demo.properties"), "k=v");
        Path jar = dir.resolve("demo-fx-17.0.13-linux.jar");
        ToolProvider.findFirst("jar")
                .orElseThrow()
                .run(
                        System.out,
                        System.err,
                        "--create",
                        "--file",
                        jar.toString(),
                        "-C",
                        classes.toString(),
                        ".");
        return jar;
    }

    @Test
    void nativesGoToTheJmodsLibSectionAndExcludedOnesAreLeftOut() throws Exception {
        Path jar = platformJar();
        Path plain = dir.resolve("demo-fx-17.0.13.jar"); // the classifier-less placeholder
        Files.copy(dir.resolve("classes/demo.properties"), dir.resolve("p.txt"));
        ToolProvider.findFirst("jar")
                .orElseThrow()
                .run(
                        System.out,
                        System.err,
                        "--create",
                        "--file",
                        plain.toString(),
                        "-C",
                        dir.toString(),
                        "p.txt");

        List<JavaFxJmods.FxModule> made =
                JavaFxJmods.create(
                        List.of(jar, plain),
                        Set.of("libglassgtk2.so"),
                        dir.resolve("jmods"),
                        dir.resolve("work"));

        assertThat(made).extracting(JavaFxJmods.FxModule::name).containsExactly("demo.fx");
        Path jmod = dir.resolve("jmods/demo.fx.jmod");
        Path listing = dir.resolve("listing.txt");
        java.io.StringWriter out = new java.io.StringWriter();
        ToolProvider.findFirst("jmod")
                .orElseThrow()
                .run(
                        new java.io.PrintWriter(out, true),
                        new java.io.PrintWriter(System.err),
                        "list",
                        jmod.toString());
        Files.writeString(listing, out.toString());
        try (Stream<String> lines = Files.lines(listing)) {
            assertThat(lines.toList())
                    .contains(
                            "lib/libglass.so",
                            "classes/demo/fx/Api.class",
                            "classes/demo.properties")
                    .doesNotContain("lib/libglassgtk2.so", "classes/libglass.so");
        }
        java.io.StringWriter desc = new java.io.StringWriter();
        ToolProvider.findFirst("jmod")
                .orElseThrow()
                .run(
                        new java.io.PrintWriter(desc, true),
                        new java.io.PrintWriter(System.err),
                        "describe",
                        jmod.toString());
        assertThat(desc.toString()).startsWith("demo.fx@17.0.13");
    }
}
