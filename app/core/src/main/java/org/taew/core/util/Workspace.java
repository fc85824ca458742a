package org.taew.core.util;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder holding {@code instructions/} and {@code datasets/}: the system property {@code
 * taew.workspace}, else the environment variable {@code TAEW_WORKSPACE}, else the working directory
 * or the nearest parent of it that has both folders; in an installed workbench, else, the user's
 * copy {@code <home>/workspace} of the shipped folders (see {@link Installation}); else the nearest
 * such parent of the running jar.
 */
public final class Workspace {
    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    public static Workspace at(Path root) {
        return new Workspace(root);
    }

    public static Workspace locate() throws WorkbenchException {
        String prop = System.getProperty("taew.workspace");
        if (prop == null || prop.isBlank()) {
            prop = System.getenv("TAEW_WORKSPACE");
        }
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            if (!isWorkspace(p)) {
                throw WorkbenchException.badInput(
                        p
                                + " (taew.workspace / TAEW_WORKSPACE) has no instructions/ and datasets/ folders");
            }
            return new Workspace(p);
        }
        Path found = search(Path.of("").toAbsolutePath());
        if (found == null && Installation.folder().isPresent()) {
            Path user = WorkbenchHome.resolve().resolve("workspace");
            Installation.updateUserWorkspace(Installation.folder().get(), user);
            return new Workspace(user);
        }
        if (found == null) {
            try {
                Path jar =
                        Path.of(
                                Workspace.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI());
                found = search(jar.toAbsolutePath());
            } catch (URISyntaxException | RuntimeException e) {
                found = null;
            }
        }
        if (found == null) {
            throw WorkbenchException.badInput(
                    "Cannot find the instructions/ and datasets/ folders: run from the workbench folder, or set"
                            + " TAEW_WORKSPACE");
        }
        return new Workspace(found);
    }

    private static Path search(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (isWorkspace(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean isWorkspace(Path p) {
        return Files.isDirectory(p.resolve("instructions"))
                && Files.isDirectory(p.resolve("datasets"));
    }

    public Path root() {
        return root;
    }

    public Path instructions() {
        return root.resolve("instructions");
    }

    public Path datasets() {
        return root.resolve("datasets");
    }
}
