package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.taew.core.logic.encoding.Dimensions;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.evaluation.SideTemplate;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.PreparedText;
import org.taew.core.model.Side;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * One side's vectors of each template, cut to each dimension a variant asks for (once, Matryoshka
 * style) and made unit length again, as all vectors of an experiment are.
 */
final class SideVectors {
    private final Map<SideTemplate, Embeddings> full;
    private final Map<SideTemplate, Map<Integer, Embeddings>> cut = new HashMap<>();

    SideVectors(Map<SideTemplate, Embeddings> full) {
        this.full = full;
    }

    /** The vectors of the variant's template of {@code side}, at the variant's dimensions. */
    Embeddings of(ExperimentSpec.Variant v, Side side) {
        SideTemplate key = SideTemplate.of(side, v.instructions());
        Embeddings e = full.get(key);
        if (v.dimension() == 0) {
            return e;
        }
        return cut.computeIfAbsent(key, k -> new HashMap<>())
                .computeIfAbsent(v.dimension(), dim -> Dimensions.cut(e, dim, true));
    }

    /**
     * Encodes each distinct template of one side once, all of them in one call (the embedding cache
     * serves what was encoded before), unit length.
     */
    static Map<SideTemplate, Embeddings> encode(
            EmbeddingService embedder,
            List<TextItem> items,
            List<ExperimentSpec.Variant> variants,
            Side side,
            String what,
            ProgressListener progress)
            throws WorkbenchException {
        return encode(embedder, items, variants, side, what, progress, r -> {});
    }

    /** As {@link #encode}, telling {@code reports} what the embedding service did. */
    static Map<SideTemplate, Embeddings> encode(
            EmbeddingService embedder,
            List<TextItem> items,
            List<ExperimentSpec.Variant> variants,
            Side side,
            String what,
            ProgressListener progress,
            Consumer<EmbeddingService.Report> reports)
            throws WorkbenchException {
        Map<SideTemplate, InstructionPair> distinct = new LinkedHashMap<>();
        for (ExperimentSpec.Variant v : variants) {
            distinct.putIfAbsent(SideTemplate.of(side, v.instructions()), v.instructions());
        }
        List<PreparedText> all = new ArrayList<>(items.size() * distinct.size());
        for (InstructionPair p : distinct.values()) {
            for (TextItem t : items) {
                all.add(p.prepare(side, t.text()));
            }
        }
        EmbeddingService.Result r =
                embedder.encode(all, distinct.size() + " " + what + " templates", progress);
        reports.accept(r.report());
        Embeddings vectors = Vectors.unit(embedder.model(), r.vectors());
        Map<SideTemplate, Embeddings> out = new LinkedHashMap<>();
        int dim = vectors.dim();
        int k = 0;
        for (SideTemplate key : distinct.keySet()) {
            float[] part =
                    Arrays.copyOfRange(
                            vectors.data(), k * items.size() * dim, (k + 1) * items.size() * dim);
            out.put(key, new Embeddings(part, items.size(), dim));
            k++;
        }
        return out;
    }
}
