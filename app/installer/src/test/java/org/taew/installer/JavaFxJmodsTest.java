package org.taew.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFxJmodsTest {
    @TempDir Path dir;

    /** A small modular jar shaped like JavaFX's platform jars: classes plus top-level natives. */
    private Path platformJar() throws Exception {
        Path classes =
                TestJars.compile(
                        dir,
                        "classes",
                        List.of(),
                        "module-info.java",
                        "module demo.fx { exports demo.fx; }",
                        "demo/fx/Api.java",
                        "package demo.fx; public class Api {}");
        Files.writeString(classes.resolve("libglass.so"), "native");
        Files.writeString(classes.resolve("libglassgtk2.so"), "gtk2");
        Files.writeString(classes.resolve("demo.properties"), "k=v");
        return TestJars.jar(dir.resolve("demo-fx-17.0.13-linux.jar"), classes);
    }

    @Test
    void nativesGoToTheJmodsLibSectionAndExcludedOnesAreLeftOut() throws Exception {
        Path jar = platformJar();
        Path placeholder = dir.resolve("placeholder"); // the classifier-less jar: no classes
        Files.createDirectories(placeholder);
        Files.writeString(placeholder.resolve("p.txt"), "k=v");
        Path plain = TestJars.jar(dir.resolve("demo-fx-17.0.13.jar"), placeholder);

        List<JavaFxJmods.FxModule> made =
                JavaFxJmods.create(
                        List.of(jar, plain),
                        Set.of("libglassgtk2.so"),
                        dir.resolve("jmods"),
                        dir.resolve("work"));

        assertThat(made).extracting(JavaFxJmods.FxModule::name).containsExactly("demo.fx");
        Path jmod = dir.resolve("jmods/demo.fx.jmod");
        assertThat(TestJars.tool("jmod", "list", jmod.toString()).lines().toList())
                .contains("lib/libglass.so", "classes/demo/fx/Api.class", "classes/demo.properties")
                .doesNotContain("lib/libglassgtk2.so", "classes/libglass.so");
        assertThat(TestJars.tool("jmod", "describe", jmod.toString()))
                .startsWith("demo.fx@17.0.13");
    }
}
