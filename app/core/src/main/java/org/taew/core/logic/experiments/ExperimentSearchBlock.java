package org.taew.core.logic.experiments;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The experiment file's {@code search} block, read strictly: {@code candidates}, {@code budget},
 * {@code rounds}, {@code corpus-encodes} and {@code seed}, each optional (the defaults of {@link
 * ExperimentSpec.Search#DEFAULT}); an unknown key or a value out of range names file and line.
 */
final class ExperimentSearchBlock {
    private static final Set<String> KEYS =
            Set.of("candidates", "budget", "rounds", "corpus-encodes", "seed");

    private ExperimentSearchBlock() {}

    static ExperimentSpec.Search read(Path file, Node node) throws WorkbenchException {
        ExperimentSpec.Search d = ExperimentSpec.Search.DEFAULT;
        Map<String, Node> s = YamlNodes.mapping(file, node, "search", KEYS);
        int candidates = count(file, s, "candidates", d.candidates(), 1);
        int budget = count(file, s, "budget", d.budget(), 1);
        int rounds = count(file, s, "rounds", d.rounds(), 1);
        int corpus = count(file, s, "corpus-encodes", d.corpusEncodes(), 0);
        long seed =
                s.containsKey("seed") ? YamlNodes.integer(file, s.get("seed"), "seed") : d.seed();
        return new ExperimentSpec.Search(candidates, budget, rounds, corpus, seed);
    }

    private static int count(Path file, Map<String, Node> s, String key, int fallback, int least)
            throws WorkbenchException {
        if (!s.containsKey(key)) {
            return fallback;
        }
        int v = YamlNodes.integer(file, s.get(key), key);
        if (v < least) {
            throw YamlNodes.at(file, s.get(key), key + " must be " + least + " or more, not " + v);
        }
        return v;
    }
}
