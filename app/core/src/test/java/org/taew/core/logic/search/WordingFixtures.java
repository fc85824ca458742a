package org.taew.core.logic.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.taew.core.TestPaths;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.instructions.InstructionFileReader;
import org.taew.core.logic.search.WordingCandidates.Candidate;
import org.taew.core.logic.search.WordingCandidates.Context;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TaskInstructions;

/** The shipped instruction files and helpdesk-mini, as the wording tests use them. */
final class WordingFixtures {
    /** More candidates than any family has: all of them. */
    static final int ALL = 10_000;

    private static RetrievalDataset helpdesk;

    private WordingFixtures() {}

    /** The shipped helpdesk-mini, test split (read once). */
    static synchronized RetrievalDataset helpdesk() throws Exception {
        if (helpdesk == null) {
            helpdesk =
                    BeirReader.read(
                            TestPaths.workspace().resolve("datasets/helpdesk-mini"), "test");
        }
        return helpdesk;
    }

    /** The task of a shipped instruction file. */
    static TaskInstructions card(String family, String task) throws Exception {
        Path file = TestPaths.workspace().resolve("instructions").resolve(family + ".yaml");
        return InstructionFileReader.read(file).task(task).orElseThrow();
    }

    /**
     * A context for {@code family} with the card of {@code fileFamily}'s instruction file (another
     * family's for an unknown one) and helpdesk-mini.
     */
    static Context context(String family, String fileFamily, String task, InstructionPair draft)
            throws Exception {
        TaskInstructions t = card(fileFamily, task);
        return new Context(family, task, t.description(), t.instructions(), draft, helpdesk());
    }

    /** The first candidate of an origin. */
    static Candidate firstOf(List<Candidate> candidates, String origin) {
        return candidates.stream().filter(k -> k.origin().equals(origin)).findFirst().orElseThrow();
    }

    /** The query template source of the one candidate of an origin (fails unless there is one). */
    static String queryOf(List<Candidate> candidates, String origin) {
        List<String> found =
                candidates.stream()
                        .filter(k -> k.origin().equals(origin))
                        .map(k -> k.instructions().query().source())
                        .toList();
        assertThat(found)
                .as(
                        "candidates with origin %s among %s",
                        origin, candidates.stream().map(Candidate::origin).toList())
                .hasSize(1);
        return found.get(0);
    }

    /** What a model sees of a pair: the text around the input on each side. */
    static List<String> text(InstructionPair p) {
        return List.of(
                p.query().prefix(),
                p.query().suffix(),
                p.document().prefix(),
                p.document().suffix());
    }
}
