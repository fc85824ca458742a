package org.taew.core.logic.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The small grammar wordings are built from: what the query is, what the document is and how they
 * relate, in a few sentence frames. Kinds and relations come in scenes that go together (a claim is
 * supported or refuted by a passage, code implements a description); each task of the instruction
 * files lists the scenes that fit it, best first, and any other task gets them all.
 */
final class Grammar {
    /** A kind of query or document, in the singular and the plural. */
    record Kind(String singular, String plural) {
        static Kind of(String singular) {
            return new Kind(
                    singular,
                    singular.endsWith("y") ? singular.replaceAll("y$", "ies") : singular + "s");
        }
    }

    /** How a document relates to a query, as a verb after a singular and a plural subject. */
    record Relation(String singular, String plural) {}

    /** Kinds and relations that go together. */
    record Scene(List<Kind> queries, List<Kind> documents, List<Relation> relations) {}

    /**
     * A sentence frame; {@code Q} the query kind, {@code D} the document kind, {@code R} the
     * relation.
     */
    enum Frame {
        /** "Given a Q, retrieve the D that R it". */
        GIVEN(true),
        /** "Represent this Q for searching relevant Ds". */
        REPRESENT(false),
        /** "Retrieve Ds that R the Q". */
        RETRIEVE(true),
        /** "Find the D that R this Q". */
        FIND(true),
        /** INSTRUCTOR's "the Q for retrieving Ds" (after "Represent "). */
        INSTRUCTOR(false),
        /** INSTRUCTOR's "the Q for retrieving Ds that R it". */
        INSTRUCTOR_RELATED(true);

        final boolean usesRelation;

        Frame(boolean usesRelation) {
            this.usesRelation = usesRelation;
        }
    }

    /** The frames of free wordings (every family that reads a sentence). */
    static final List<Frame> SENTENCE_FRAMES =
            List.of(Frame.GIVEN, Frame.REPRESENT, Frame.RETRIEVE, Frame.FIND);

    /** The frames of INSTRUCTOR's "Represent the … for …" form. */
    static final List<Frame> INSTRUCTOR_FRAMES =
            List.of(Frame.INSTRUCTOR, Frame.INSTRUCTOR_RELATED);

    /**
     * One sentence: kinds, relation and frame; {@code topic} (may be empty) follows the query kind,
     * e.g. "question about vpn and payroll".
     */
    record Sentence(Kind query, Kind document, Relation relation, Frame frame) {
        String text(String topic) {
            String q = topic.isEmpty() ? query.singular() : query.singular() + " about " + topic;
            String d = document.singular();
            String ds = document.plural();
            return switch (frame) {
                case GIVEN ->
                        "Given "
                                + Phrases.article(q)
                                + " "
                                + q
                                + ", retrieve the "
                                + d
                                + " that "
                                + relation.singular()
                                + " it";
                case REPRESENT -> "Represent this " + q + " for searching relevant " + ds;
                case RETRIEVE -> "Retrieve " + ds + " that " + relation.plural() + " the " + q;
                case FIND -> "Find the " + d + " that " + relation.singular() + " this " + q;
                case INSTRUCTOR -> "the " + q + " for retrieving " + ds;
                case INSTRUCTOR_RELATED ->
                        "the " + q + " for retrieving " + ds + " that " + relation.plural() + " it";
            };
        }

        /**
         * A readable name in the sentence's own order: {@code g-question-article-answers} ("Given a
         * question, retrieve the article that answers it"), {@code g-articles-answer-question}
         * ("Retrieve articles that answer the question"), {@code g-find-article-answers-question},
         * {@code g-question-articles} ("Represent this question for searching relevant articles").
         */
        String name() {
            String q = slug(query.singular());
            String d = slug(document.singular());
            String ds = slug(document.plural());
            return "g-"
                    + switch (frame) {
                        case GIVEN -> q + "-" + d + "-" + slug(relation.singular());
                        case REPRESENT, INSTRUCTOR -> q + "-" + ds;
                        case RETRIEVE -> ds + "-" + slug(relation.plural()) + "-" + q;
                        case FIND -> "find-" + d + "-" + slug(relation.singular()) + "-" + q;
                        case INSTRUCTOR_RELATED -> q + "-" + ds + "-" + slug(relation.plural());
                    };
        }

        private static String slug(String words) {
            return Phrases.slug(words, 24);
        }
    }

    private static final Relation ANSWERS = new Relation("answers", "answer");
    private static final Relation RELEVANT = new Relation("is relevant to", "are relevant to");
    private static final Relation MATCHES = new Relation("matches", "match");
    private static final Relation DESCRIBES = new Relation("describes", "describe");
    private static final Relation PARAPHRASES = new Relation("paraphrases", "paraphrase");
    private static final Relation REFUTES =
            new Relation("supports or refutes", "support or refute");
    private static final Relation DUPLICATES = new Relation("duplicates", "duplicate");
    private static final Relation MEANS = new Relation("means the same as", "mean the same as");
    private static final Relation IMPLEMENTS = new Relation("implements", "implement");
    private static final Relation SAME_MATTER =
            new Relation("is about the same matter as", "are about the same matter as");

    // scene: query kinds; document kinds; relations (each best first)
    private static final Scene QUESTION_ANSWER =
            scene(
                    "question, search query, customer question, query",
                    "passage, article, help article, answer, document",
                    ANSWERS,
                    RELEVANT);
    private static final Scene FAQ =
            scene(
                    "search query, question, customer question",
                    "FAQ entry, help article, answer",
                    ANSWERS,
                    MATCHES);
    private static final Scene FACT = scene("claim", "passage, document, article", REFUTES);
    private static final Scene DUPLICATE = scene("question", "question", DUPLICATES, PARAPHRASES);
    private static final Scene SIMILAR = scene("sentence", "sentence", MEANS, PARAPHRASES);
    private static final Scene CODE =
            scene(
                    "code question, short description, programming task",
                    "code snippet, function, code example",
                    IMPLEMENTS,
                    ANSWERS);
    private static final Scene DESCRIPTION =
            scene(
                    "title, short description",
                    "document, article, product description",
                    DESCRIBES,
                    MATCHES);
    private static final Scene RECORD =
            scene(
                    "search request, search query, short description",
                    "record, product description, catalogue entry",
                    MATCHES,
                    DESCRIBES);
    private static final Scene RELATED =
            scene("document, article", "document, article, passage", SAME_MATTER, RELEVANT);

    private static final List<Scene> ALL =
            List.of(
                    QUESTION_ANSWER,
                    FACT,
                    DUPLICATE,
                    CODE,
                    DESCRIPTION,
                    RECORD,
                    RELATED,
                    FAQ,
                    SIMILAR);

    /** The scenes that fit each task of the instruction files, best first. */
    private static final Map<String, List<Scene>> BY_TASK =
            Map.of(
                    "retrieval", List.of(QUESTION_ANSWER, DESCRIPTION, FACT),
                    "similarity", List.of(SIMILAR, DUPLICATE),
                    "similar-questions", List.of(DUPLICATE, SIMILAR),
                    "code", List.of(CODE, QUESTION_ANSWER),
                    "related-documents", List.of(RELATED, DESCRIPTION),
                    "faq-search", List.of(FAQ, QUESTION_ANSWER),
                    "record-search", List.of(RECORD, DESCRIPTION),
                    "fact-checking", List.of(FACT, QUESTION_ANSWER));

    private Grammar() {}

    /** The scenes for {@code task}, best first (all of them for a task the table does not name). */
    static List<Scene> scenes(String task) {
        return BY_TASK.getOrDefault(task, ALL);
    }

    /** The query kinds of the task's scenes, best first, each once. */
    static List<Kind> queryKinds(String task) {
        Set<Kind> kinds = new LinkedHashSet<>();
        scenes(task).forEach(s -> kinds.addAll(s.queries()));
        return List.copyOf(kinds);
    }

    /** The document kinds of the task's scenes, best first, each once. */
    static List<Kind> documentKinds(String task) {
        Set<Kind> kinds = new LinkedHashSet<>();
        scenes(task).forEach(s -> kinds.addAll(s.documents()));
        return List.copyOf(kinds);
    }

    /** Whether {@code kind} is what a query is in some scene (else it is only a document kind). */
    static boolean isQueryKind(Kind kind) {
        return ALL.stream().anyMatch(s -> s.queries().contains(kind));
    }

    /** Every kind the grammar knows, for finding kinds in a user's wording. */
    static Set<Kind> allKinds() {
        Set<Kind> kinds = new LinkedHashSet<>();
        ALL.forEach(s -> kinds.addAll(s.queries()));
        ALL.forEach(s -> kinds.addAll(s.documents()));
        return kinds;
    }

    /**
     * Every sentence of the task's scenes in the given frames, the best fitting first: a sentence
     * of an earlier scene, with earlier kinds, relation and frame comes first; ties are ordered by
     * {@code seed}. Sentences whose frame ignores the relation appear once.
     */
    static List<Sentence> sentences(String task, List<Frame> frames, long seed) {
        List<Scene> scenes = scenes(task);
        List<Sentence> all = new ArrayList<>();
        List<Integer> fit = new ArrayList<>();
        for (int s = 0; s < scenes.size(); s++) {
            Scene scene = scenes.get(s);
            for (int q = 0; q < scene.queries().size(); q++) {
                for (int d = 0; d < scene.documents().size(); d++) {
                    for (int r = 0; r < scene.relations().size(); r++) {
                        for (int f = 0; f < frames.size(); f++) {
                            Frame frame = frames.get(f);
                            if (r > 0 && !frame.usesRelation) {
                                continue;
                            }
                            all.add(
                                    new Sentence(
                                            scene.queries().get(q),
                                            scene.documents().get(d),
                                            scene.relations().get(r),
                                            frame));
                            fit.add(s * 100 + q + d + r + f);
                        }
                    }
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        order.sort(Comparator.comparing(fit::get)); // stable: ties keep the shuffled order
        List<Sentence> out = new ArrayList<>();
        for (int i : order) {
            out.add(all.get(i));
        }
        return out;
    }

    private static Scene scene(String queries, String documents, Relation... relations) {
        return new Scene(kinds(queries), kinds(documents), List.of(relations));
    }

    private static List<Kind> kinds(String commaSeparated) {
        return Stream.of(commaSeparated.split(", ")).map(Kind::of).toList();
    }
}
