package org.taew.core.logic.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.core.util.WorkbenchException;

class DatasetSettingsTest {
    @TempDir Path dir;

    @Test
    void aFolderWithoutTheFileLeavesEverythingToTheCaller() throws Exception {
        DatasetSettings s = DatasetSettings.of(dir);
        assertThat(s).isEqualTo(DatasetSettings.NONE);
        assertThat(s.task(null, "retrieval")).isEqualTo("retrieval");
        assertThat(s.ignoreIdenticalIds()).isNull();
    }

    @Test
    void theFileGivesDefaultsThatAnExplicitChoiceOverrides() throws Exception {
        Files.writeString(
                dir.resolve("dataset.yaml"),
                "# comment\ntask: similar-questions\nignore-identical-ids: true\n");
        DatasetSettings s = DatasetSettings.of(dir);
        assertThat(s.task(null, "retrieval")).isEqualTo("similar-questions");
        assertThat(s.task("code", "retrieval")).isEqualTo("code");
        assertThat(s.ignoreIdenticalIds()).isTrue();
    }

    @Test
    void anEmptyFileSaysNothing() throws Exception {
        Files.writeString(dir.resolve("dataset.yaml"), "# nothing yet\n");
        assertThat(DatasetSettings.of(dir)).isEqualTo(DatasetSettings.NONE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "task: code\\nsplit: dev | 2 | unknown key \"split\"",
                "task: code\\nignore-identical-ids: yes please | 2 | ignore-identical-ids must be true or false",
                "task: two words | 1 | is not a task name",
                "task: [a, b] | 1 | task must be a single value",
                "task: a\\ntask: b | 2 | duplicate key",
                "- task | 1 | must be a mapping of keys",
                "task: \"unclosed | 2 | not valid YAML: found unexpected end of stream",
            })
    void mistakesNameTheFileAndLine(String content, int line, String expected) throws Exception {
        Path file = dir.resolve("dataset.yaml");
        Files.writeString(file, content.replace("\\n", "\n") + "\n");
        assertThatThrownBy(() -> DatasetSettings.of(dir))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith(file + ":" + line + ": ")
                .hasMessageContaining(expected);
    }
}
