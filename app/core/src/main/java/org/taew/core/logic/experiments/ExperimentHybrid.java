package org.taew.core.logic.experiments;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.taew.core.logic.lexical.Fusion;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.model.Mode;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The experiment file's {@code hybrid} option, which adds a {@code <variant> + bm25} row per
 * variant: {@code hybrid: rrf} (reciprocal rank fusion, k = 60), {@code hybrid: convex} (BM25
 * weight 0.5), or a mapping {@code {fusion: rrf|convex, rrf_k: K, bm25_weight: W}}; read strictly,
 * written back, and said in words.
 */
final class ExperimentHybrid {
    private static final Set<String> KEYS = Set.of("fusion", "rrf_k", "bm25_weight");

    private ExperimentHybrid() {}

    /** The option's settings; an unknown fusion, key or out-of-range value names file and line. */
    static HybridSettings read(Path file, Node node) throws WorkbenchException {
        if (node instanceof ScalarNode) {
            Fusion.Method m = method(file, node);
            return new HybridSettings(
                    m, Fusion.RRF_K, HybridSettings.DEFAULT.lexicalWeight(), Mode.TASK_AWARE);
        }
        Map<String, Node> h = YamlNodes.mapping(file, node, "hybrid", KEYS);
        if (!h.containsKey("fusion")) {
            throw YamlNodes.at(file, node, "hybrid needs \"fusion\": rrf or convex");
        }
        Fusion.Method m = method(file, h.get("fusion"));
        int k = Fusion.RRF_K;
        if (h.containsKey("rrf_k")) {
            if (m != Fusion.Method.RRF) {
                throw YamlNodes.at(file, h.get("rrf_k"), "rrf_k is for fusion: rrf");
            }
            k = YamlNodes.integer(file, h.get("rrf_k"), "rrf_k");
            if (k < 1) {
                throw YamlNodes.at(file, h.get("rrf_k"), "rrf_k must be 1 or more, not " + k);
            }
        }
        double w = HybridSettings.DEFAULT.lexicalWeight();
        if (h.containsKey("bm25_weight")) {
            if (m != Fusion.Method.CONVEX) {
                throw YamlNodes.at(file, h.get("bm25_weight"), "bm25_weight is for fusion: convex");
            }
            w = YamlNodes.number(file, h.get("bm25_weight"), "bm25_weight");
            if (!(w >= 0 && w <= 1)) {
                throw YamlNodes.at(
                        file, h.get("bm25_weight"), "bm25_weight must be from 0 to 1, not " + w);
            }
        }
        return new HybridSettings(m, k, w, Mode.TASK_AWARE);
    }

    private static Fusion.Method method(Path file, Node node) throws WorkbenchException {
        String f = YamlNodes.scalar(file, node, "fusion");
        Fusion.Method m = Fusion.Method.find(f);
        if (m == null) {
            throw YamlNodes.at(file, node, "hybrid fusion \"" + f + "\" is not rrf or convex");
        }
        return m;
    }

    /** The option as the experiment file writes it, e.g. {@code {fusion: rrf, rrf_k: 60}}. */
    static String yaml(HybridSettings h) {
        return h.fusion() == Fusion.Method.RRF
                ? "{fusion: rrf, rrf_k: " + h.rrfK() + "}"
                : "{fusion: convex, bm25_weight: " + h.lexicalWeight() + "}";
    }

    /** The settings of one variant's hybrid: its dense arm is the variant's mode. */
    static HybridSettings of(HybridSettings h, ExperimentSpec.Variant v) {
        return new HybridSettings(h.fusion(), h.rrfK(), h.lexicalWeight(), v.mode());
    }

    /** E.g. {@code reciprocal rank fusion (k = 60) of BM25 and each variant}. */
    static String describe(HybridSettings h) {
        return h.fusion() == Fusion.Method.RRF
                ? String.format(
                        Locale.ROOT,
                        "reciprocal rank fusion (k = %d) of BM25 and each variant",
                        h.rrfK())
                : String.format(
                        Locale.ROOT,
                        "convex combination of min-max normalised scores, %.2f × BM25 + %.2f ×"
                                + " each variant",
                        h.lexicalWeight(),
                        1 - h.lexicalWeight());
    }
}
