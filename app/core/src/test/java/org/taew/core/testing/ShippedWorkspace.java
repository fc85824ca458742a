package org.taew.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.taew.core.util.ShippedFiles;

/**
 * The project's shipped {@code instructions/} and {@code datasets/} for tests, never what a user
 * did in the working tree: the workbench run from a clone saves edits, drafts ({@code
 * .e5.yaml.autosave}) and new instruction sets right there. In a git checkout the files are taken
 * as git's index has them (committed, or staged with {@code git add}), so an unstaged edit or an
 * untracked file changes nothing; elsewhere (a source archive) the working tree's shipped files
 * ({@link ShippedFiles}) are copied. Materialised once per test JVM under the project's {@code
 * target/}; tests that write copy it first ({@link #copy}).
 */
public final class ShippedWorkspace {
    /** The system property that names the repository root (set by the build). */
    public static final String PROJECT_PROPERTY = "taew.project";

    private static Path root;

    private ShippedWorkspace() {}

    /** The repository root. */
    public static Path project() {
        String p = System.getProperty(PROJECT_PROPERTY);
        if (p == null || p.isBlank()) {
            throw new IllegalStateException(
                    "the system property "
                            + PROJECT_PROPERTY
                            + " (the repository root) is not set");
        }
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** A workspace root holding the shipped instructions/ and datasets/; do not write into it. */
    public static synchronized Path root() {
        if (root == null) {
            try {
                Path target = project().resolve("target");
                Files.createDirectories(target);
                Path holder = Files.createTempDirectory(target, "shipped-");
                Path dir = holder.resolve("workspace");
                export(project(), dir);
                // what lies beside the project (../shared: the reference data) lies beside the copy
                Path shared = project().resolveSibling("shared");
                if (Files.isDirectory(shared)) {
                    Files.createSymbolicLink(holder.resolve("shared"), shared);
                }
                root = dir;
            } catch (IOException e) {
                throw new IllegalStateException("Cannot set up the shipped workspace: " + e, e);
            }
        }
        return root;
    }

    /**
     * Another file of the project (e.g. {@code docs/dataset-results.md}) in the same version as the
     * shipped folders: git's, or the working tree's outside a checkout.
     */
    public static synchronized Path file(String relative) throws IOException {
        Path t = root().resolve(relative);
        if (!Files.exists(t)) {
            if (gitFiles(project()) == null) {
                Files.createDirectories(t.getParent());
                Files.copy(project().resolve(relative), t);
            } else {
                byte[] name = (relative + "\0").getBytes(StandardCharsets.UTF_8);
                git(project(), name, "checkout-index", "-z", "--stdin", "--prefix=" + root + "/");
            }
        }
        return t;
    }

    /** Copies a shipped folder (e.g. {@code datasets/helpdesk-mini}) to {@code to}. */
    public static void copy(String folder, Path to) throws IOException {
        copyTree(root().resolve(folder), to);
    }

    /** Copies a folder tree (of any file system, e.g. a jar's) to {@code to}. */
    public static void copyTree(Path from, Path to) throws IOException {
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

    /** Removes the materialised copy (at the end of the test run). */
    static synchronized void delete() throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(root.getParent())) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        root = null;
    }

    static void export(Path project, Path dir) throws IOException {
        List<String> tracked = gitFiles(project);
        if (tracked == null) {
            for (Path rel : ShippedFiles.list(project)) {
                Path t = dir.resolve(rel.toString());
                Files.createDirectories(t.getParent());
                Files.copy(project.resolve(rel), t);
            }
            return;
        }
        List<String> shipped = new ArrayList<>();
        for (String f : tracked) {
            if (ShippedFiles.isShipped(Path.of(f))) {
                shipped.add(f);
            }
        }
        byte[] names = String.join("\0", shipped).concat("\0").getBytes(StandardCharsets.UTF_8);
        git(project, names, "checkout-index", "-z", "--stdin", "--prefix=" + dir + "/");
    }

    /** The files git tracks under the shipped folders, or null when this is no git checkout. */
    private static List<String> gitFiles(Path project) throws IOException {
        String top;
        try {
            top =
                    new String(
                                    git(project, null, "rev-parse", "--show-toplevel"),
                                    StandardCharsets.UTF_8)
                            .strip();
        } catch (IOException e) {
            return null; // no git, or not a checkout
        }
        if (!Path.of(top).toRealPath().equals(project.toRealPath())) {
            return null; // the project lies inside some other repository
        }
        List<String> args = new ArrayList<>(List.of("ls-files", "-z", "--"));
        args.addAll(ShippedFiles.FOLDERS);
        String out =
                new String(git(project, null, args.toArray(new String[0])), StandardCharsets.UTF_8);
        List<String> files = new ArrayList<>();
        for (String f : out.split("\0")) {
            if (!f.isEmpty()) {
                files.add(f);
            }
        }
        return files;
    }

    private static byte[] git(Path dir, byte[] input, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input);
            }
        }
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + args[0] + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " exited " + p.exitValue());
        }
        return out;
    }
}
