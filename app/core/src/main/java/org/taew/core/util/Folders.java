package org.taew.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Whole folders: deleted with everything in them. */
public final class Folders {
    private Folders() {}

    /** Deletes {@code dir} and all in it; nothing when it is absent. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.delete(p);
        }
    }

    /**
     * {@link #deleteTree} for clean-up after another failure (the one to report) or of leftovers a
     * later run replaces anyway: what cannot be deleted stays, the rest goes.
     */
    public static void deleteTreeQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // the caller's own outcome is the one that matters
        }
    }
}
