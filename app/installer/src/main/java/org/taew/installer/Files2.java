package org.taew.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** File helpers whose failures are build errors naming the path. */
final class Files2 {
    private Files2() {}

    static void createDirectories(Path dir) throws BuildException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BuildException("Cannot create " + dir + ": " + e.getMessage());
        }
    }

    static List<Path> list(Path dir, String suffix) throws BuildException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BuildException("Cannot list " + dir + ": " + e.getMessage());
        }
    }

    static long size(Path p) throws BuildException {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(
                            f -> {
                                try {
                                    return Files.size(f);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            throw new BuildException("Cannot measure " + p + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path dir) throws BuildException {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(
                    dir,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes a)
                                throws IOException {
                            Files.delete(f);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path d, IOException e)
                                throws IOException {
                            Files.delete(d);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new BuildException("Cannot delete " + dir + ": " + e.getMessage());
        }
    }

    /** Copies a tree, skipping files and folders that {@code keep} rejects. */
    static void copyTree(Path src, Path dest, Predicate<Path> keep) throws BuildException {
        try {
            Files.walkFileTree(
                    src,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
                                throws IOException {
                            if (!d.equals(src) && !keep.test(d)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            Files.createDirectories(dest.resolve(src.relativize(d).toString()));
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes a)
                                throws IOException {
                            if (keep.test(f)) {
                                Files.copy(f, dest.resolve(src.relativize(f).toString()));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new BuildException("Cannot copy " + src + " to " + dest + ": " + e.getMessage());
        }
    }
}
