package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.logic.evaluation.SideTemplate;
import org.taew.core.logic.search.WordingCandidates;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Side;

/**
 * The wordings a search scores on one dataset with one model: the card first (every search's
 * reference), the proposals ({@link WordingCandidates}), the draft and the file's own variants;
 * query-side ones before those whose documents are encoded otherwise than the card's, which are
 * kept only within the budget of corpus passes. Names are unique (a file's variant may share a
 * proposal's).
 *
 * @param origins each wording's origin, by name
 * @param documentSide how many change the documents (one corpus pass per distinct encoding)
 * @param leftOut document-side wordings beyond the budget of corpus passes
 * @param corpusPasses the distinct document encodings besides the card's that are kept
 */
record SearchWordings(
        List<ExperimentSpec.Variant> wordings,
        Map<String, String> origins,
        int documentSide,
        int leftOut,
        int corpusPasses) {

    static SearchWordings of(ExperimentSpec spec, SessionSetup setup, InstructionPair draft) {
        ExperimentSpec.Search s = spec.search();
        InstructionPair card = setup.taskInstructions().instructions();
        SideTemplate cardDocuments = SideTemplate.of(Side.DOCUMENT, card);
        List<WordingCandidates.Candidate> proposed =
                new ArrayList<>(
                        WordingCandidates.generate(
                                new WordingCandidates.Context(
                                        setup.model().family(),
                                        setup.task(),
                                        setup.taskInstructions().description(),
                                        card,
                                        draft,
                                        setup.retrieval()),
                                s.candidates(),
                                s.seed()));
        if (draft != null && isNew(proposed, draft, card)) {
            proposed.add(0, candidate("draft", draft, "the editor's draft", cardDocuments));
        }
        for (ExperimentSpec.Variant v : ExperimentPlan.variants(spec, setup)) {
            if (v.dimension() == 0 && isNew(proposed, v.instructions(), card)) {
                proposed.add(
                        candidate(v.name(), v.instructions(), "experiment file", cardDocuments));
            }
        }
        List<WordingCandidates.Candidate> kept = new ArrayList<>();
        kept.add(new WordingCandidates.Candidate(ExperimentSpec.CARD, card, "model card", false));
        Set<SideTemplate> passes = new LinkedHashSet<>();
        passes.add(cardDocuments);
        int leftOut = 0;
        for (WordingCandidates.Candidate c : proposed) {
            SideTemplate doc = SideTemplate.of(Side.DOCUMENT, c.instructions());
            if (passes.contains(doc)) {
                kept.add(c);
            } else if (passes.size() - 1 < s.corpusEncodes()) {
                passes.add(doc);
                kept.add(c);
            } else {
                leftOut++;
            }
        }
        kept.sort((a, b) -> Boolean.compare(a.documentSide(), b.documentSide()));
        List<ExperimentSpec.Variant> wordings = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        int documentSide = 0;
        for (WordingCandidates.Candidate c : kept) {
            String name = c.name();
            for (int i = 2; origins.containsKey(name); i++) {
                name = c.name() + "-" + i;
            }
            wordings.add(new ExperimentSpec.Variant(name, c.instructions(), List.of(), 0));
            origins.put(name, c.origin());
            documentSide += c.documentSide() ? 1 : 0;
        }
        return new SearchWordings(
                List.copyOf(wordings),
                Map.copyOf(origins),
                documentSide,
                leftOut,
                passes.size() - 1);
    }

    /** Whether {@code p} is neither general mode, the card, nor a wording proposed already. */
    private static boolean isNew(
            List<WordingCandidates.Candidate> proposed, InstructionPair p, InstructionPair card) {
        return !p.equals(card)
                && !p.equals(InstructionPair.GENERAL)
                && proposed.stream().noneMatch(c -> c.instructions().equals(p));
    }

    /**
     * A wording of the draft or the file, its document side judged as every wording's is: by how
     * its documents are encoded (template and pooling), which is what a corpus pass is for.
     */
    private static WordingCandidates.Candidate candidate(
            String name, InstructionPair p, String origin, SideTemplate cardDocuments) {
        return new WordingCandidates.Candidate(
                name, p, origin, !SideTemplate.of(Side.DOCUMENT, p).equals(cardDocuments));
    }
}
