package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.Side;

/**
 * How much a variant moves away from general mode at the same dimensions: the mean cosine of its
 * query and document vectors with general mode's, and the share of general mode's top 10 it keeps.
 */
final class VariantDiagnostics {
    private static final int OVERLAP_K = 10;

    private VariantDiagnostics() {}

    /** The diagnostics of each variant, in the variants' order. */
    static List<ExperimentResult.Diagnostics> of(
            List<ExperimentSpec.Variant> variants,
            SideVectors queries,
            SideVectors docs,
            List<Run> runs,
            List<String> evaluated) {
        List<ExperimentResult.Diagnostics> diagnostics = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            ExperimentSpec.Variant v = variants.get(i);
            // against general mode at the same dimensions
            ExperimentSpec.Variant general =
                    new ExperimentSpec.Variant(
                            ExperimentSpec.GENERAL,
                            InstructionPair.GENERAL,
                            List.of(),
                            0,
                            v.dimension());
            diagnostics.add(
                    new ExperimentResult.Diagnostics(
                            meanRowCosine(
                                    queries.of(v, Side.QUERY), queries.of(general, Side.QUERY)),
                            meanRowCosine(
                                    docs.of(v, Side.DOCUMENT), docs.of(general, Side.DOCUMENT)),
                            overlap(runs.get(i), runs.get(generalAt(variants, v)), evaluated)));
        }
        return diagnostics;
    }

    /** The index of general mode at the variant's dimensions (full vectors: 0). */
    private static int generalAt(List<ExperimentSpec.Variant> variants, ExperimentSpec.Variant v) {
        for (int i = 0; i < variants.size(); i++) {
            ExperimentSpec.Variant g = variants.get(i);
            if (g.dimension() == v.dimension()
                    && g.name()
                            .equals(
                                    v.dimension() == 0
                                            ? ExperimentSpec.GENERAL
                                            : ExperimentSpec.GENERAL + "@" + v.dimension())) {
                return i;
            }
        }
        return 0;
    }

    /** Mean cosine of each row with the same row of {@code general} (unit vectors). */
    static double meanRowCosine(Embeddings a, Embeddings general) {
        double s = 0;
        for (int i = 0; i < a.rows(); i++) {
            s += a.dot(i, general, i);
        }
        return a.rows() == 0 ? Double.NaN : s / a.rows();
    }

    /**
     * Mean share of general mode's top 10 that the top 10 of {@code run} has too (of its top n when
     * the corpus is smaller).
     */
    static double overlap(Run run, Run general, List<String> queries) {
        double s = 0;
        for (String q : queries) {
            Set<String> g = new HashSet<>();
            for (ScoredDoc d : top(general, q)) {
                g.add(d.docId());
            }
            int both = 0;
            for (ScoredDoc d : top(run, q)) {
                both += g.contains(d.docId()) ? 1 : 0;
            }
            s += g.isEmpty() ? 1.0 : (double) both / g.size();
        }
        return queries.isEmpty() ? Double.NaN : s / queries.size();
    }

    private static List<ScoredDoc> top(Run run, String q) {
        List<ScoredDoc> r = run.of(q);
        return r.subList(0, Math.min(OVERLAP_K, r.size()));
    }
}
