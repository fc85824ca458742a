package org.taew.core.util;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes a folder of results whole or not at all: the files go into a hidden sibling of the target,
 * {@code .<name>.partial-<random>} (same parent, so one file system), which is renamed to the
 * target only when every file is written. An older folder at the target is first renamed aside
 * ({@code .<name>.partial-<random>-replaced}) and deleted after. A run killed part-way leaves at
 * most hidden {@code .partial-} siblings, never a folder that looks finished; the next write of the
 * same target deletes them, and anything that lists folders skips hidden names.
 *
 * <p>The target is replaced whole, so an existing one must hold only what such a write produces
 * (the caller says which names those are): a user's folder with other files in it is refused before
 * anything is written, never emptied.
 */
public final class AtomicFolder {
    /** What follows {@code .<name>} in the name of an unfinished folder. */
    static final String PARTIAL = ".partial-";

    /** What follows an unfinished folder's name in the name of the folder it replaces. */
    static final String REPLACED = "-replaced";

    private static final int LISTED = 5;

    private AtomicFolder() {}

    /** Writes the folder's files into {@code dir} and returns them. */
    @FunctionalInterface
    public interface Writer {
        List<Path> write(Path dir) throws WorkbenchException, IOException;
    }

    /**
     * Runs {@code writer} against a fresh hidden sibling of {@code target}, then puts that in the
     * target's place; on any failure the sibling is deleted, the target is as it was and the error
     * propagates. Returns the files the writer wrote, as paths under {@code target}.
     *
     * @param ours whether a name in the folder's top level is one such a write produces: an
     *     existing target holding anything else is refused (see {@link #checkReplaceable})
     */
    public static List<Path> write(Path target, Predicate<String> ours, Writer writer)
            throws WorkbenchException {
        Path real = checkReplaceable(target, ours);
        Path parent = real.getParent();
        Path partial = null;
        boolean placed = false;
        try {
            Files.createDirectories(parent);
            removeStale(real);
            partial = create(real);
            List<Path> written = writer.write(partial);
            place(partial, real);
            placed = true;
            List<Path> out = new ArrayList<>();
            for (Path p : written) {
                out.add(p.startsWith(partial) ? target.resolve(partial.relativize(p)) : p);
            }
            return out;
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Could not write the folder " + target + ": " + e.getMessage(),
                    e);
        } finally {
            if (partial != null && !placed) {
                Folders.deleteTreeQuietly(partial);
            }
        }
    }

    /**
     * Stops with a message naming {@code target} and what is in the way unless the target can be
     * replaced: absent, or a folder holding only names {@code ours} accepts (and atomic writes'
     * leftover temporary files of them). Commands call it before long work, so a bad output folder
     * is reported before, not after, the work. Returns the folder to write: the target, made
     * absolute, or the folder it links to.
     */
    public static Path checkReplaceable(Path target, Predicate<String> ours)
            throws WorkbenchException {
        Path real = target.toAbsolutePath().normalize();
        try {
            if (Files.isSymbolicLink(real)) {
                real = real.toRealPath();
            }
            if (real.getParent() == null) {
                throw WorkbenchException.badInput(
                        "Cannot write results as " + target + ": name a folder inside it");
            }
            if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                return real;
            }
            if (!Files.isDirectory(real)) {
                throw WorkbenchException.badInput(
                        target + " is a file; expected a folder to write the results into");
            }
            List<String> foreign;
            try (Stream<Path> s = Files.list(real)) {
                foreign =
                        s.map(p -> p.getFileName().toString())
                                .filter(n -> !ours.test(n) && !isTemporaryOf(n, ours))
                                .sorted()
                                .toList();
            }
            if (!foreign.isEmpty()) {
                throw WorkbenchException.badInput(
                        target
                                + " holds "
                                + listed(foreign)
                                + ", which no earlier run of this kind wrote; the results replace"
                                + " the whole folder, so choose an empty or new folder, or one that"
                                + " holds only earlier results");
            }
            return real;
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot read " + target + ": " + e.getMessage(), e);
        }
    }

    /** Whether a name is {@link AtomicFiles}' temporary file of a name {@code ours} accepts. */
    private static boolean isTemporaryOf(String name, Predicate<String> ours) {
        if (!name.startsWith(".") || !name.endsWith(".tmp")) {
            return false;
        }
        String inner = name.substring(1, name.length() - ".tmp".length());
        int dot = inner.lastIndexOf('.');
        return dot > 0 && ours.test(inner.substring(0, dot));
    }

    private static String listed(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
        return names.size() > LISTED ? shown + " and " + (names.size() - LISTED) + " more" : shown;
    }

    /** A new empty hidden sibling of {@code target}, with the usual permissions of a folder. */
    private static Path create(Path target) throws IOException {
        while (true) {
            String random =
                    String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt());
            Path p = target.resolveSibling(prefix(target) + random);
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                // another random name
            }
        }
    }

    private static String prefix(Path target) {
        return "." + target.getFileName() + PARTIAL;
    }

    /** Deletes what killed writes of {@code target} left beside it. */
    private static void removeStale(Path target) throws IOException {
        String prefix = prefix(target);
        List<Path> stale;
        try (Stream<Path> s = Files.list(target.getParent())) {
            stale = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
        stale.forEach(Folders::deleteTreeQuietly);
    }

    /**
     * Renames the finished folder to the target; an existing target is renamed aside first (put
     * back if the second rename fails) and deleted after.
     */
    private static void place(Path partial, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            AtomicFiles.rename(partial, target);
            return;
        }
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(target));
        }
        Path aside = partial.resolveSibling(partial.getFileName() + REPLACED);
        AtomicFiles.rename(target, aside);
        try {
            AtomicFiles.rename(partial, target);
        } catch (IOException e) {
            try {
                AtomicFiles.rename(aside, target);
            } catch (IOException restoring) {
                e.addSuppressed(restoring);
            }
            throw e;
        }
        Folders.deleteTreeQuietly(aside);
    }
}
