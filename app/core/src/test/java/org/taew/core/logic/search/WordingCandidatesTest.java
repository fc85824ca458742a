package org.taew.core.logic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.taew.core.logic.search.WordingFixtures.ALL;
import static org.taew.core.logic.search.WordingFixtures.context;
import static org.taew.core.logic.search.WordingFixtures.firstOf;
import static org.taew.core.logic.search.WordingFixtures.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taew.core.TestPaths;
import org.taew.core.logic.search.WordingCandidates.Candidate;
import org.taew.core.logic.search.WordingCandidates.Context;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Qrels;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Template;
import org.taew.core.model.TextItem;

/**
 * The proposed wordings on the shipped instruction files and helpdesk-mini: valid, distinct, in
 * each family's documented frame, drawn from the grammar, the corpus and the draft as asked.
 */
class WordingCandidatesTest {
    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("e5", "e5", 5),
                Arguments.of("bge", "bge", 30),
                Arguments.of("instruct", "instruct", 30),
                Arguments.of("qwen3", "qwen3", 30),
                Arguments.of("instructor", "instructor", 30),
                Arguments.of("gemma", "gemma", 13),
                Arguments.of("nomic", "nomic", 15),
                Arguments.of("minilm", "minilm", 30),
                Arguments.of("some-new-family", "bge", 30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void everyCandidateIsAValidDistinctVariantOfTheFamilysFormat(
            String family, String fileFamily, int atLeast) throws Exception {
        Context c = context(family, fileFamily, "retrieval", null);
        List<Candidate> candidates = WordingCandidates.generate(c, ALL, 7);

        assertThat(candidates).hasSizeGreaterThanOrEqualTo(atLeast);
        Set<String> names = new HashSet<>();
        Set<List<String>> texts = new HashSet<>();
        boolean documentSideSeen = false;
        for (Candidate k : candidates) {
            InstructionPair p = k.instructions();
            Template q = Template.parse(p.query().source());
            Template d = Template.parse(p.document().source());
            assertThat(List.of(q.prefix(), q.suffix(), d.prefix(), d.suffix()))
                    .as(k.name())
                    .containsExactly(
                            p.query().prefix(),
                            p.query().suffix(),
                            p.document().prefix(),
                            p.document().suffix());
            assertThat(k.name()).matches("[A-Za-z0-9][A-Za-z0-9_.-]*").hasSizeLessThan(60);
            assertThat(names.add(k.name())).as("name %s is unique", k.name()).isTrue();
            assertThat(texts.add(text(p))).as("%s is not a repeat", k.name()).isTrue();
            assertThat(text(p))
                    .as(k.name())
                    .isNotEqualTo(text(c.card()))
                    .isNotEqualTo(text(InstructionPair.GENERAL));
            assertThat(k.origin()).isNotBlank();
            boolean differs =
                    !p.document().prefix().equals(c.card().document().prefix())
                            || !p.document().suffix().equals(c.card().document().suffix());
            assertThat(k.documentSide()).as(k.name()).isEqualTo(differs);
            assertThat(documentSideSeen && !k.documentSide())
                    .as("%s: a query-side candidate after a document-side one", k.name())
                    .isFalse();
            documentSideSeen |= k.documentSide();
            frameOf(family, c.card()).accept(k);
        }
    }

    /** What every candidate of a family looks like (its documented format, as the card has it). */
    static Consumer<Candidate> frameOf(String family, InstructionPair card) {
        return k -> {
            String q = k.instructions().query().prefix();
            String d = k.instructions().document().prefix();
            boolean exclude = k.instructions().excludeInstructionFromPooling();
            switch (family) {
                case "e5" -> {
                    assertThat(q).isIn("query: ", "passage: ");
                    assertThat(d).isIn("passage: ", "query: ", "");
                }
                case "nomic" -> {
                    Set<String> prefixes =
                            Set.of(
                                    "search_query: ",
                                    "search_document: ",
                                    "classification: ",
                                    "clustering: ");
                    assertThat(q).isIn(prefixes);
                    assertThat(d).isIn(prefixes);
                }
                case "gemma" -> {
                    assertThat(q).startsWith("task: ").contains(" | query: ");
                    Matcher m = Pattern.compile("task: (.*) \\| query: ").matcher(q);
                    assertThat(m.matches()).as(q).isTrue();
                    assertThat(m.group(1)).isIn(gemmaTaskNames());
                    assertThat(d).isIn("title: none | text: ", q);
                }
                case "instruct" -> {
                    assertThat(q)
                            .startsWith("Instruct: ")
                            .endsWith("\nQuery: ")
                            .hasSizeGreaterThan(20);
                    assertThat(d).isEmpty();
                    assertThat(k.documentSide()).isFalse();
                }
                case "qwen3" -> {
                    assertThat(q)
                            .startsWith("Instruct: ")
                            .endsWith("\nQuery:")
                            .hasSizeGreaterThan(20);
                    assertThat(d).isEmpty();
                }
                case "instructor" -> {
                    assertThat(q).startsWith("Represent the ").endsWith(": ").doesNotContain("\n");
                    assertThat(d).startsWith("Represent the ").endsWith(": ");
                    assertThat(exclude).isTrue();
                }
                default -> { // bge, minilm and unknown families: "<phrase>: {text}" on the query
                    // side
                    assertThat(q).endsWith(": ").hasSizeGreaterThan(8).doesNotContain("\n");
                    assertThat(Character.isUpperCase(q.charAt(0))).as(q).isTrue();
                    assertThat(k.instructions().document()).isEqualTo(card.document());
                    assertThat(k.documentSide()).isFalse();
                }
            }
            assertThat(k.instructions().query().suffix()).isEmpty();
        };
    }

    /** The task names the shipped gemma.yaml says the model card documents (its header comment). */
    static List<String> gemmaTaskNames() {
        try {
            String yaml =
                    Files.readString(TestPaths.workspace().resolve("instructions/gemma.yaml"));
            String comment = yaml.replaceAll("\n# ?", " ");
            Matcher m =
                    Pattern.compile("task names below are the card's \\(([^)]*)\\)")
                            .matcher(comment);
            assertThat(m.find()).as("gemma.yaml names the card's task names").isTrue();
            return List.of(m.group(1).split(", "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void e5AndNomicGetEveryCombinationOfTheirDocumentedPrefixesButTheCard() throws Exception {
        List<Candidate> e5 =
                WordingCandidates.generate(context("e5", "e5", "retrieval", null), ALL, 1);
        assertThat(e5)
                .extracting(
                        k ->
                                k.instructions().query().prefix()
                                        + "|"
                                        + k.instructions().document().prefix())
                .containsExactly(
                        "passage: |passage: ", // query side: the card's document prefix
                        "query: |query: ",
                        "passage: |query: ",
                        "query: |",
                        "passage: |");
        assertThat(e5.get(0).documentSide()).isFalse();
        assertThat(e5.subList(1, 5)).allMatch(Candidate::documentSide);
        assertThat(WordingCandidates.generate(context("nomic", "nomic", "retrieval", null), ALL, 1))
                .hasSize(15)
                .filteredOn(k -> !k.documentSide())
                .hasSize(3);
    }

    @Test
    void gemmaProposesItsDocumentedTaskNamesBestFittingFirst() throws Exception {
        // faq-search: the card says "question answering"; "search result" fits next
        List<Candidate> faq =
                WordingCandidates.generate(context("gemma", "gemma", "faq-search", null), ALL, 1);
        assertThat(faq.get(0).instructions().query().prefix())
                .isEqualTo("task: search result | query: ");
        assertThat(faq)
                .hasSize(13)
                .extracting(k -> k.instructions().query().prefix())
                .contains("task: code retrieval | query: ", "task: clustering | query: ");
        assertThat(faq)
                .extracting(k -> k.instructions().query().prefix())
                .containsAll(
                        gemmaTaskNames().stream().map(t -> "task: " + t + " | query: ").toList());
        List<Candidate> code =
                WordingCandidates.generate(context("gemma", "gemma", "retrieval", null), 1, 1);
        assertThat(code.get(0).instructions().query().prefix())
                .isEqualTo("task: question answering | query: ");
        assertThat(faq)
                .filteredOn(Candidate::documentSide)
                .isNotEmpty()
                .allMatch(
                        k ->
                                k.instructions()
                                        .document()
                                        .prefix()
                                        .equals(k.instructions().query().prefix()));
    }

    @Test
    void theGrammarProposesTheTasksKindsFirst() throws Exception {
        Candidate code =
                firstOf(
                        WordingCandidates.generate(context("bge", "bge", "code", null), ALL, 3),
                        "grammar");
        assertThat(code.instructions().query().prefix())
                .containsAnyOf("code snippet", "function", "code example");
        Candidate retrieval =
                firstOf(
                        WordingCandidates.generate(
                                context("bge", "bge", "retrieval", null), ALL, 3),
                        "grammar");
        assertThat(retrieval.instructions().query().prefix())
                .contains("question")
                .contains("passage")
                .doesNotContain("code");
        assertThat(retrieval.name()).startsWith("g-question-passage");
        Candidate questions =
                firstOf(
                        WordingCandidates.generate(
                                context("instruct", "instruct", "similar-questions", null), ALL, 3),
                        "grammar");
        assertThat(questions.instructions().query().prefix()).containsPattern("question.*question");
    }

    @Test
    void theSameSeedGivesTheSameCandidatesAndTheSeedMatters() throws Exception {
        Context c = context("bge", "bge", "retrieval", null);
        assertThat(WordingCandidates.generate(c, 25, 42))
                .isEqualTo(WordingCandidates.generate(c, 25, 42));
        Set<List<Candidate>> lists = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            lists.add(WordingCandidates.generate(c, 25, seed));
        }
        assertThat(lists).hasSizeGreaterThan(1);
    }

    @Test
    void maxIsRespectedAndDocumentSideCandidatesKeepAQuarterOfThePlaces() throws Exception {
        for (String family : List.of("bge", "instructor", "e5")) {
            Context c = context(family, family, "retrieval", null);
            int total = WordingCandidates.generate(c, ALL, 3).size();
            for (int max : new int[] {0, 1, 2, 5, 17}) {
                assertThat(WordingCandidates.generate(c, max, 3)).hasSize(Math.min(max, total));
            }
        }
        List<Candidate> instructor =
                WordingCandidates.generate(
                        context("instructor", "instructor", "retrieval", null), 8, 3);
        assertThat(instructor)
                .extracting(Candidate::documentSide)
                .containsExactly(false, false, false, false, false, false, true, true);
        assertThatThrownBy(
                        () ->
                                WordingCandidates.generate(
                                        context("bge", "bge", "retrieval", null), -1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 or more");
    }

    @Test
    void bracesInATaskDescriptionAreEscaped() {
        InstructionPair card =
                new InstructionPair(Template.parse("query: {text}"), Template.IDENTITY, false);
        RetrievalDataset tiny =
                new RetrievalDataset(
                        "tiny",
                        Path.of("tiny"),
                        "test",
                        List.of(),
                        List.of(new TextItem("d1", "{json}")),
                        new Qrels(Map.of()));
        Context c =
                new Context(
                        "mystery",
                        "other",
                        "Match {json} payloads to their handlers - a test",
                        card,
                        null,
                        tiny);
        Candidate d =
                WordingCandidates.generate(c, ALL, 1).stream()
                        .filter(k -> k.origin().equals("task description"))
                        .findFirst()
                        .orElseThrow();
        assertThat(d.instructions().query().source())
                .isEqualTo("Match {{json}} payloads to their handlers: {text}");
        assertThat(d.instructions().query().prefix())
                .isEqualTo("Match {json} payloads to their handlers: ");
        assertThat(d.name()).isEqualTo("task-description");
    }
}
