package org.taew.core.logic.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;

/**
 * How a dataset wants to be evaluated, from the optional {@code dataset.yaml} in its folder:
 *
 * <pre>
 * task: duplicate-questions     # the task of the instruction files to use
 * ignore-identical-ids: true    # queries are also documents (symmetric sets)
 * corpus: judged-only           # the corpus holds only judged documents (an import from pairs)
 * </pre>
 *
 * <p>Both are defaults: the command line and the desktop can still choose otherwise. A folder
 * without the file gets {@link #NONE}; without {@code ignore-identical-ids}, {@link IdenticalIds}
 * decides from the ids and texts.
 *
 * @param task the task name, or null to leave the choice to the caller
 * @param ignoreIdenticalIds whether to drop a result whose id equals the query id, or null when the
 *     file does not say
 * @param corpus {@value #JUDGED_ONLY} when the corpus holds only documents some query judged (an
 *     import from pairs alone writes it): retrieval among them is easier than in the full
 *     collection, so scores are optimistic; {@value #COMPLETE} for the whole collection; null when
 *     the file does not say
 */
public record DatasetSettings(String task, Boolean ignoreIdenticalIds, String corpus) {
    public static final String FILE_NAME = "dataset.yaml";
    public static final DatasetSettings NONE = new DatasetSettings(null, null, null);
    public static final String JUDGED_ONLY = "judged-only";
    public static final String COMPLETE = "complete";
    private static final Set<String> KEYS = Set.of("task", "ignore-identical-ids", "corpus");

    /** The settings of a BEIR folder; {@link #NONE} without a dataset.yaml. */
    public static DatasetSettings of(Path folder) throws WorkbenchException {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        Node root = YamlNodes.compose(file, YamlNodes.readUtf8(file));
        if (root == null) {
            return NONE;
        }
        Map<String, Node> fields = YamlNodes.mapping(file, root, "the file", KEYS);
        String task = null;
        if (fields.containsKey("task")) {
            Node n = fields.get("task");
            task = YamlNodes.scalar(file, n, "task");
            if (!task.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw YamlNodes.at(
                        file,
                        n,
                        "task \""
                                + task
                                + "\" is not a task name (letters, digits, '_', '.' and '-')");
            }
        }
        Boolean ignore =
                fields.containsKey("ignore-identical-ids")
                        ? YamlNodes.bool(
                                file, fields.get("ignore-identical-ids"), "ignore-identical-ids")
                        : null;
        String corpus = null;
        if (fields.containsKey("corpus")) {
            Node n = fields.get("corpus");
            corpus = YamlNodes.scalar(file, n, "corpus");
            if (!corpus.equals(JUDGED_ONLY) && !corpus.equals(COMPLETE)) {
                throw YamlNodes.at(
                        file,
                        n,
                        "corpus \""
                                + corpus
                                + "\" is not "
                                + JUDGED_ONLY
                                + " (only judged documents) or "
                                + COMPLETE
                                + " (the whole collection)");
            }
        }
        return new DatasetSettings(task, ignore, corpus);
    }

    /** Whether the corpus holds only judged documents. */
    public boolean judgedOnly() {
        return JUDGED_ONLY.equals(corpus);
    }

    /** The warning every report of a judged-only corpus carries. */
    public static String judgedOnlyWarning(Path folder) {
        return folder.resolve("corpus.jsonl")
                + " holds only the documents some query judged ("
                + FILE_NAME
                + ": corpus: "
                + JUDGED_ONLY
                + "): unjudged documents of the collection are absent, so retrieval is easier and"
                + " scores are optimistic; import the whole collection with --corpus to measure"
                + " it as it is";
    }

    /** The task to use: the caller's choice, else this file's, else {@code fallback}. */
    public String task(String chosen, String fallback) {
        return chosen != null ? chosen : task != null ? task : fallback;
    }
}
