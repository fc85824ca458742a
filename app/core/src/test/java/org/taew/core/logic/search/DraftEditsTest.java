package org.taew.core.logic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.taew.core.logic.search.WordingFixtures.ALL;
import static org.taew.core.logic.search.WordingFixtures.context;
import static org.taew.core.logic.search.WordingFixtures.queryOf;
import static org.taew.core.logic.search.WordingFixtures.text;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.search.WordingCandidates.Candidate;
import org.taew.core.logic.search.WordingCandidates.Context;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Template;

/** Edits of the user's draft, or of the card: drop, replace, reorder, in the family's frame. */
class DraftEditsTest {
    private static final String DRAFT =
            "Represent this sentence for searching relevant passages: {text}";

    @Test
    void aDraftGetsADropAReplaceAndAReorder() throws Exception {
        InstructionPair draft =
                new InstructionPair(Template.parse(DRAFT), Template.IDENTITY, false);
        Context c = context("bge", "bge", "retrieval", draft);
        List<Candidate> all = WordingCandidates.generate(c, ALL, 11);
        assertThat(queryOf(all, "draft edit: dropped \"for searching relevant passages\""))
                .isEqualTo("Represent this sentence: {text}");
        assertThat(queryOf(all, "draft edit: dropped \"relevant\""))
                .isEqualTo("Represent this sentence for searching passages: {text}");
        assertThat(queryOf(all, "draft edit: replaced \"sentence\" with \"question\""))
                .isEqualTo("Represent this question for searching relevant passages: {text}");
        assertThat(queryOf(all, "draft edit: replaced \"passages\" with \"articles\""))
                .isEqualTo("Represent this sentence for searching relevant articles: {text}");
        assertThat(
                        queryOf(
                                all,
                                "draft edit: moved \"for searching relevant passages\" to the front"))
                .isEqualTo("For searching relevant passages, represent this sentence: {text}");
        assertThat(all).noneMatch(k -> text(k.instructions()).equals(text(draft)));

        // a short list still holds one edit of each kind, first among the query-side candidates
        List<Candidate> nine = WordingCandidates.generate(c, 9, 11);
        assertThat(nine)
                .extracting(Candidate::name)
                .contains("edit-drop-1", "edit-replace-1", "edit-reorder-1");
        assertThat(nine.get(0).origin()).startsWith("draft edit: dropped");
    }

    @Test
    void editsKeepTheFamilysFrame() throws Exception {
        List<Candidate> instruct =
                WordingCandidates.generate(
                        context("instruct", "instruct", "retrieval", null), ALL, 2);
        assertThat(queryOf(instruct, "card edit: moved \"given a web search query\" to the end"))
                .isEqualTo(
                        "Instruct: Retrieve relevant passages that answer the query, given a web search query\nQuery: {text}");
        assertThat(queryOf(instruct, "card edit: dropped \"Given a web search query\""))
                .isEqualTo(
                        "Instruct: Retrieve relevant passages that answer the query\nQuery: {text}");
        assertThat(queryOf(instruct, "card edit: replaced \"passages\" with \"articles\""))
                .isEqualTo(
                        "Instruct: Given a web search query, retrieve relevant articles that answer the query\nQuery: {text}");

        List<Candidate> qwen =
                WordingCandidates.generate(context("qwen3", "qwen3", "retrieval", null), ALL, 2);
        assertThat(queryOf(qwen, "card edit: dropped \"that answer the query\""))
                .isEqualTo(
                        "Instruct: Given a web search query, retrieve relevant passages\nQuery:{text}");

        List<Candidate> instructor =
                WordingCandidates.generate(
                        context("instructor", "instructor", "retrieval", null), ALL, 2);
        assertThat(queryOf(instructor, "card edit: dropped \"supporting\""))
                .isEqualTo("Represent the question for retrieving documents: {text}");
        assertThat(instructor)
                .filteredOn(k -> k.origin().startsWith("card edit"))
                .isNotEmpty()
                .noneMatch(k -> k.origin().contains("moved"));

        // a draft without a phrase: the card's phrase is edited
        Context general = context("bge", "bge", "retrieval", InstructionPair.GENERAL);
        assertThat(WordingCandidates.generate(general, ALL, 2))
                .anyMatch(k -> k.origin().startsWith("card edit: "));
    }
}
