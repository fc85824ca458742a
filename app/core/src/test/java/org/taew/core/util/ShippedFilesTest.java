package org.taew.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShippedFilesTest {
    @ParameterizedTest
    @CsvSource({
        "instructions/e5.yaml, true",
        "datasets/helpdesk-mini/qrels/test.tsv, true",
        "instructions/.e5.yaml.autosave, false",
        "datasets/.mine.4711/corpus.jsonl, false",
        "datasets/mini/.corpus.jsonl.tmp123, false",
        "datasets/mini/.results.partial-0badf00d/results.json, false",
        "README.md, false",
        "docs/formats.md, false",
        "instructions, false"
    })
    void shippedMeansUnderTheTwoFoldersAndNothingHidden(String path, boolean shipped) {
        assertThat(ShippedFiles.isShipped(Path.of(path))).isEqualTo(shipped);
    }

    @Test
    void listGivesRelativeSortedPaths(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("instructions"));
        Files.createDirectories(root.resolve("datasets/.half"));
        Files.writeString(root.resolve("instructions/b.yaml"), "");
        Files.writeString(root.resolve("instructions/a.yaml"), "");
        Files.writeString(root.resolve("instructions/.a.yaml.autosave"), "");
        Files.writeString(root.resolve("datasets/.half/corpus.jsonl"), "");
        assertThat(ShippedFiles.list(root))
                .containsExactly(Path.of("instructions/a.yaml"), Path.of("instructions/b.yaml"));
    }
}
