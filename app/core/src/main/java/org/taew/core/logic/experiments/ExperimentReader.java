package org.taew.core.logic.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.TaskTemplates;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an experiment file strictly: an unknown key, a duplicate variant name, a template without
 * {@code {text}} or with an unknown placeholder, a value of the wrong kind is an error naming the
 * file and line.
 */
public final class ExperimentReader {
    private static final Set<String> KEYS =
            Set.of(
                    "name",
                    "datasets",
                    "models",
                    "task",
                    "split",
                    "selection",
                    "measure",
                    "baseline",
                    "variants",
                    "grids",
                    "dimensions",
                    "hybrid",
                    "search");
    private static final Set<String> SELECTION_KEYS = Set.of("dev", "folds", "seed");
    private static final Set<String> VARIANT_KEYS =
            Set.of(
                    "name",
                    "families",
                    "query",
                    "document",
                    "instruction",
                    "exclude_instruction_from_pooling");
    private static final Set<String> GRID_KEYS =
            Set.of(
                    "name",
                    "families",
                    "query",
                    "document",
                    "instructions",
                    "exclude_instruction_from_pooling");
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]*";

    private ExperimentReader() {}

    public static ExperimentSpec read(Path file) throws WorkbenchException {
        Node root = YamlNodes.compose(file, YamlNodes.readUtf8(file));
        if (root == null) {
            throw WorkbenchException.badInput(file + ": empty; expected datasets and variants");
        }
        Map<String, Node> f = YamlNodes.mapping(file, root, "the file", KEYS);
        String name =
                f.containsKey("name")
                        ? YamlNodes.scalar(file, f.get("name"), "name")
                        : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!f.containsKey("datasets")) {
            throw YamlNodes.at(file, root, "missing \"datasets\" (names or folders)");
        }
        List<String> datasets = strings(file, f.get("datasets"), "datasets");
        if (datasets.isEmpty()) {
            throw YamlNodes.at(file, f.get("datasets"), "datasets names none");
        }
        List<String> models =
                f.containsKey("models") ? strings(file, f.get("models"), "models") : List.of();
        String task = f.containsKey("task") ? YamlNodes.scalar(file, f.get("task"), "task") : null;
        String split =
                f.containsKey("split") ? YamlNodes.scalar(file, f.get("split"), "split") : null;
        MetricId measure = MetricId.parse("ndcg_cut.10");
        if (f.containsKey("measure")) {
            try {
                measure = MetricId.parse(YamlNodes.scalar(file, f.get("measure"), "measure"));
            } catch (IllegalArgumentException e) {
                throw YamlNodes.at(file, f.get("measure"), e.getMessage());
            }
        }
        ExperimentSpec.Baseline baseline = ExperimentSpec.Baseline.GENERAL;
        if (f.containsKey("baseline")) {
            String b = YamlNodes.scalar(file, f.get("baseline"), "baseline");
            baseline =
                    switch (b) {
                        case "general" -> ExperimentSpec.Baseline.GENERAL;
                        case "card" -> ExperimentSpec.Baseline.CARD;
                        case "bm25" -> ExperimentSpec.Baseline.BM25;
                        default ->
                                throw YamlNodes.at(
                                        file,
                                        f.get("baseline"),
                                        "baseline \"" + b + "\" is not general, card or bm25");
                    };
        }
        ExperimentSpec.Selection selection = selection(file, f.get("selection"));
        List<Integer> dimensions = dimensions(file, f.get("dimensions"));
        HybridSettings hybrid =
                f.containsKey("hybrid") ? ExperimentHybrid.read(file, f.get("hybrid")) : null;
        List<ExperimentSpec.Variant> variants = new ArrayList<>();
        if (f.containsKey("variants")) {
            for (Node v : sequence(file, f.get("variants"), "variants")) {
                variants.add(variant(file, v));
            }
        }
        if (f.containsKey("grids")) {
            for (Node g : sequence(file, f.get("grids"), "grids")) {
                variants.addAll(grid(file, g));
            }
        }
        if (variants.isEmpty() && !f.containsKey("search")) {
            throw YamlNodes.at(
                    file,
                    root,
                    "no variants: give \"variants\" or \"grids\" (or a \"search\" block for taew"
                            + " experiment search)");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (ExperimentSpec.Variant v : variants) {
            if (v.name().equals(ExperimentSpec.GENERAL)
                    || v.name().equals(ExperimentSpec.CARD)
                    || v.name().equals(ExperimentSpec.BM25)) {
                throw WorkbenchException.badInput(
                        file
                                + ":"
                                + v.line()
                                + ": the names general, card and bm25 are taken (every leaderboard"
                                + " has them)");
            }
            for (String family : v.families().isEmpty() ? List.of("") : v.families()) {
                Integer before = seen.putIfAbsent(family + "\u0000" + v.name(), v.line());
                if (before != null) {
                    throw WorkbenchException.badInput(
                            file
                                    + ":"
                                    + v.line()
                                    + ": duplicate variant name \""
                                    + v.name()
                                    + "\" (first on line "
                                    + before
                                    + ")");
                }
            }
        }
        return new ExperimentSpec(
                file,
                name,
                datasets,
                models,
                task,
                split,
                selection,
                measure,
                baseline,
                variants,
                dimensions,
                hybrid,
                f.containsKey("search") ? ExperimentSearchBlock.read(file, f.get("search")) : null);
    }

    /** {@code dimensions: [256, 128]}: distinct positive whole numbers. */
    private static List<Integer> dimensions(Path file, Node node) throws WorkbenchException {
        List<Integer> dims = new ArrayList<>();
        if (node == null) {
            return dims;
        }
        for (Node d : sequence(file, node, "dimensions")) {
            int value = YamlNodes.integer(file, d, "a dimension");
            if (value < 1) {
                throw YamlNodes.at(file, d, "a dimension must be 1 or more, not " + value);
            }
            if (dims.contains(value)) {
                throw YamlNodes.at(file, d, "dimension " + value + " is listed twice");
            }
            dims.add(value);
        }
        return dims;
    }

    private static ExperimentSpec.Selection selection(Path file, Node node)
            throws WorkbenchException {
        ExperimentSpec.Selection d = ExperimentSpec.Selection.DEFAULT;
        if (node == null) {
            return d;
        }
        Map<String, Node> s = YamlNodes.mapping(file, node, "selection", SELECTION_KEYS);
        boolean useDev = d.useDev();
        String dev = d.devSplit();
        if (s.containsKey("dev")) {
            String v = YamlNodes.scalar(file, s.get("dev"), "dev");
            if (v.equals("false") || v.equals("none")) {
                useDev = false;
            } else {
                dev = v;
            }
        }
        int folds =
                s.containsKey("folds")
                        ? YamlNodes.integer(file, s.get("folds"), "folds")
                        : d.folds();
        if (folds < 2) {
            throw YamlNodes.at(file, s.get("folds"), "folds must be at least 2");
        }
        long seed =
                s.containsKey("seed") ? YamlNodes.integer(file, s.get("seed"), "seed") : d.seed();
        return new ExperimentSpec.Selection(useDev, dev, folds, seed);
    }

    private static ExperimentSpec.Variant variant(Path file, Node node) throws WorkbenchException {
        Map<String, Node> v = YamlNodes.mapping(file, node, "a variant", VARIANT_KEYS);
        String name = name(file, v, node);
        for (String k : List.of("query", "document")) {
            if (!v.containsKey(k)) {
                throw YamlNodes.at(
                        file, node, "variant \"" + name + "\" has no \"" + k + "\" template");
            }
        }
        TaskTemplates t =
                new TaskTemplates(
                        YamlNodes.scalar(file, v.get("query"), "query"),
                        YamlNodes.scalar(file, v.get("document"), "document"),
                        v.containsKey("instruction")
                                ? YamlNodes.scalar(file, v.get("instruction"), "instruction")
                                : "",
                        exclude(file, v));
        return new ExperimentSpec.Variant(
                name, compile(file, node, name, t), families(file, v), line(node));
    }

    /** Every combination of query template × document template × task instruction. */
    private static List<ExperimentSpec.Variant> grid(Path file, Node node)
            throws WorkbenchException {
        Map<String, Node> g = YamlNodes.mapping(file, node, "a grid", GRID_KEYS);
        String name = name(file, g, node);
        for (String k : List.of("query", "document")) {
            if (!g.containsKey(k)) {
                throw YamlNodes.at(
                        file, node, "grid \"" + name + "\" has no \"" + k + "\" templates");
            }
        }
        List<String> queries = strings(file, g.get("query"), "query");
        List<String> documents = strings(file, g.get("document"), "document");
        List<String> instructions =
                g.containsKey("instructions")
                        ? strings(file, g.get("instructions"), "instructions")
                        : List.of("");
        boolean exclude = exclude(file, g);
        List<String> families = families(file, g);
        List<ExperimentSpec.Variant> out = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            for (int d = 0; d < documents.size(); d++) {
                for (int i = 0; i < instructions.size(); i++) {
                    String n =
                            name
                                    + (queries.size() > 1 ? "-q" + (q + 1) : "")
                                    + (documents.size() > 1 ? "-d" + (d + 1) : "")
                                    + (instructions.size() > 1 ? "-i" + (i + 1) : "");
                    TaskTemplates t =
                            new TaskTemplates(
                                    queries.get(q), documents.get(d), instructions.get(i), exclude);
                    out.add(
                            new ExperimentSpec.Variant(
                                    n, compile(file, node, n, t), families, line(node)));
                }
            }
        }
        return out;
    }

    private static InstructionPair compile(Path file, Node node, String name, TaskTemplates t)
            throws WorkbenchException {
        try {
            return t.compile();
        } catch (IllegalArgumentException e) {
            throw YamlNodes.at(file, node, "variant \"" + name + "\": " + e.getMessage());
        }
    }

    private static String name(Path file, Map<String, Node> m, Node node)
            throws WorkbenchException {
        if (!m.containsKey("name")) {
            throw YamlNodes.at(file, node, "missing \"name\"");
        }
        String n = YamlNodes.scalar(file, m.get("name"), "name");
        if (!n.matches(NAME)) {
            throw YamlNodes.at(
                    file,
                    m.get("name"),
                    "name \"" + n + "\" may hold letters, digits, '_', '.', '-'");
        }
        return n;
    }

    private static boolean exclude(Path file, Map<String, Node> m) throws WorkbenchException {
        return m.containsKey("exclude_instruction_from_pooling")
                && YamlNodes.bool(
                        file,
                        m.get("exclude_instruction_from_pooling"),
                        "exclude_instruction_from_pooling");
    }

    private static List<String> families(Path file, Map<String, Node> m) throws WorkbenchException {
        return m.containsKey("families") ? strings(file, m.get("families"), "families") : List.of();
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static List<Node> sequence(Path file, Node node, String what)
            throws WorkbenchException {
        if (!(node instanceof SequenceNode s)) {
            throw YamlNodes.at(file, node, what + " must be a list");
        }
        return s.getValue();
    }

    /** A list of strings, or one string. */
    private static List<String> strings(Path file, Node node, String what)
            throws WorkbenchException {
        if (node instanceof ScalarNode) {
            return List.of(YamlNodes.scalar(file, node, what));
        }
        List<String> out = new ArrayList<>();
        for (Node n : sequence(file, node, what)) {
            out.add(YamlNodes.scalar(file, n, what));
        }
        return out;
    }
}
