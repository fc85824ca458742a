package org.taew.core.logic.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.taew.core.model.Arm;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Expected results kept as a file next to the data they describe, like Anserini's reproduction
 * YAML: the measure, a tolerance, and per model the score of each mode. Two kinds: a shipped
 * dataset's {@code expected.yaml} (its folder is the data), and a spec in {@code
 * datasets/reproductions/} for data that lies elsewhere (STS-Benchmark in {@code ../shared}):
 *
 * <pre>
 * name: STS-Benchmark test, MTEB cosine Spearman   # optional
 * data: ../shared/reference-data/stsbenchmark/sts-test.csv   # specs only; relative to the workspace
 * layout: sts-benchmark                          # specs only: an STS file in STS-Benchmark's layout
 * mode: general                                  # the mode of results given as bare numbers
 * metric: cosine_spearman                        # or a retrieval measure, e.g. ndcg_cut.10
 * tolerance: 0.0005
 * results:
 *   all-MiniLM-L6-v2: 0.82032
 *   e5-small-v2: {general: 0.80123, task_aware: 0.81234}
 *   BM25: {ndcg_cut.10: 0.6647, recall.100: 0.9076}   # retrieval only: BM25, no model
 * </pre>
 *
 * <p>The entry named {@value #BM25} is the lexical reference (Lucene BM25 with Anserini's
 * defaults): a bare number is of the file's measure, a mapping gives measures by their trec_eval
 * names.
 *
 * <p>Read strictly: an unknown key, a missing one, a value of the wrong kind is an error with file
 * and line.
 */
public record Reproduction(
        Path file,
        String name,
        Path data,
        boolean sts,
        String metric,
        double tolerance,
        List<Expected> expected) {
    /** The file a shipped dataset keeps its expected results in. */
    public static final String DATASET_FILE = "expected.yaml";

    public static final String STS_METRIC = "cosine_spearman";

    private static final Set<String> KEYS =
            Set.of("name", "data", "layout", "mode", "metric", "tolerance", "results");
    private static final Set<String> MODE_KEYS = Set.of("general", "task_aware");

    /** The name of BM25's entry under {@code results}. */
    public static final String BM25 = "BM25";

    /**
     * What one model (or BM25) should score in one arm on one measure.
     *
     * @param metric the measure's trec_eval name (the file's {@code metric} unless BM25's entry
     *     names others)
     */
    public record Expected(String model, Arm arm, String metric, double value) {
        /** A model's expected score in a mode on the file's measure. */
        public Expected(String model, Mode mode, String metric, double value) {
            this(model, Arm.of(mode), metric, value);
        }
    }

    /** One model's (or BM25's) outcome in one arm on one measure. */
    public record Row(String model, Arm arm, String metric, double ours, double expected) {
        public double difference() {
            return ours - expected;
        }
    }

    public Reproduction {
        expected = List.copyOf(expected);
    }

    /** The models, in file order, each once (BM25 is not a model). */
    public List<String> models() {
        List<String> m = new ArrayList<>();
        for (Expected e : expected) {
            if (e.arm().dense() && !m.contains(e.model())) {
                m.add(e.model());
            }
        }
        return m;
    }

    /** The modes a model is expected in. */
    public Set<Mode> modes(String model) {
        Set<Mode> modes = EnumSet.noneOf(Mode.class);
        for (Expected e : expected) {
            if (e.arm().dense() && e.model().equals(model)) {
                modes.add(e.arm().mode());
            }
        }
        return modes;
    }

    /** BM25's expected figures (none when the file has no {@value #BM25} entry). */
    public List<Expected> bm25() {
        List<Expected> out = new ArrayList<>();
        for (Expected e : expected) {
            if (e.arm() == Arm.BM25) {
                out.add(e);
            }
        }
        return out;
    }

    public boolean matches(Row row) {
        return Math.abs(row.difference()) <= tolerance + 1e-12;
    }

    /**
     * Reads a spec of {@code datasets/reproductions/} ({@code data} resolved against {@code
     * workspaceRoot}), or a dataset's {@value #DATASET_FILE} (its folder is the data).
     */
    public static Reproduction read(Path file, Path workspaceRoot) throws WorkbenchException {
        Node root = YamlNodes.compose(file, YamlNodes.readUtf8(file));
        if (root == null) {
            throw WorkbenchException.badInput(file + ": empty; expected metric and results");
        }
        Map<String, Node> f = YamlNodes.mapping(file, root, "the file", KEYS);
        boolean datasetFile = file.getFileName().toString().equals(DATASET_FILE);
        Path data;
        if (datasetFile) {
            for (String k : List.of("data", "layout")) {
                if (f.containsKey(k)) {
                    throw YamlNodes.at(
                            file,
                            f.get(k),
                            "\""
                                    + k
                                    + "\" is for specs in datasets/reproductions; the data of "
                                    + DATASET_FILE
                                    + " is its folder");
                }
            }
            data = file.toAbsolutePath().getParent();
        } else {
            data = workspaceRoot.resolve(required(file, f, root, "data")).normalize();
        }
        boolean sts = !datasetFile;
        if (f.containsKey("layout")) {
            String layout = YamlNodes.scalar(file, f.get("layout"), "layout");
            if (!layout.equals("sts-benchmark")) {
                throw YamlNodes.at(
                        file, f.get("layout"), "layout \"" + layout + "\" is not sts-benchmark");
            }
        }
        String metric = required(file, f, root, "metric");
        if (sts && !metric.equals(STS_METRIC)) {
            throw YamlNodes.at(
                    file,
                    f.get("metric"),
                    "an STS spec measures " + STS_METRIC + ", not " + metric);
        }
        if (!sts) {
            try {
                MetricId.parse(metric);
            } catch (IllegalArgumentException e) {
                throw YamlNodes.at(file, f.get("metric"), e.getMessage());
            }
        }
        Mode bare = Mode.GENERAL;
        if (f.containsKey("mode")) {
            bare = mode(file, f.get("mode"), YamlNodes.scalar(file, f.get("mode"), "mode"));
        }
        double tolerance = 0.0005;
        if (f.containsKey("tolerance")) {
            tolerance = YamlNodes.number(file, f.get("tolerance"), "tolerance");
            if (tolerance < 0) {
                throw YamlNodes.at(file, f.get("tolerance"), "tolerance must not be negative");
            }
        }
        if (!f.containsKey("results")) {
            throw YamlNodes.at(
                    file,
                    root,
                    "missing \"results\" (model: score, or model: {general:"
                            + " score, task_aware: score})");
        }
        List<Expected> expected = new ArrayList<>();
        Node results = f.get("results");
        if (!(results instanceof MappingNode)) {
            throw YamlNodes.at(file, results, "results must map each model to its scores");
        }
        for (var t : ((MappingNode) results).getValue()) {
            String model = YamlNodes.scalar(file, t.getKeyNode(), "a model name");
            Node v = t.getValueNode();
            if (model.equals(BM25)) {
                if (sts) {
                    throw YamlNodes.at(
                            file, t.getKeyNode(), "BM25 ranks documents; an STS spec has no BM25");
                }
                expected.addAll(bm25(file, v, metric));
            } else if (v instanceof MappingNode) {
                Map<String, Node> byMode =
                        YamlNodes.mapping(file, v, "the results of " + model, MODE_KEYS);
                for (Map.Entry<String, Node> e : byMode.entrySet()) {
                    expected.add(
                            new Expected(
                                    model,
                                    mode(file, e.getValue(), e.getKey()),
                                    metric,
                                    YamlNodes.number(
                                            file, e.getValue(), model + " " + e.getKey())));
                }
            } else {
                expected.add(
                        new Expected(
                                model,
                                bare,
                                metric,
                                YamlNodes.number(file, v, "the result of " + model)));
            }
        }
        if (expected.isEmpty()) {
            throw YamlNodes.at(file, results, "results name no model");
        }
        String name =
                f.containsKey("name")
                        ? YamlNodes.scalar(file, f.get("name"), "name")
                        : datasetFile
                                ? data.getFileName().toString()
                                : file.getFileName().toString().replaceFirst("\\.yaml$", "");
        return new Reproduction(file, name, data, sts, metric, tolerance, expected);
    }

    /** BM25's entry: a number of the file's measure, or measures by name. */
    private static List<Expected> bm25(Path file, Node v, String metric) throws WorkbenchException {
        List<Expected> out = new ArrayList<>();
        if (!(v instanceof MappingNode)) {
            out.add(
                    new Expected(
                            BM25, Arm.BM25, metric, YamlNodes.number(file, v, "BM25's result")));
            return out;
        }
        for (var t : ((MappingNode) v).getValue()) {
            String m = YamlNodes.scalar(file, t.getKeyNode(), "a measure");
            try {
                MetricId.parse(m);
            } catch (IllegalArgumentException e) {
                throw YamlNodes.at(file, t.getKeyNode(), "BM25: " + e.getMessage());
            }
            out.add(
                    new Expected(
                            BM25,
                            Arm.BM25,
                            m,
                            YamlNodes.number(file, t.getValueNode(), "BM25's " + m)));
        }
        if (out.isEmpty()) {
            throw YamlNodes.at(file, v, "BM25 names no measure");
        }
        return out;
    }

    private static String required(Path file, Map<String, Node> f, Node root, String key)
            throws WorkbenchException {
        if (!f.containsKey(key)) {
            throw YamlNodes.at(file, root, "missing \"" + key + "\"");
        }
        return YamlNodes.scalar(file, f.get(key), key);
    }

    private static Mode mode(Path file, Node node, String v) throws WorkbenchException {
        return switch (v) {
            case "general" -> Mode.GENERAL;
            case "task_aware", "task-aware" -> Mode.TASK_AWARE;
            default ->
                    throw YamlNodes.at(
                            file, node, "mode \"" + v + "\" is not general or task_aware");
        };
    }

    /** The specs in a folder, by name. */
    public static List<Path> list(Path dir) throws WorkbenchException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return new ArrayList<>(
                    s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList());
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot list " + dir, e);
        }
    }

    /**
     * Writes a dataset's {@value #DATASET_FILE} with measured scores (atomically): the record of
     * what the models score now, which later runs must reproduce.
     */
    public static void record(
            Path datasetDir, String metric, double tolerance, List<Row> measured, String command)
            throws WorkbenchException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Expected results of this dataset, checked by `taew reproduce ")
                .append(datasetDir.getFileName())
                .append("` (and by the test suite).\n")
                .append("# Measured with `")
                .append(command)
                .append("`; the task and settings are the dataset's dataset.yaml.\n")
                .append("metric: ")
                .append(metric)
                .append('\n')
                .append("tolerance: ")
                .append(tolerance)
                .append('\n')
                .append("results:\n");
        String model = null;
        for (Row r : measured) {
            if (r.arm() == Arm.BM25) {
                continue;
            }
            if (!r.model().equals(model)) {
                model = r.model();
                sb.append("  ").append(model).append(":\n");
            }
            sb.append("    ")
                    .append(r.arm().key())
                    .append(": ")
                    .append(String.format(Locale.ROOT, "%.5f", r.ours()))
                    .append('\n');
        }
        String lexical = "";
        for (Row r : measured) {
            if (r.arm() == Arm.BM25) {
                lexical +=
                        (lexical.isEmpty() ? "" : ", ")
                                + r.metric()
                                + ": "
                                + String.format(Locale.ROOT, "%.5f", r.ours());
            }
        }
        if (!lexical.isEmpty()) {
            sb.append(
                            "  # Lucene BM25 with Anserini's defaults (k1 0.9, b 0.4, English analysis)\n")
                    .append("  ")
                    .append(BM25)
                    .append(": {")
                    .append(lexical)
                    .append("}\n");
        }
        AtomicFiles.writeString(datasetDir.resolve(DATASET_FILE), sb.toString());
    }
}
