package org.taew.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;

/**
 * A private copy of the project's instructions/ and the helpdesk-mini dataset, and a fresh home
 * whose models/ points at the shared test home's extracted models (no second extraction).
 */
public final class TestWorkspace {
    private TestWorkspace() {}

    public static Path project() {
        Path p = Path.of(System.getProperty("taew.workspace", "../..")).toAbsolutePath();
        return p.normalize();
    }

    public static WorkbenchContext create(Path dir) throws IOException {
        Path ws = dir.resolve("workspace");
        copy(project().resolve("instructions"), ws.resolve("instructions"));
        copy(project().resolve("datasets/helpdesk-mini"), ws.resolve("datasets/helpdesk-mini"));
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Path shared = WorkbenchHome.models();
        Files.createDirectories(shared);
        Files.createSymbolicLink(home.resolve("models"), shared.toAbsolutePath());
        return new WorkbenchContext(Workspace.at(ws), home);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
