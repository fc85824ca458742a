package org.taew.core.logic.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.TaskTemplates;
import org.taew.core.util.WorkbenchException;

class InstructionFileWriterTest {
    private static final Path FILE = Path.of("instructions/e5.yaml");

    private static final String E5 =
            """
            # E5 family: comments stay where they are 😀
            family: e5
            models: [e5-small-v2]
            tasks:
              retrieval:
                description: Asymmetric retrieval
                query: "query: {text}"   # the card's prefix
                document: 'passage: {text}'
              # symmetric
              similarity:
                query: 'query: {text}'
                document: "query: {text}"
            """;

    @Test
    void changesOnlyTheEditedValuesAndKeepsCommentsAndOtherTasks() throws Exception {
        TaskTemplates edit =
                new TaskTemplates("query: Find the answer: {text}", "passage: {text}", "", false);
        String out = InstructionFileWriter.withTask(FILE, E5, "retrieval", edit);
        assertThat(out)
                .isEqualTo(
                        E5.replace(
                                "query: \"query: {text}\"   # the card's prefix",
                                "query: \"query: Find the answer: {text}\"   # the card's prefix"));
        InstructionSet back = InstructionFileReader.parse(FILE, out);
        assertThat(TaskTemplates.of(back.task("retrieval").orElseThrow())).isEqualTo(edit);
        assertThat(back.task("similarity").orElseThrow().instructions().query().source())
                .isEqualTo("query: {text}");
    }

    @Test
    void addsMissingFieldsInsideTheTaskAndQuotesAwkwardText() throws Exception {
        TaskTemplates edit =
                new TaskTemplates(
                        "Instruct: {task}\nQuery: {text}",
                        "{text}",
                        "Say \"why\" \\ {{not}}: #1",
                        true);
        String out = InstructionFileWriter.withTask(FILE, E5, "similarity", edit);
        InstructionSet back = InstructionFileReader.parse(FILE, out);
        assertThat(TaskTemplates.of(back.task("similarity").orElseThrow())).isEqualTo(edit);
        assertThat(TaskTemplates.of(back.task("retrieval").orElseThrow()).query())
                .isEqualTo("query: {text}");
        assertThat(out).contains("# symmetric").contains("# the card's prefix");
    }

    @Test
    void appendsATaskTheFileDoesNotHave() throws Exception {
        TaskTemplates edit = new TaskTemplates("query: {text}", "passage: {text}", "", false);
        String out = InstructionFileWriter.withTask(FILE, E5, "code", edit);
        InstructionSet back = InstructionFileReader.parse(FILE, out);
        assertThat(back.tasks().keySet()).containsExactly("retrieval", "similarity", "code");
        assertThat(TaskTemplates.of(back.task("code").orElseThrow())).isEqualTo(edit);
        assertThat(out).startsWith(E5.substring(0, E5.length() - 1));
    }

    @Test
    void anInvalidTemplateIsRefusedWithTheFileAndLine() {
        TaskTemplates edit =
                new TaskTemplates("query: no placeholder", "passage: {text}", "", false);
        assertThatThrownBy(() -> InstructionFileWriter.withTask(FILE, E5, "retrieval", edit))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("e5.yaml:7")
                .hasMessageContaining("{text}");
    }

    @Test
    void aNewFileHoldsEveryTaskWithTheEditsApplied() throws Exception {
        InstructionSet set = InstructionFileReader.parse(FILE, E5);
        TaskTemplates edit = new TaskTemplates("query: Q {text}", "passage: {text}", "", false);
        Path target = Path.of("instructions/e5-tuned.yaml");
        String out =
                InstructionFileWriter.newFile(
                        target,
                        "e5-tuned",
                        "Copy with edits",
                        List.of(),
                        set.tasks(),
                        Map.of("retrieval", edit),
                        "Saved from e5.yaml");
        InstructionSet back = InstructionFileReader.parse(target, out);
        assertThat(back.family()).isEqualTo("e5-tuned");
        assertThat(back.models()).isEmpty();
        assertThat(TaskTemplates.of(back.task("retrieval").orElseThrow())).isEqualTo(edit);
        assertThat(TaskTemplates.of(back.task("similarity").orElseThrow()))
                .isEqualTo(TaskTemplates.of(set.task("similarity").orElseThrow()));
        assertThat(out).startsWith("# Saved from e5.yaml\n");
    }

    @Test
    void quotingRoundTripsControlCharacters() {
        assertThat(InstructionFileWriter.quote("a\tb\u0001\"c\\"))
                .isEqualTo("\"a\\tb\\u0001\\\"c\\\\\"");
    }
}
