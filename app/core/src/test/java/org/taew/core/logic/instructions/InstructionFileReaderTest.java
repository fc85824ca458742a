package org.taew.core.logic.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.core.TestPaths;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.TaskInstructions;
import org.taew.core.util.WorkbenchException;

class InstructionFileReaderTest {
    private static final Path FILE = Path.of("instructions/test.yaml");

    @Test
    void readsTasksTemplatesAndOptions() throws Exception {
        InstructionSet set =
                InstructionFileReader.parse(
                        FILE,
                        """
                        family: demo
                        models: [m1, m2]
                        tasks:
                          retrieval:
                            description: q to p
                            query: "query: {text}"
                            document: "passage: {text}"
                          code:
                            instruction: Retrieve code for the task
                            query: "Instruct: {task}\\nQuery: {text}"
                            document: "{text}"
                            exclude_instruction_from_pooling: true
                        """);
        assertThat(set.family()).isEqualTo("demo");
        assertThat(set.models()).containsExactly("m1", "m2");
        assertThat(set.tasks().keySet()).containsExactly("retrieval", "code");
        TaskInstructions code = set.task("code").orElseThrow();
        assertThat(code.instructions().query().prefix())
                .isEqualTo("Instruct: Retrieve code for the task\nQuery: ");
        assertThat(code.instructions().document().isIdentity()).isTrue();
        assertThat(code.instructions().excludeInstructionFromPooling()).isTrue();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    family: x\\ntasks:\\n  t:\\n    query: "{text}"\\n                     | 3 | missing "document"
                    family: x\\ntasks:\\n  t:\\n    query: "q: "\\n    document: "{text}"  | 4 | no '{text}' placeholder
                    family: x\\ntasks:\\n  t:\\n    query: "{text}"\\n    documnet: "{text}" | 5 | unknown key "documnet"
                    family: x\\ntasks:\\n  t:\\n    query: "{txt}"\\n    document: "{text}" | 4 | unknown placeholder
                    family: x\\ntasks: []\\n                                               | 2 | "tasks" must map
                    tasks:\\n  t:\\n    query: "{text}"\\n    document: "{text}"\\n          | 1 | missing "family"
                    family: x\\nfamily: y\\ntasks:\\n                                      | 2 | duplicate key "family"
                    family: x\\ntasks:\\n  t:\\n    query: {text}: x\\n                    | 4 | not valid YAML
                    family: x\\ntasks:\\n  t:\\n    query: "{text}"\\n    document: "{text}"\\n    exclude_instruction_from_pooling: maybe | 6 | must be true or false
                    """)
    void malformedFilesNameFileLineAndWhatWasExpected(String content, int line, String expected) {
        String yaml = content.strip().replace("\\n", "\n");
        assertThatThrownBy(() -> InstructionFileReader.parse(FILE, yaml))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith(FILE + ":" + line + ": ")
                .hasMessageContaining(expected);
    }

    @Test
    void everyShippedInstructionFileIsValid() throws Exception {
        InstructionLibrary library =
                InstructionLibrary.load(TestPaths.workspace().resolve("instructions"));
        assertThat(library.sets())
                .extracting(InstructionSet::family)
                .contains("e5", "bge", "minilm");
        InstructionSet e5 =
                library.sets().stream()
                        .filter(s -> s.family().equals("e5"))
                        .findFirst()
                        .orElseThrow();
        assertThat(e5.task("retrieval").orElseThrow().instructions().query().prefix())
                .isEqualTo("query: ");
        assertThat(e5.task("retrieval").orElseThrow().instructions().document().prefix())
                .isEqualTo("passage: ");
        assertThat(e5.task("similarity").orElseThrow().instructions().document().prefix())
                .isEqualTo("query: ");
        InstructionSet bge =
                library.sets().stream()
                        .filter(s -> s.family().equals("bge"))
                        .findFirst()
                        .orElseThrow();
        assertThat(bge.task("retrieval").orElseThrow().instructions().query().prefix())
                .isEqualTo("Represent this sentence for searching relevant passages: ");
        assertThat(bge.task("retrieval").orElseThrow().instructions().document().isIdentity())
                .isTrue();
    }

    @Test
    void fileThatIsNotUtf8IsReportedAsSuch(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.write(f, new byte[] {'f', 'a', 'm', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> InstructionFileReader.read(f))
                .hasMessageContaining("not valid UTF-8");
        Files.writeString(f, "", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> InstructionFileReader.read(f)).hasMessageContaining("empty");
    }
}
