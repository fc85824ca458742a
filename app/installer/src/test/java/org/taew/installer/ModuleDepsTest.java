package org.taew.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleDepsTest {
    @TempDir Path dir;

    private Path compile(String name, List<String> options, String... files) throws Exception {
        return TestJars.compile(dir, name, options, files);
    }

    private Path jar(Path classes) {
        return TestJars.jar(dir.resolve(classes.getFileName() + ".jar"), classes);
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
