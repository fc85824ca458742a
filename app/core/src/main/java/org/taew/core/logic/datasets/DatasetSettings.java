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
 * </pre>
 *
 * <p>Both are defaults: the command line and the desktop can still choose otherwise. A folder
 * without the file gets {@link #NONE}.
 *
 * @param task the task name, or null to leave the choice to the caller
 * @param ignoreIdenticalIds whether to drop a result whose id equals the query id, or null when the
 *     file does not say
 */
public record DatasetSettings(String task, Boolean ignoreIdenticalIds) {
    public static final String FILE_NAME = "dataset.yaml";
    public static final DatasetSettings NONE = new DatasetSettings(null, null);
    private static final Set<String> KEYS = Set.of("task", "ignore-identical-ids");

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
        return new DatasetSettings(task, ignore);
    }

    /** The task to use: the caller's choice, else this file's, else {@code fallback}. */
    public String task(String chosen, String fallback) {
        return chosen != null ? chosen : task != null ? task : fallback;
    }

    /** Whether to ignore identical ids: the caller's choice, else this file's, else false. */
    public boolean ignoreIdenticalIds(Boolean chosen) {
        return chosen != null ? chosen : ignoreIdenticalIds != null && ignoreIdenticalIds;
    }
}
