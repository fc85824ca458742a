package org.taew.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.util.Workspace;

/**
 * A workspace the workbench has been used in (a draft autosaved beside an instruction file, an
 * edited template, a set saved as new, an import left half-done) gives the tests the shipped files
 * all the same.
 */
class ShippedWorkspaceTest {
    @TempDir Path dir;

    private Path usedCheckout() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("instructions"));
        Files.createDirectories(repo.resolve("datasets/mini/qrels"));
        Files.writeString(repo.resolve("instructions/e5.yaml"), "query: \"query: {text}\"\n");
        Files.writeString(repo.resolve("datasets/mini/corpus.jsonl"), "{}\n");
        Files.writeString(repo.resolve("datasets/mini/qrels/test.tsv"), "q\td\t1\n");
        Files.writeString(repo.resolve("README.md"), "not shipped\n");
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(
                repo,
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.org",
                "commit",
                "-q",
                "-m",
                "shipped");
        // what a session in the workbench leaves behind
        Files.writeString(repo.resolve("instructions/e5.yaml"), "query: \"query: find {text}\"\n");
        Files.writeString(repo.resolve("instructions/.e5.yaml.autosave"), "{\"tasks\": {}}\n");
        Files.writeString(repo.resolve("instructions/e5-2.yaml"), "saved as a new set\n");
        Files.createDirectories(repo.resolve("datasets/.mine.12345"));
        Files.writeString(repo.resolve("datasets/.mine.12345/corpus.jsonl"), "half\n");
        return repo;
    }

    @Test
    void aGitCheckoutGivesTheCommittedFilesWithoutDraftsEditsOrNewFiles() throws Exception {
        Path repo = usedCheckout();
        Path out = dir.resolve("out");
        ShippedWorkspace.export(repo, out);
        assertThat(Files.readString(out.resolve("instructions/e5.yaml")))
                .isEqualTo("query: \"query: {text}\"\n");
        assertThat(listed(out))
                .containsExactly(
                        "datasets/mini/corpus.jsonl",
                        "datasets/mini/qrels/test.tsv",
                        "instructions/e5.yaml");
    }

    @Test
    void aStagedChangeIsShipped() throws Exception {
        Path repo = usedCheckout();
        git(repo, "add", "instructions/e5.yaml");
        Path out = dir.resolve("out");
        ShippedWorkspace.export(repo, out);
        assertThat(Files.readString(out.resolve("instructions/e5.yaml")))
                .isEqualTo("query: \"query: find {text}\"\n");
    }

    @Test
    void outsideAGitCheckoutTheHiddenFilesAreLeftOut() throws Exception {
        Path repo = usedCheckout();
        try (var s = Files.walk(repo.resolve(".git"))) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Path out = dir.resolve("out");
        ShippedWorkspace.export(repo, out);
        assertThat(listed(out))
                .containsExactly(
                        "datasets/mini/corpus.jsonl",
                        "datasets/mini/qrels/test.tsv",
                        "instructions/e5-2.yaml",
                        "instructions/e5.yaml");
    }

    @Test
    void testsLocateTheShippedCopyNotTheWorkingTree() throws Exception {
        Path located = Workspace.locate().root();
        assertThat(located).isEqualTo(ShippedWorkspace.root());
        assertThat(located.normalize()).isNotEqualTo(ShippedWorkspace.project());
        assertThat(located.resolve("instructions/e5.yaml")).isRegularFile();
        try (var s = Files.walk(located)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".autosave"));
        }
    }

    private static List<String> listed(Path root) throws Exception {
        try (var s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    }
}
