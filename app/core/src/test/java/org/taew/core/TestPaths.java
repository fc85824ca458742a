package org.taew.core;

import java.nio.file.Files;
import java.nio.file.Path;
import org.taew.core.testing.ShippedWorkspace;

/** Where the project's files are during tests. */
public final class TestPaths {
    private TestPaths() {}

    /** The repository root (Maven passes it as taew.project). */
    public static Path project() {
        return ShippedWorkspace.project();
    }

    /**
     * The shipped instructions/ and datasets/ (git's version, never the user's edits or drafts):
     * see {@link ShippedWorkspace}.
     */
    public static Path workspace() {
        return ShippedWorkspace.root();
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
