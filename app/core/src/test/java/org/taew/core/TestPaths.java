package org.taew.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's files are during tests. */
public final class TestPaths {
    private TestPaths() {}

    /**
     * The repository root (Maven passes it as taew.project.dir; else found from the working
     * directory).
     */
    public static Path project() {
        String p = System.getProperty("taew.project.dir");
        if (p != null) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("instructions"))
                    && Files.isDirectory(d.resolve("datasets"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the project root");
    }

    /**
     * The STS-Benchmark test file in ../shared, or null when the shared folder is not beside the
     * project.
     */
    public static Path stsBenchmarkTest() {
        Path p =
                project().resolve("../shared/reference-data/stsbenchmark/sts-test.csv").normalize();
        return Files.isRegularFile(p) ? p : null;
    }
}
