package org.taew.core.util;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * An installed workbench (the jpackage image; its launchers pass {@code -Dtaew.installation=<app
 * folder>}). The install folder is read-only, so the user works in a copy: {@code <home>/workspace}
 * holds the shipped instruction sets and datasets, copied there on first start and kept up to date
 * like a package manager keeps configuration files: a shipped file the user never changed follows
 * the installed version; one the user edited stays as the user left it; one the user deleted is not
 * brought back. DJL's cache (the extracted native libraries) goes to {@code <home>/djl} instead of
 * {@code ~/.djl.ai}.
 */
public final class Installation {
    /** The system property the launchers set to the application folder. */
    public static final String PROPERTY = "taew.installation";

    static final String MANIFEST = ".taew-installed.properties";
    private static final String DJL_CACHE = "DJL_CACHE_DIR";
    private static volatile String djlCacheSetByUs;

    private Installation() {}

    /** The application folder when running from an installed image. */
    public static Optional<Path> folder() {
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? Optional.empty() : Optional.of(Path.of(p));
    }

    /**
     * Points DJL's cache at the per-user folder of an installed workbench, unless the user chose
     * one ({@code DJL_CACHE_DIR} in the environment or as a property): {@code <home>/djl}. Safe to
     * call again after the home folder changed.
     */
    public static void configureDjl(Path home) {
        configureDjl(home, System.getenv(DJL_CACHE));
    }

    static void configureDjl(Path home, String cacheFromEnvironment) {
        if (folder().isEmpty() || cacheFromEnvironment != null) {
            return;
        }
        String current = System.getProperty(DJL_CACHE);
        if (current != null && !current.equals(djlCacheSetByUs)) {
            return;
        }
        String dir = home.resolve("djl").toString();
        System.setProperty(DJL_CACHE, dir);
        djlCacheSetByUs = dir;
    }

    /** What {@link #updateUserWorkspace} did, file by file (relative paths). */
    public record Update(List<String> copied, List<String> updated, List<String> keptEdited) {}

    /**
     * Brings the user's workspace up to date with the installed one: copies shipped files it does
     * not have yet, replaces those the user never edited when the installed version changed, keeps
     * edited and deleted ones. Each file is written atomically; the record of what was installed
     * ({@value #MANIFEST}) is written last.
     */
    public static Update updateUserWorkspace(Path installed, Path user) throws WorkbenchException {
        Path manifestFile = user.resolve(MANIFEST);
        Properties manifest = new Properties();
        if (Files.isRegularFile(manifestFile)) {
            try (Reader in = Files.newBufferedReader(manifestFile, StandardCharsets.UTF_8)) {
                manifest.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO,
                        "Cannot read " + manifestFile + ": " + e.getMessage(),
                        e);
            }
        }
        List<String> copied = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        boolean changed = false;
        try {
            for (Path relative : ShippedFiles.list(installed)) {
                Path file = installed.resolve(relative);
                String rel = relative.toString().replace('\\', '/');
                Path target = user.resolve(rel);
                String shipped = Hashing.sha256Hex(file);
                String recorded = manifest.getProperty(rel);
                if (shipped.equals(recorded)) {
                    continue; // this version was already handed over (and maybe edited or deleted
                    // since)
                }
                if (!Files.exists(target)) {
                    if (recorded == null) {
                        copy(file, target);
                        copied.add(rel);
                    } // else: the user deleted a file we gave them; leave it deleted
                } else {
                    String mine = Hashing.sha256Hex(target);
                    if (mine.equals(shipped)) {
                        // already the same
                    } else if (mine.equals(recorded)) {
                        copy(file, target);
                        updated.add(rel);
                    } else {
                        kept.add(rel);
                        continue; // remember the old version: the user's edit is of that one
                    }
                }
                manifest.setProperty(rel, shipped);
                changed = true;
            }
        } catch (IOException | UncheckedIOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot set up the workspace "
                            + user
                            + " from "
                            + installed
                            + ": "
                            + e.getMessage(),
                    e);
        }
        if (changed) {
            StringWriter text = new StringWriter();
            try {
                manifest.store(
                        text,
                        "Shipped files handed over to this workspace (SHA-256 of the installed version)."
                                + " A file that still has that content follows later installed versions.");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            AtomicFiles.writeString(manifestFile, text.toString());
        }
        return new Update(copied, updated, kept);
    }

    private static void copy(Path from, Path to) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(from);
            AtomicFiles.write(to, out -> out.write(bytes));
        } catch (WorkbenchException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
