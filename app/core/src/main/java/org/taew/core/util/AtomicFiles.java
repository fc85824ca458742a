package org.taew.core.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Writes a file completely beside its target, then renames it into place, so readers never see half
 * a file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Receives the stream to write the file's content to. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) throws WorkbenchException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.write(out);
            }
            keepPermissions(target, temp);
            rename(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Could not write " + target + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Renames {@code from} (a file or a whole folder) to {@code to} in one step where the file
     * system can, else with a plain move: a reader sees the old name or the complete new one.
     */
    public static void rename(Path from, Path to, CopyOption... options) throws IOException {
        CopyOption[] atomic = Arrays.copyOf(options, options.length + 1);
        atomic[options.length] = StandardCopyOption.ATOMIC_MOVE;
        try {
            Files.move(from, to, atomic);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, options);
        }
    }

    /**
     * A temporary file is created readable by its owner only; the file it replaces keeps its
     * permissions, and a new file gets the usual rw-r--r--.
     */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> perms =
                Files.exists(target)
                        ? Files.getPosixFilePermissions(target)
                        : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temp, perms);
    }

    public static void writeString(Path target, String content) throws WorkbenchException {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}
