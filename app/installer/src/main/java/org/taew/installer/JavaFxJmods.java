package org.taew.installer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Turns JavaFX's platform jars from Maven Central into jmods, so that jlink links JavaFX like a JDK
 * module: its native libraries land in the runtime's {@code lib/} (where JavaFX loads them, nothing
 * is extracted to the user's home at run time) and jpackage sees what they link against when it
 * computes the package's dependencies. Listed native files (GTK 2's glass, the SWT bridge) are left
 * out.
 */
public final class JavaFxJmods {
    private static final Pattern VERSION =
            Pattern.compile("-(\\d+(?:\\.\\d+)*)-(?:linux|mac|win)[^/]*\\.jar$");

    private JavaFxJmods() {}

    /** The JavaFX modules made: name and the platform jar it came from. */
    public record FxModule(String name, Path jar) {}

    /** One jmod per modular jar in {@code jars}. */
    public static List<FxModule> create(
            List<Path> jars, Set<String> excluded, Path jmodsDir, Path scratch)
            throws BuildException {
        List<FxModule> modules = new ArrayList<>();
        try {
            Files.createDirectories(jmodsDir);
            for (Path jar : jars) {
                Optional<String> name = moduleName(jar);
                if (name.isEmpty()) {
                    continue; // the classifier-less placeholder jars hold no classes
                }
                Path work = scratch.resolve(name.get());
                Path classes = work.resolve("classes");
                Path libs = work.resolve("libs");
                Files.createDirectories(classes);
                Files.createDirectories(libs);
                unpack(jar, classes, libs, excluded);
                Path jmod = jmodsDir.resolve(name.get() + ".jmod");
                Files.deleteIfExists(jmod);
                List<String> args =
                        new ArrayList<>(List.of("create", "--class-path", classes.toString()));
                if (hasFiles(libs)) {
                    args.addAll(List.of("--libs", libs.toString()));
                }
                Matcher m = VERSION.matcher(jar.getFileName().toString());
                if (m.find()) {
                    args.addAll(List.of("--module-version", m.group(1)));
                }
                args.add(jmod.toString());
                Tools.run("jmod", args);
                modules.add(new FxModule(name.get(), jar));
            }
        } catch (IOException e) {
            throw new BuildException(
                    "Cannot make JavaFX jmods in " + jmodsDir + ": " + e.getMessage());
        }
        if (modules.isEmpty()) {
            throw new BuildException(
                    "No JavaFX platform jar (javafx-*-linux.jar or similar) among " + jars);
        }
        return modules;
    }

    static Optional<String> moduleName(Path jar) {
        Set<ModuleReference> refs;
        try {
            refs = ModuleFinder.of(jar).findAll();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return refs.stream()
                .map(ModuleReference::descriptor)
                .filter(d -> !d.isAutomatic())
                .map(ModuleDescriptor::name)
                .findFirst();
    }

    private static void unpack(Path jar, Path classes, Path libs, Set<String> excluded)
            throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                if (e.isDirectory() || name.startsWith("META-INF/")) {
                    continue; // the manifest and GraalVM's substrate hints have no place in a jmod
                }
                boolean topLevel = name.indexOf('/') < 0;
                if (topLevel && excluded.contains(name)) {
                    continue;
                }
                boolean nativeLib =
                        topLevel
                                && (name.endsWith(".so")
                                        || name.endsWith(".dll")
                                        || name.endsWith(".dylib"));
                Path dest = (nativeLib ? libs : classes).resolve(name).normalize();
                if (!dest.startsWith(nativeLib ? libs : classes)) {
                    throw new IOException(jar + " has an entry outside its folder: " + name);
                }
                Files.createDirectories(dest.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, dest);
                }
            }
        }
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }
}
