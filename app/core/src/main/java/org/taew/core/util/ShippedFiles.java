package org.taew.core.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which files of a workspace are the workbench's own content: the regular files under {@code
 * instructions/} and {@code datasets/} whose path has no hidden part. Hidden files are the user's
 * or a tool's, never shipped: the instruction editor's drafts ({@code .e5.yaml.autosave}), an
 * atomic write's temporary file, an import's half-written folder, a folder of results still being
 * written or left by a killed run ({@link AtomicFolder}: {@code .<name>.partial-<random>}), {@code
 * .git}. An installed workbench copies and updates exactly these; the tests read exactly these.
 */
public final class ShippedFiles {
    /** The workspace folders that hold shipped content. */
    public static final List<String> FOLDERS = List.of("instructions", "datasets");

    private ShippedFiles() {}

    /** Whether a path relative to the workspace root names shipped content. */
    public static boolean isShipped(Path relative) {
        if (relative.getNameCount() < 2 || !FOLDERS.contains(relative.getName(0).toString())) {
            return false;
        }
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** The shipped files under {@code root}, relative to it, sorted; missing folders add none. */
    public static List<Path> list(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile)
                        .map(root::relativize)
                        .filter(ShippedFiles::isShipped)
                        .sorted()
                        .forEach(files::add);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return files;
    }
}
