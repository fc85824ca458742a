package org.taew.core.logic.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.taew.core.logic.evaluation.SideTemplate;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Side;
import org.taew.core.model.Template;

/**
 * Wordings the workbench proposes for an instruction search, without a network or a language model
 * (issue 30): the family's documented format filled from a small {@link Grammar} (what the query
 * is, what the document is, how they relate), the same sentences about the corpus's own most
 * frequent words ({@link DatasetTerms}), the task's description, and edits of the user's draft
 * ({@link DraftEdits}). Families trained on a fixed set of prefixes (E5, Nomic, EmbeddingGemma) get
 * only combinations of their documented prefixes ({@link DocumentedPrefixes}). Every candidate is
 * an ordinary experiment variant.
 */
public final class WordingCandidates {
    /** The variant name rule of experiment files. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]*";

    /**
     * What the candidates are made for.
     *
     * @param family the model family ({@code e5}, {@code bge}, {@code instruct}, {@code qwen3},
     *     {@code instructor}, {@code gemma}, {@code nomic}, {@code minilm}, or any other, which is
     *     worded like BGE as a control)
     * @param task the task of the instruction file, e.g. {@code retrieval}
     * @param taskDescription the instruction file's description of the task, or null
     * @param card the instruction file's templates for the task (the model card's default)
     * @param draft the editor's current templates, or null (may equal the card)
     * @param data the dataset whose documents give the corpus terms, or null for none
     */
    public record Context(
            String family,
            String task,
            String taskDescription,
            InstructionPair card,
            InstructionPair draft,
            RetrievalDataset data) {
        public Context {
            family = family == null ? "" : family;
            task = task == null ? "" : task;
            card = card == null ? InstructionPair.GENERAL : card;
        }
    }

    /**
     * A proposed wording.
     *
     * @param name unique among the candidates, a valid variant name ({@link #NAME_PATTERN})
     * @param instructions the templates of both sides
     * @param origin where it comes from, in one short phrase for a table: {@code grammar}, {@code
     *     dataset terms (vpn, password, leave)}, {@code draft edit: dropped "relevant"}, …
     * @param documentSide whether its documents are encoded otherwise than the card's (scoring it
     *     costs one pass over the corpus)
     */
    public record Candidate(
            String name, InstructionPair instructions, String origin, boolean documentSide) {}

    private WordingCandidates() {}

    /**
     * At most {@code max} candidates for {@code c}, the same for the same seed: no two with the
     * same templates, none equal to the card, to general mode or to the draft (which the caller has
     * already). Query-side candidates come first, then document-side ones; when there are more than
     * {@code max}, document-side candidates keep up to a quarter of the places. Within each side
     * the sources take turns (draft edits, grammar, corpus terms and the task description), each
     * best first, so that a short list still has some of every kind.
     *
     * @throws IllegalArgumentException when {@code max} is negative
     */
    public static List<Candidate> generate(Context c, int max, long seed) {
        if (max < 0) {
            throw new IllegalArgumentException(
                    "the number of candidates must be 0 or more, not " + max);
        }
        List<Proposal> proposals = interleave(sources(c, seed));
        Set<List<Object>> seen = new HashSet<>();
        seen.add(key(InstructionPair.GENERAL));
        seen.add(key(c.card()));
        if (c.draft() != null) {
            seen.add(key(c.draft()));
        }
        List<Proposal> querySide = new ArrayList<>();
        List<Proposal> documentSide = new ArrayList<>();
        for (Proposal p : proposals) {
            if (seen.add(key(p.instructions()))) {
                (documentSide(c, p) ? documentSide : querySide).add(p);
            }
        }
        int documentPlaces =
                Math.min(documentSide.size(), Math.max(max - querySide.size(), max / 4));
        int queryPlaces = Math.min(querySide.size(), max - documentPlaces);
        List<Candidate> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Proposal p : querySide.subList(0, queryPlaces)) {
            out.add(new Candidate(unique(p.name(), names), p.instructions(), p.origin(), false));
        }
        for (Proposal p : documentSide.subList(0, documentPlaces)) {
            out.add(new Candidate(unique(p.name(), names), p.instructions(), p.origin(), true));
        }
        return List.copyOf(out);
    }

    private static List<List<Proposal>> sources(Context c, long seed) {
        if (DocumentedPrefixes.covers(c.family())) {
            return List.of(DocumentedPrefixes.of(c.family(), c.task(), c.card()));
        }
        List<String> terms =
                c.data() == null
                        ? List.of()
                        : DatasetTerms.top(c.data().documents(), FreeWordings.TERMS);
        List<Proposal> corpus =
                new ArrayList<>(FreeWordings.terms(c.family(), c.task(), c.card(), terms, seed));
        corpus.addAll(FreeWordings.description(c.family(), c.taskDescription(), c.card()));
        return List.of(
                DraftEdits.of(c.family(), c.task(), c.card(), c.draft()),
                FreeWordings.grammar(c.family(), c.task(), c.card(), seed),
                corpus);
    }

    /** The sources taking turns: the first of each, then the second of each, … */
    private static List<Proposal> interleave(List<List<Proposal>> sources) {
        List<Proposal> out = new ArrayList<>();
        int longest = sources.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<Proposal> source : sources) {
                if (i < source.size()) {
                    out.add(source.get(i));
                }
            }
        }
        return out;
    }

    /**
     * Whether the documents are encoded otherwise than with the card (template or pooling): what
     * costs a pass over the corpus.
     */
    private static boolean documentSide(Context c, Proposal p) {
        return !SideTemplate.of(Side.DOCUMENT, p.instructions())
                .equals(SideTemplate.of(Side.DOCUMENT, c.card()));
    }

    /**
     * What makes two pairs the same for a model: the text around each side's input, and whether the
     * instruction is pooled (which matters only when there is an instruction).
     */
    private static List<Object> key(InstructionPair p) {
        Template q = p.query();
        Template d = p.document();
        boolean instructed = !q.isIdentity() || !d.isIdentity();
        return List.of(
                q.prefix(),
                q.suffix(),
                d.prefix(),
                d.suffix(),
                instructed && p.excludeInstructionFromPooling());
    }

    private static String unique(String name, Set<String> taken) {
        String base = name.matches(NAME_PATTERN) ? name : "candidate";
        String n = base;
        for (int i = 2; !taken.add(n); i++) {
            n = base + "-" + i;
        }
        return n;
    }
}
