package org.taew.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleDepsTest {
    @TempDir Path dir;

    private Path compile(String name, List<String> options, String... files) throws Exception {
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
        int rc =
                javax.tools.ToolProvider.getSystemJavaCompiler()
                        .run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).isZero();
        return out;
    }

    private Path jar(Path classes) {
        Path jar = dir.resolve(classes.getFileName() + ".jar");
        int rc =
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
        assertThat(rc).isZero();
        return jar;
    }

    @Test
    void findsThePlatformModulesEvenWhenAModularJarRequiresAModuleThatIsNotThere()
            throws Exception {
        Path plain =
                jar(
                        compile(
                                "plain",
                                List.of(),
                                "a/UsesSql.java",
                                "package a; public class UsesSql { java.sql.Connection c; }"));
        // like commons-compress: a module descriptor naming a module the application does not ship
        Path absent =
                compile(
                        "absent",
                        List.of(),
                        "module-info.java",
                        "module absent.module { exports x; }",
                        "x/X.java",
                        "package x; public class X {}");
        Path needy =
                jar(
                        compile(
                                "needy",
                                List.of("--module-path", absent.toString()),
                                "module-info.java",
                                "module needy { requires absent.module; requires java.desktop; exports b; }",
                                "b/UsesAwt.java",
                                "package b; public class UsesAwt { java.awt.Point p; }"));

        Set<String> modules =
                ModuleDeps.of(List.of(plain, needy), List.of(), dir.resolve("scratch"));

        assertThat(modules)
                .contains("java.sql", "java.desktop")
                .doesNotContain("absent.module", "needy");
    }
}
