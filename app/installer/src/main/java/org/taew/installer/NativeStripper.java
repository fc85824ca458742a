package org.taew.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar without the native libraries of other platforms. A rule names a folder that holds
 * one sub-folder per platform (ONNX Runtime's {@code ai/onnxruntime/native/}) and the sub-folders
 * this platform keeps ({@code linux-x64}); every other sub-folder of it that holds no classes is
 * left out. Sub-folders with classes are Java packages (JNA's {@code com/sun/jna/win32/}) and stay.
 * A jar that matches a rule but has none of the kept sub-folders is an error: stripping it would
 * leave this platform without its library.
 */
public final class NativeStripper {
    private final Map<String, Set<String>> rules;

    /**
     * @param rules folder prefix (ending in {@code /}) → platform sub-folders to keep
     */
    public NativeStripper(Map<String, Set<String>> rules) {
        this.rules = new LinkedHashMap<>(rules);
    }

    /** What stripping did to one jar. */
    public record Result(
            Path jar, long bytesBefore, long bytesAfter, int entriesRemoved, Set<String> removed) {
        public boolean changed() {
            return entriesRemoved > 0;
        }
    }

    /** Reads rules from a properties-style file: {@code folder/ = kept,kept}. */
    public static NativeStripper fromFile(Path file) throws BuildException {
        Map<String, Set<String>> rules = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BuildException("Cannot read " + file + ": " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            String value = eq < 0 ? "" : line.substring(eq + 1).strip();
            if (!key.endsWith("/") || value.isEmpty()) {
                throw new BuildException(
                        file
                                + ":"
                                + (i + 1)
                                + ": expected \"folder/ = platform-folder[,platform-folder…]\""
                                + " (a folder path ending in / and at least one folder to keep),"
                                + " found \""
                                + line
                                + "\"");
            }
            Set<String> kept = new LinkedHashSet<>();
            for (String k : value.split(",")) {
                if (!k.isBlank()) {
                    kept.add(k.strip());
                }
            }
            rules.put(key, kept);
        }
        return new NativeStripper(rules);
    }

    /**
     * Writes {@code source} to {@code target}, leaving out other platforms' libraries; a jar no
     * rule applies to is copied unchanged.
     */
    public Result strip(Path source, Path target) throws BuildException {
        long before = size(source);
        Set<String> drop = new TreeSet<>();
        try (ZipFile zip = new ZipFile(source.toFile())) {
            Map<String, Map<String, Boolean>> platformFolders = new LinkedHashMap<>();
            String signature = null;
            boolean underRule = false;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                if (name.startsWith("META-INF/") && isSignature(name)) {
                    signature = name;
                }
                for (String prefix : rules.keySet()) {
                    underRule |= name.startsWith(prefix);
                    if (name.startsWith(prefix) && name.length() > prefix.length()) {
                        String rest = name.substring(prefix.length());
                        int slash = rest.indexOf('/');
                        if (slash <= 0) {
                            continue;
                        }
                        String folder = rest.substring(0, slash);
                        Map<String, Boolean> folders =
                                platformFolders.computeIfAbsent(prefix, k -> new LinkedHashMap<>());
                        boolean hasClass = name.endsWith(".class");
                        folders.merge(folder, hasClass, Boolean::logicalOr);
                    }
                }
            }
            if (signature != null && underRule) {
                throw new BuildException(
                        source
                                + " is signed ("
                                + signature
                                + "); removing entries would break its signature");
            }
            for (Map.Entry<String, Map<String, Boolean>> p : platformFolders.entrySet()) {
                Set<String> kept = rules.get(p.getKey());
                Map<String, Boolean> nativeOnly = new LinkedHashMap<>();
                p.getValue().forEach((folder, hasClass) -> nativeOnly.put(folder, !hasClass));
                boolean anyNative = nativeOnly.values().stream().anyMatch(b -> b);
                if (!anyNative) {
                    continue;
                }
                boolean keepsOne = kept.stream().anyMatch(nativeOnly::containsKey);
                if (!keepsOne) {
                    throw new BuildException(
                            source.getFileName()
                                    + " has native folders "
                                    + nativeOnly.keySet()
                                    + " under "
                                    + p.getKey()
                                    + " but none of the kept ones "
                                    + kept
                                    + "; check the natives rule for this platform");
                }
                nativeOnly.forEach(
                        (folder, isNative) -> {
                            if (isNative && !kept.contains(folder)) {
                                drop.add(p.getKey() + folder + "/");
                            }
                        });
            }
            if (drop.isEmpty()) {
                copy(source, target);
                return new Result(target, before, size(target), 0, Set.of());
            }
            int removed = 0;
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp);
                    ZipOutputStream out = new ZipOutputStream(os)) {
                for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                    ZipEntry e = en.nextElement();
                    if (drop.stream().anyMatch(d -> e.getName().startsWith(d))) {
                        removed++;
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTime(e.getTime());
                    if (e.getComment() != null) {
                        copy.setComment(e.getComment());
                    }
                    out.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(e)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            return new Result(target, before, size(target), removed, drop);
        } catch (IOException e) {
            throw new BuildException("Cannot rewrite " + source + ": " + e.getMessage());
        }
    }

    private static boolean isSignature(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC");
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long size(Path p) throws BuildException {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new BuildException("Cannot read " + p + ": " + e.getMessage());
        }
    }

    /** The rules, for the build report. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        rules.forEach((k, v) -> out.add(k + " keeps " + String.join(", ", v)));
        return out;
    }
}
