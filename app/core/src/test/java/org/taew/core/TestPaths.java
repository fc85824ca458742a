package org.taew.core;

import java.nio.file.Files;
import java.nio.file.Path;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.Workspace;

/** Where the project's files are during tests. */
public final class TestPaths {
    private TestPaths() {}

    /** The repository root: the workspace (Maven passes it as taew.workspace). */
    public static Path project() {
        try {
            return Workspace.locate().root();
        } catch (WorkbenchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
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
