package org.taew.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void splitsPrefixAndSuffixAroundText() {
        Template t = Template.parse("query: {text} [end]");
        assertThat(t.prefix()).isEqualTo("query: ");
        assertThat(t.suffix()).isEqualTo(" [end]");
        assertThat(t.apply("hello")).isEqualTo("query: hello [end]");
    }

    @Test
    void identityLeavesTextAsItIs() {
        assertThat(Template.parse("{text}").isIdentity()).isTrue();
        assertThat(Template.IDENTITY.apply(" x ")).isEqualTo(" x ");
    }

    @Test
    void taskVariableAndEscapedBraces() {
        Template t =
                Template.parse("Instruct: {task}\nQuery: {{json}} {text}", Map.of("task", "find"));
        assertThat(t.apply("q")).isEqualTo("Instruct: find\nQuery: {json} q");
        assertThat(t.standalone()).isEqualTo("Instruct: find\nQuery: {{json}} {text}");
        Template again = Template.parse(t.standalone());
        assertThat(again.prefix()).isEqualTo(t.prefix());
        assertThat(again.suffix()).isEqualTo(t.suffix());
    }

    @Test
    void rejectsTemplatesWithoutOrWithTwoTextPlaceholders() {
        assertThatThrownBy(() -> Template.parse("query: ")).hasMessageContaining("no '{text}'");
        assertThatThrownBy(() -> Template.parse("{text} {text}"))
                .hasMessageContaining("more than once");
    }

    @Test
    void rejectsUnknownPlaceholdersAndStrayBraces() {
        assertThatThrownBy(() -> Template.parse("{task}: {text}"))
                .hasMessageContaining("unknown placeholder '{task}'");
        assertThatThrownBy(() -> Template.parse("a } {text}")).hasMessageContaining("stray '}'");
        assertThatThrownBy(() -> Template.parse("a { {text}"))
                .hasMessageContaining("unknown placeholder");
        assertThatThrownBy(() -> Template.parse("{text} {")).hasMessageContaining("unclosed '{'");
    }

    @Test
    void excludedPrefixIsOnlyReportedWhenPoolingExcludesIt() {
        InstructionPair with =
                new InstructionPair(Template.parse("Q: {text}"), Template.IDENTITY, true);
        InstructionPair without =
                new InstructionPair(Template.parse("Q: {text}"), Template.IDENTITY, false);
        assertThat(with.prepare(Side.QUERY, "x")).isEqualTo(new PreparedText("Q: x", "Q: "));
        assertThat(without.prepare(Side.QUERY, "x")).isEqualTo(new PreparedText("Q: x", ""));
        assertThat(with.prepare(Side.DOCUMENT, "x")).isEqualTo(new PreparedText("x", ""));
    }
}
