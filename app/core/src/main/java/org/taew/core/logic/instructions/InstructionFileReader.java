package org.taew.core.logic.instructions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.TaskInstructions;
import org.taew.core.model.Template;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an instruction file (YAML; the format is documented in {@code docs/formats.md}):
 *
 * <pre>
 * family: e5
 * models: [e5-small-v2]
 * tasks:
 *   retrieval:
 *     description: short question → passage that answers it
 *     query: "query: {text}"
 *     document: "passage: {text}"
 * </pre>
 *
 * <p>The file is read as a node tree so that every complaint names the file and the line of the
 * offending node. Only plain scalars, sequences and mappings are accepted: no tags, no anchors that
 * build objects.
 */
public final class InstructionFileReader {
    private static final Set<String> TOP_KEYS = Set.of("family", "description", "models", "tasks");
    private static final Set<String> TASK_KEYS =
            Set.of(
                    "description",
                    "instruction",
                    "query",
                    "document",
                    "exclude_instruction_from_pooling");

    private InstructionFileReader() {}

    public static InstructionSet read(Path file) throws WorkbenchException {
        return parse(file, YamlNodes.readUtf8(file));
    }

    /** Parses the content of an instruction file; {@code file} is used in messages. */
    public static InstructionSet parse(Path file, String content) throws WorkbenchException {
        Node root = YamlNodes.compose(file, content);
        if (root == null) {
            throw WorkbenchException.badInput(
                    file + ":1: the file is empty; expected family, models and tasks");
        }
        Map<String, Node> top = YamlNodes.mapping(file, root, "the file", TOP_KEYS);
        String family = YamlNodes.scalar(file, required(file, root, top, "family"), "family");
        List<String> models = new ArrayList<>();
        Node modelsNode = top.get("models");
        if (modelsNode != null) {
            if (!(modelsNode instanceof SequenceNode)) {
                throw YamlNodes.at(
                        file,
                        modelsNode,
                        "\"models\" must be a list of model names, e.g. [e5-small-v2]");
            }
            for (Node n : ((SequenceNode) modelsNode).getValue()) {
                models.add(YamlNodes.scalar(file, n, "a model name"));
            }
        }
        Node tasksNode = required(file, root, top, "tasks");
        if (!(tasksNode instanceof MappingNode) || ((MappingNode) tasksNode).getValue().isEmpty()) {
            throw YamlNodes.at(
                    file,
                    tasksNode,
                    "\"tasks\" must map task names to their query and document templates");
        }
        Map<String, TaskInstructions> tasks = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) tasksNode).getValue()) {
            String name = YamlNodes.scalar(file, t.getKeyNode(), "a task name");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw YamlNodes.at(
                        file,
                        t.getKeyNode(),
                        "task name \""
                                + name
                                + "\" may hold only letters, digits, '_', '.' and '-'");
            }
            if (tasks.containsKey(name)) {
                throw YamlNodes.at(file, t.getKeyNode(), "task \"" + name + "\" is defined twice");
            }
            tasks.put(name, task(file, name, t.getKeyNode(), t.getValueNode()));
        }
        return new InstructionSet(family, file, models, tasks);
    }

    private static TaskInstructions task(Path file, String name, Node keyNode, Node node)
            throws WorkbenchException {
        Map<String, Node> fields =
                YamlNodes.mapping(file, node, "task \"" + name + "\"", TASK_KEYS);
        String description =
                fields.containsKey("description")
                        ? YamlNodes.scalar(file, fields.get("description"), "description")
                        : "";
        Map<String, String> variables = new LinkedHashMap<>();
        String instruction = "";
        if (fields.containsKey("instruction")) {
            instruction = YamlNodes.scalar(file, fields.get("instruction"), "instruction");
            variables.put("task", instruction);
        }
        Template query = template(file, required(file, keyNode, fields, "query"), variables);
        Template document = template(file, required(file, keyNode, fields, "document"), variables);
        boolean exclude = false;
        Node excl = fields.get("exclude_instruction_from_pooling");
        if (excl != null) {
            exclude = YamlNodes.bool(file, excl, "exclude_instruction_from_pooling");
        }
        return new TaskInstructions(
                name, description, instruction, new InstructionPair(query, document, exclude));
    }

    private static Template template(Path file, Node node, Map<String, String> variables)
            throws WorkbenchException {
        String source = YamlNodes.scalar(file, node, "a template");
        try {
            return Template.parse(source, variables);
        } catch (IllegalArgumentException e) {
            throw YamlNodes.at(
                    file,
                    node,
                    "template \"" + source.replace("\n", "\\n") + "\": " + e.getMessage());
        }
    }

    private static Node required(Path file, Node parent, Map<String, Node> fields, String key)
            throws WorkbenchException {
        Node n = fields.get(key);
        if (n == null) {
            throw YamlNodes.at(
                    file,
                    parent,
                    "missing \""
                            + key
                            + "\""
                            + (parent instanceof ScalarNode
                                    ? " in task \"" + ((ScalarNode) parent).getValue() + "\""
                                    : ""));
        }
        return n;
    }
}
