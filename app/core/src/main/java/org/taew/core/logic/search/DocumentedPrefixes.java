package org.taew.core.logic.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Template;

/**
 * Candidates of the families trained on a fixed vocabulary of prefixes rather than free
 * instructions: E5's {@code query: }/{@code passage: }, Nomic's task prefixes and EmbeddingGemma's
 * documented task names. Only documented prefixes are combined; nothing is worded freely.
 */
final class DocumentedPrefixes {
    private static final List<String> E5_QUERY = List.of("query: ", "passage: ");
    private static final List<String> E5_DOCUMENT = List.of("passage: ", "query: ", "");
    private static final List<String> NOMIC =
            List.of("search_query: ", "search_document: ", "classification: ", "clustering: ");

    /** EmbeddingGemma's task names, as its model card documents them. */
    static final List<String> GEMMA_TASKS =
            List.of(
                    "search result",
                    "question answering",
                    "fact checking",
                    "code retrieval",
                    "sentence similarity",
                    "classification",
                    "clustering");

    private static final String GEMMA_DOCUMENT = "title: none | text: {text}";

    /** The task names that fit each task of the instruction files best, first. */
    private static final Map<String, List<String>> GEMMA_FIT =
            Map.of(
                    "faq-search", List.of("question answering", "search result"),
                    "code", List.of("code retrieval"),
                    "similarity", List.of("sentence similarity", "clustering"),
                    "similar-questions", List.of("sentence similarity", "question answering"),
                    "related-documents", List.of("clustering", "sentence similarity"),
                    "fact-checking", List.of("fact checking"));

    private DocumentedPrefixes() {}

    /** Whether {@code family} takes only documented prefixes. */
    static boolean covers(String family) {
        return family.equals("e5") || family.equals("nomic") || family.equals("gemma");
    }

    /** Every combination of the family's prefixes (the card's among them, removed later). */
    static List<Proposal> of(String family, String task, InstructionPair card) {
        return switch (family) {
            case "e5" -> combinations(E5_QUERY, E5_DOCUMENT, card);
            case "nomic" -> combinations(NOMIC, NOMIC, card);
            case "gemma" -> gemma(task, card);
            default -> List.of();
        };
    }

    private static List<Proposal> combinations(
            List<String> queries, List<String> documents, InstructionPair card) {
        List<Proposal> out = new ArrayList<>();
        for (String d : documents) {
            for (String q : queries) {
                String name = "prefix-" + slug(q) + "-" + slug(d);
                String origin =
                        "documented prefixes: query \""
                                + q.strip()
                                + "\", document \""
                                + d.strip()
                                + "\"";
                out.add(new Proposal(name, pair(template(q), template(d), card), origin));
            }
        }
        return out;
    }

    private static List<Proposal> gemma(String task, InstructionPair card) {
        WordingFrame frame = WordingFrame.of("gemma", card.query());
        Set<String> names = new LinkedHashSet<>(GEMMA_FIT.getOrDefault(task, List.of()));
        names.addAll(GEMMA_TASKS);
        Template titleText = Template.parse(GEMMA_DOCUMENT);
        List<Proposal> out = new ArrayList<>();
        for (String name : names) {
            Template query = frame.wrap(name);
            String slug = "task-" + Phrases.slug(name, 24);
            String quoted = "EmbeddingGemma task \"" + name + "\"";
            // a document form equal to the card's repeats the first one and is dropped as a repeat
            out.add(new Proposal(slug, pair(query, card.document(), card), quoted));
            out.add(
                    new Proposal(
                            slug + "-both", pair(query, query, card), quoted + " on both sides"));
            out.add(
                    new Proposal(
                            slug + "-title",
                            pair(query, titleText, card),
                            quoted + ", documents as \"title: none | text:\""));
        }
        return out;
    }

    private static InstructionPair pair(Template query, Template document, InstructionPair card) {
        return new InstructionPair(query, document, card.excludeInstructionFromPooling());
    }

    private static Template template(String prefix) {
        return Template.parse(Phrases.escape(prefix) + "{text}");
    }

    private static String slug(String prefix) {
        return prefix.isEmpty() ? "none" : Phrases.slug(prefix, 20);
    }
}
