package org.taew.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFolderTest {
    private static final Predicate<String> OURS =
            Set.of("results.json", "run.trec", "sub")::contains;

    @TempDir Path tmp;

    /** Every file under {@code dir}, relative, with its content. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A write whose writer puts half a file into its folder, then fails with {@code failure}. */
    private static ThrowingCallable failingWrite(Path target, Exception failure) {
        return () ->
                AtomicFolder.write(
                        target,
                        OURS,
                        dir -> {
                            Files.writeString(dir.resolve("results.json"), "{\"half");
                            if (failure instanceof RuntimeException r) {
                                throw r;
                            }
                            if (failure instanceof WorkbenchException w) {
                                throw w;
                            }
                            throw (IOException) failure;
                        });
    }

    private Path oldFolder() throws IOException {
        Path target = tmp.resolve("out");
        Files.createDirectories(target.resolve("sub"));
        Files.writeString(target.resolve("results.json"), "old");
        Files.writeString(target.resolve("run.trec"), "old run");
        Files.writeString(target.resolve("sub/deep.txt"), "old deep");
        return target;
    }

    @Test
    void theWriterWritesIntoAHiddenSiblingAndTheFolderAppearsWhenItIsDone() throws Exception {
        Path target = tmp.resolve("out");
        List<Path> written =
                AtomicFolder.write(
                        target,
                        OURS,
                        dir -> {
                            assertThat(dir.getParent()).isEqualTo(target.getParent());
                            assertThat(dir.getFileName().toString()).startsWith(".out.partial-");
                            assertThat(target).doesNotExist();
                            AtomicFiles.writeString(dir.resolve("results.json"), "new");
                            AtomicFiles.writeString(dir.resolve("sub/deep.txt"), "deep");
                            return List.of(
                                    dir.resolve("results.json"), dir.resolve("sub/deep.txt"));
                        });
        assertThat(written)
                .containsExactly(target.resolve("results.json"), target.resolve("sub/deep.txt"));
        assertThat(contents(target))
                .isEqualTo(Map.of("results.json", "new", "sub/deep.txt", "deep"));
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void successReplacesTheOldFolderWhole() throws Exception {
        Path target = oldFolder();
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        }
        AtomicFolder.write(
                target,
                OURS,
                dir -> {
                    // the old folder is whole while the new one is written
                    assertThat(contents(target)).containsEntry("results.json", "old");
                    AtomicFiles.writeString(dir.resolve("results.json"), "new");
                    return List.of(dir.resolve("results.json"));
                });
        // nothing of the old folder is left: its run file is not beside the new results
        assertThat(contents(target)).isEqualTo(Map.of("results.json", "new"));
        assertThat(names(tmp)).containsExactly("out");
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aWriterThatFailsLeavesTheOldFolderUntouchedAndNoPartial() throws Exception {
        Path target = oldFolder();
        Map<String, String> before = contents(target);
        WorkbenchException failure = WorkbenchException.badInput("broken on purpose");
        assertThatThrownBy(failingWrite(target, failure)).isSameAs(failure);
        assertThat(contents(target)).isEqualTo(before);
        assertThat(names(tmp)).containsExactly("out");

        assertThatThrownBy(failingWrite(target, new IllegalStateException("a bug")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(contents(target)).isEqualTo(before);
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void aFailureOnTheFirstWriteLeavesNoFolderAtAll() {
        Path target = tmp.resolve("results/out");
        assertThatThrownBy(failingWrite(target, new IOException("disk full")))
                .isInstanceOf(WorkbenchException.class)
                .hasMessage("Could not write the folder " + target + ": disk full");
        assertThat(target).doesNotExist();
        assertThat(tmp.resolve("results")).isEmptyDirectory();
    }

    @Test
    void staleSiblingsOfTheSameTargetAreRemovedAtTheNextWrite() throws Exception {
        Path target = oldFolder();
        // what killed runs left: a half-written folder, and a replaced one not yet deleted
        Files.createDirectories(tmp.resolve(".out.partial-0badf00d"));
        Files.writeString(tmp.resolve(".out.partial-0badf00d/results.json"), "killed");
        Files.createDirectories(tmp.resolve(".out.partial-12345678-replaced/sub"));
        // another target's leftovers and the user's own hidden folder are not this write's
        Files.createDirectories(tmp.resolve(".other.partial-0badf00d"));
        Files.createDirectories(tmp.resolve(".out-notes"));
        AtomicFolder.write(
                target,
                OURS,
                dir -> {
                    Files.writeString(dir.resolve("results.json"), "new");
                    return List.of();
                });
        assertThat(names(tmp)).containsExactly(".other.partial-0badf00d", ".out-notes", "out");
        assertThat(contents(target)).isEqualTo(Map.of("results.json", "new"));
    }

    @Test
    void aFolderHoldingOtherFilesIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path target = oldFolder();
        Files.writeString(target.resolve("notes.txt"), "mine");
        Files.createDirectories(target.resolve(".git"));
        Map<String, String> before = contents(target);
        assertThatThrownBy(
                        () ->
                                AtomicFolder.write(
                                        target,
                                        OURS,
                                        dir -> {
                                            throw new AssertionError("the writer must not run");
                                        }))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith(target + " holds .git, notes.txt, which no earlier run")
                .hasMessageContaining("choose an empty or new folder");
        assertThat(contents(target)).isEqualTo(before);
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void aFileAtTheTargetIsRefusedAndAnEmptyFolderOrAtomicLeftoverIsReplaced() throws Exception {
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> AtomicFolder.checkReplaceable(file, OURS))
                .hasMessage(file + " is a file; expected a folder to write the results into");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(AtomicFolder.checkReplaceable(empty, OURS)).isEqualTo(empty.toAbsolutePath());
        // an atomic file write killed in an earlier (unguarded) run left its temporary file
        Path old = oldFolder();
        Files.writeString(old.resolve(".results.json.8126318.tmp"), "{");
        assertThat(AtomicFolder.checkReplaceable(old, OURS)).isEqualTo(old.toAbsolutePath());
        Files.writeString(old.resolve(".notes.txt.8126318.tmp"), "");
        assertThatThrownBy(() -> AtomicFolder.checkReplaceable(old, OURS))
                .hasMessageContaining("holds .notes.txt.8126318.tmp,");
    }

    @Test
    void aLinkedTargetKeepsItsLinkAndTheLinkedFolderIsReplaced() throws Exception {
        Path real = oldFolder();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        List<Path> written =
                AtomicFolder.write(
                        link,
                        OURS,
                        dir -> {
                            Files.writeString(dir.resolve("results.json"), "new");
                            return List.of(dir.resolve("results.json"));
                        });
        assertThat(written).containsExactly(link.resolve("results.json"));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(contents(real)).isEqualTo(Map.of("results.json", "new"));
        assertThat(names(tmp)).containsExactly("link", "out");
    }
}
