package org.taew.core.util;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Whole folders: deleted with everything in them, or copied. */
public final class Folders {
    /** Files this large or larger are hard links in a {@link #linkOrCopy} copy where possible. */
    public static final long LINK_FROM_BYTES = 1L << 20;

    private Folders() {}

    /** What {@link #linkOrCopy} did: files hard-linked, files copied, and their bytes. */
    public record Copied(int linked, int copied, long bytes) {}

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

    /**
     * Copies the folder {@code from} into the existing empty folder {@code to}, following symbolic
     * links (a Hugging Face cache snapshot is links to blobs) and leaving out hidden entries (names
     * starting with a dot: markers, {@code .git}, {@code .cache}). A file of {@value
     * #LINK_FROM_BYTES} bytes or more (weights) becomes a hard link to the original where the file
     * system allows one, else a copy; smaller files are always copies, so that editing one never
     * changes the original. Stops with an {@link InterruptedIOException} when the thread is
     * interrupted.
     */
    public static Copied linkOrCopy(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
            all = walk.filter(p -> !hidden(from.relativize(p))).toList();
        }
        int linked = 0;
        int copied = 0;
        long bytes = 0;
        for (Path p : all) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while copying " + from);
            }
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else if (Files.isRegularFile(p)) {
                long size = Files.size(p);
                if (link(p.toRealPath(), target, size)) {
                    linked++;
                } else {
                    copied++;
                }
                bytes += size;
            }
        }
        return new Copied(linked, copied, bytes);
    }

    /** Whether a name of the relative path {@code rel} starts with a dot. */
    private static boolean hidden(Path rel) {
        for (Path name : rel) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** A hard link from {@code target} to {@code source} when large and allowed, else a copy. */
    private static boolean link(Path source, Path target, long size) throws IOException {
        if (size >= LINK_FROM_BYTES) {
            try {
                Files.createLink(target, source);
                return true;
            } catch (UnsupportedOperationException | IOException e) {
                // another file system, or links not allowed: copied below
                Files.deleteIfExists(target);
            }
        }
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        return false;
    }
}
