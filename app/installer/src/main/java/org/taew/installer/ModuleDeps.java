package org.taew.installer;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The platform modules the application's jars use, as jdeps finds them. Modular jars go to jdeps as
 * plain jars (their {@code module-info} dropped in a scratch copy): the application runs on the
 * class path, and a module whose optional {@code requires} are absent would stop jdeps' resolution.
 */
public final class ModuleDeps {
    private ModuleDeps() {}

    public static Set<String> of(List<Path> jars, List<Path> modulePath, Path scratch)
            throws BuildException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--multi-release",
                                Integer.toString(Runtime.version().feature()),
                                "--ignore-missing-deps",
                                "--print-module-deps"));
        if (!modulePath.isEmpty()) {
            args.add("--module-path");
            args.add(
                    modulePath.stream()
                            .map(Path::toString)
                            .collect(Collectors.joining(File.pathSeparator)));
        }
        try {
            Files.createDirectories(scratch);
            for (Path jar : jars) {
                Path input = forJdeps(jar, scratch);
                if (input != null) {
                    args.add(input.toString());
                }
            }
        } catch (IOException e) {
            throw new BuildException("Cannot prepare jars for jdeps: " + e.getMessage());
        }
        String out = Tools.run("jdeps", args).strip();
        String last = out.substring(out.lastIndexOf('\n') + 1).strip();
        if (last.isEmpty() || !last.matches("[\\w.]+(,[\\w.]+)*")) {
            throw new BuildException("Unexpected jdeps output: " + out);
        }
        return new TreeSet<>(Arrays.asList(last.split(",")));
    }

    /**
     * What jdeps reads for {@code jar}: nothing (null) for a jar without classes (the models), the
     * jar itself, or for a modular jar a scratch copy of its classes without the module-info.
     */
    private static Path forJdeps(Path jar, Path scratch) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.stream().noneMatch(e -> e.getName().endsWith(".class"))) {
                return null;
            }
            if (zip.stream().noneMatch(e -> isModuleInfo(e.getName()))) {
                return jar;
            }
            Path copy = scratch.resolve(jar.getFileName());
            try (OutputStream os = Files.newOutputStream(copy);
                    ZipOutputStream out = new ZipOutputStream(os)) {
                for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                    ZipEntry e = en.nextElement();
                    if (isModuleInfo(e.getName())
                            || (!e.getName().endsWith(".class")
                                    && !e.getName().equals("META-INF/MANIFEST.MF"))) {
                        continue;
                    }
                    out.putNextEntry(new ZipEntry(e.getName()));
                    try (InputStream in = zip.getInputStream(e)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            return copy;
        }
    }

    private static boolean isModuleInfo(String name) {
        return name.equals("module-info.class") || name.endsWith("/module-info.class");
    }
}
