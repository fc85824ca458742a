package org.taew.core.logic.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Template;

/**
 * Candidates of the families that read a free instruction (BGE, the instruction-following
 * embedders, INSTRUCTOR, and the families not trained with instructions as a control): sentences of
 * the {@link Grammar}, the same sentences about the corpus's own words, and the task's description,
 * each in the family's {@link WordingFrame} as the card has it.
 */
final class FreeWordings {
    /** How many corpus words the term candidates draw from. */
    static final int TERMS = 6;

    /** Which corpus words each term candidate names: {from, to} in the ranked list. */
    private static final int[][] TERM_GROUPS = {{0, 3}, {0, 3}, {3, 6}, {0, 5}};

    private FreeWordings() {}

    /** Grammar sentences, best fitting first; INSTRUCTOR's also with the document kind worded. */
    static List<Proposal> grammar(String family, String task, InstructionPair card, long seed) {
        WordingFrame frame = WordingFrame.of(family, card.query());
        List<Proposal> out = new ArrayList<>();
        for (Grammar.Sentence s : Grammar.sentences(task, frames(family), seed)) {
            out.add(proposal(s.name(), frame.wrap(s.text("")), card.document(), card, "grammar"));
        }
        if (isInstructor(family)) {
            WordingFrame documentFrame = WordingFrame.of(family, card.document());
            for (Grammar.Sentence s : Grammar.sentences(task, frames(family), seed)) {
                String kind = s.document().singular();
                Template document = documentFrame.wrap("the " + kind + " for retrieval");
                out.add(
                        proposal(
                                s.name() + "-doc",
                                frame.wrap(s.text("")),
                                document,
                                card,
                                "grammar, documents as \"" + kind + "\""));
            }
        }
        return out;
    }

    /** Grammar sentences about the corpus's most frequent words ({@code terms}, best first). */
    static List<Proposal> terms(
            String family, String task, InstructionPair card, List<String> terms, long seed) {
        WordingFrame frame = WordingFrame.of(family, card.query());
        Map<Grammar.Frame, Grammar.Sentence> firstOfEachFrame = new LinkedHashMap<>();
        for (Grammar.Sentence s : Grammar.sentences(task, frames(family), seed)) {
            firstOfEachFrame.putIfAbsent(s.frame(), s);
        }
        List<Grammar.Sentence> sentences = List.copyOf(firstOfEachFrame.values());
        List<Proposal> out = new ArrayList<>();
        for (int i = 0; i < TERM_GROUPS.length; i++) {
            int[] group = TERM_GROUPS[i];
            if (terms.size() < group[1]) {
                continue;
            }
            List<String> words = terms.subList(group[0], group[1]);
            Grammar.Sentence s = sentences.get(i % sentences.size());
            out.add(
                    proposal(
                            "terms-" + (i + 1),
                            frame.wrap(s.text(Phrases.list(words))),
                            card.document(),
                            card,
                            "dataset terms (" + String.join(", ", words) + ")"));
        }
        return out;
    }

    /**
     * The first clause of the task's description as the instruction (e.g. "Short query to passage
     * retrieval"), when it has three words or more; not for INSTRUCTOR, whose instruction is a
     * "Represent the … for …" phrase.
     */
    static List<Proposal> description(String family, String description, InstructionPair card) {
        if (description == null || isInstructor(family)) {
            return List.of();
        }
        String clause = description.strip().split(" [-–] |[.;:!?]\\s|\\s\\(")[0].strip();
        clause = clause.replaceAll("[.;:!?]+$", "");
        int words = clause.isEmpty() ? 0 : clause.split("\\s+").length;
        if (words < 3 || words > 20) {
            return List.of();
        }
        WordingFrame frame = WordingFrame.of(family, card.query());
        return List.of(
                proposal(
                        "task-description",
                        frame.wrap(clause),
                        card.document(),
                        card,
                        "task description"));
    }

    private static boolean isInstructor(String family) {
        return family.equals("instructor");
    }

    private static List<Grammar.Frame> frames(String family) {
        return isInstructor(family) ? Grammar.INSTRUCTOR_FRAMES : Grammar.SENTENCE_FRAMES;
    }

    private static Proposal proposal(
            String name, Template query, Template document, InstructionPair card, String origin) {
        return new Proposal(
                name,
                new InstructionPair(query, document, card.excludeInstructionFromPooling()),
                origin);
    }
}
