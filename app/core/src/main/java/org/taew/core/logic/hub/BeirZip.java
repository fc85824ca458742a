package org.taew.core.logic.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Unpacks one collection's folder out of a BEIR zip, safely (no entry lands outside it). */
final class BeirZip {
    private BeirZip() {}

    /**
     * Unpacks the entries under {@code <name>/} of the zip into {@code into}, refusing entries that
     * would land outside it.
     */
    static void unzip(Path zip, String name, Path into) throws IOException {
        Files.createDirectories(into);
        Path root = into.toAbsolutePath().normalize();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ClosedByInterruptException();
                }
                ZipEntry e = entries.nextElement();
                String n = e.getName();
                if (!n.startsWith(name + "/") || e.isDirectory()) {
                    continue; // __MACOSX/ and the like
                }
                Path out = root.resolve(n.substring(name.length() + 1)).normalize();
                if (!out.startsWith(root)) {
                    throw new ZipException("entry " + n + " points outside the dataset folder");
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
