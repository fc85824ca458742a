package org.taew.core.logic.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Template;
import org.taew.core.util.WorkbenchException;

class ExportedPromptsTest {
    private static InstructionPair pair(String query, String document, boolean exclude) {
        return new InstructionPair(Template.parse(query), Template.parse(document), exclude);
    }

    @Test
    void asymmetricTemplatesBecomeQueryAndDocumentPromptsWithoutADefault() throws Exception {
        ExportedPrompts p = ExportedPrompts.of(pair("query: {text}", "passage: {text}", false));
        assertThat(p.prompts())
                .containsExactly(Map.entry("query", "query: "), Map.entry("document", "passage: "));
        assertThat(p.defaultPromptName()).isNull();
        assertThat(p.includePrompt()).isTrue();
    }

    @Test
    void theSameInstructionOnBothSidesIsTheDefaultPrompt() throws Exception {
        ExportedPrompts p = ExportedPrompts.of(pair("query: {text}", "query: {text}", false));
        assertThat(p.prompts())
                .containsExactly(Map.entry("query", "query: "), Map.entry("document", "query: "));
        assertThat(p.defaultPromptName()).isEqualTo("query");
    }

    @Test
    void aQueryOnlyInstructionHasNoDocumentPrompt() throws Exception {
        ExportedPrompts p =
                ExportedPrompts.of(
                        pair("Represent this sentence for searching: {text}", "{text}", false));
        assertThat(p.prompts())
                .containsExactly(Map.entry("query", "Represent this sentence for searching: "));
        assertThat(p.document()).isEmpty();
        assertThat(p.defaultPromptName()).isNull();
    }

    @Test
    void aDocumentOnlyInstructionKeepsAnEmptyQueryPrompt() throws Exception {
        ExportedPrompts p = ExportedPrompts.of(pair("{text}", "passage: {text}", false));
        assertThat(p.prompts())
                .containsExactly(Map.entry("query", ""), Map.entry("document", "passage: "));
        assertThat(p.defaultPromptName()).isNull();
    }

    @Test
    void leavingTheInstructionOutOfPoolingIsIncludePromptFalse() throws Exception {
        ExportedPrompts p =
                ExportedPrompts.of(pair("Represent the question: {text}", "{text}", true));
        assertThat(p.includePrompt()).isFalse();
    }

    @Test
    void theTaskInstructionIsFilledInAndBracesAreLiteral() throws Exception {
        InstructionPair filled =
                new InstructionPair(
                        Template.parse(
                                "Instruct: {task}\nQuery:{{x}} {text}",
                                Map.of("task", "Find the answer")),
                        Template.IDENTITY,
                        false);
        assertThat(ExportedPrompts.of(filled).query())
                .isEqualTo("Instruct: Find the answer\nQuery:{x} ");
    }

    @Test
    void textAfterThePlaceholderIsRefusedNamingTheTemplate() {
        assertThatThrownBy(
                        () -> ExportedPrompts.of(pair("query: {text}", "{text} (passage)", false)))
                .isInstanceOf(WorkbenchException.class)
                .hasMessage(
                        "The document template \"{text} (passage)\" puts text after {text}"
                                + " (\" (passage)\"), and a sentence-transformers prompt can only"
                                + " come before the text: it cannot be exported. Use a document"
                                + " template that ends with {text}");
    }

    @Test
    void templatesWithoutAnyInstructionAreRefused() {
        assertThatThrownBy(() -> ExportedPrompts.of(InstructionPair.GENERAL))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("Neither template has an instruction");
    }
}
