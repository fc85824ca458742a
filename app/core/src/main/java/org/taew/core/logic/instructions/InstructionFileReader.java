package org.taew.core.logic.instructions;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
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
        String content;
        try {
            content =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                            .toString();
        } catch (CharacterCodingException e) {
            throw WorkbenchException.badInput(
                    file + ": is not valid UTF-8 text (save it as UTF-8)");
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file, content);
    }

    /** Parses the content of an instruction file; {@code file} is used in messages. */
    public static InstructionSet parse(Path file, String content) throws WorkbenchException {
        Node root;
        try (Reader reader = new java.io.StringReader(content)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : ":" + (mark.getLine() + 1);
            throw new WorkbenchException(
                    WorkbenchException.Kind.BAD_INPUT,
                    file + where + ": not valid YAML: " + e.getProblem(),
                    e);
        } catch (YAMLException | IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.BAD_INPUT,
                    file + ": not valid YAML: " + e.getMessage(),
                    e);
        }
        if (root == null) {
            throw WorkbenchException.badInput(
                    file + ":1: the file is empty; expected family, models and tasks");
        }
        Map<String, Node> top = mapping(file, root, "the file", TOP_KEYS);
        String family = scalar(file, required(file, root, top, "family"), "family");
        List<String> models = new ArrayList<>();
        Node modelsNode = top.get("models");
        if (modelsNode != null) {
            if (!(modelsNode instanceof SequenceNode)) {
                throw at(
                        file,
                        modelsNode,
                        "\"models\" must be a list of model names, e.g. [e5-small-v2]");
            }
            for (Node n : ((SequenceNode) modelsNode).getValue()) {
                models.add(scalar(file, n, "a model name"));
            }
        }
        Node tasksNode = required(file, root, top, "tasks");
        if (!(tasksNode instanceof MappingNode) || ((MappingNode) tasksNode).getValue().isEmpty()) {
            throw at(
                    file,
                    tasksNode,
                    "\"tasks\" must map task names to their query and document templates");
        }
        Map<String, TaskInstructions> tasks = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) tasksNode).getValue()) {
            String name = scalar(file, t.getKeyNode(), "a task name");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw at(
                        file,
                        t.getKeyNode(),
                        "task name \""
                                + name
                                + "\" may hold only letters, digits, '_', '.' and '-'");
            }
            if (tasks.containsKey(name)) {
                throw at(file, t.getKeyNode(), "task \"" + name + "\" is defined twice");
            }
            tasks.put(name, task(file, name, t.getKeyNode(), t.getValueNode()));
        }
        return new InstructionSet(family, file, models, tasks);
    }

    private static TaskInstructions task(Path file, String name, Node keyNode, Node node)
            throws WorkbenchException {
        Map<String, Node> fields = mapping(file, node, "task \"" + name + "\"", TASK_KEYS);
        String description =
                fields.containsKey("description")
                        ? scalar(file, fields.get("description"), "description")
                        : "";
        Map<String, String> variables = new LinkedHashMap<>();
        String instruction = "";
        if (fields.containsKey("instruction")) {
            instruction = scalar(file, fields.get("instruction"), "instruction");
            variables.put("task", instruction);
        }
        Template query = template(file, required(file, keyNode, fields, "query"), variables);
        Template document = template(file, required(file, keyNode, fields, "document"), variables);
        boolean exclude = false;
        Node excl = fields.get("exclude_instruction_from_pooling");
        if (excl != null) {
            String v = scalar(file, excl, "exclude_instruction_from_pooling");
            if (!v.equals("true") && !v.equals("false")) {
                throw at(
                        file,
                        excl,
                        "exclude_instruction_from_pooling must be true or false, not \""
                                + v
                                + "\"");
            }
            exclude = Boolean.parseBoolean(v);
        }
        return new TaskInstructions(
                name, description, instruction, new InstructionPair(query, document, exclude));
    }

    private static Template template(Path file, Node node, Map<String, String> variables)
            throws WorkbenchException {
        String source = scalar(file, node, "a template");
        try {
            return Template.parse(source, variables);
        } catch (IllegalArgumentException e) {
            throw at(
                    file,
                    node,
                    "template \"" + source.replace("\n", "\\n") + "\": " + e.getMessage());
        }
    }

    private static Map<String, Node> mapping(Path file, Node node, String what, Set<String> allowed)
            throws WorkbenchException {
        if (!(node instanceof MappingNode)) {
            throw at(file, node, what + " must be a mapping of keys " + sorted(allowed));
        }
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            String key = scalar(file, t.getKeyNode(), "a key");
            if (!allowed.contains(key)) {
                throw at(
                        file,
                        t.getKeyNode(),
                        "unknown key \""
                                + key
                                + "\" in "
                                + what
                                + "; expected one of "
                                + sorted(allowed));
            }
            if (result.containsKey(key)) {
                throw at(file, t.getKeyNode(), "duplicate key \"" + key + "\" in " + what);
            }
            result.put(key, t.getValueNode());
        }
        return result;
    }

    private static Node required(Path file, Node parent, Map<String, Node> fields, String key)
            throws WorkbenchException {
        Node n = fields.get(key);
        if (n == null) {
            throw at(
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

    private static String scalar(Path file, Node node, String what) throws WorkbenchException {
        if (!(node instanceof ScalarNode)) {
            throw at(
                    file,
                    node,
                    what + " must be a single value (quote it if it contains ':' or '#')");
        }
        return ((ScalarNode) node).getValue();
    }

    private static String sorted(Set<String> keys) {
        return new java.util.TreeSet<>(keys).toString();
    }

    private static WorkbenchException at(Path file, Node node, String message) {
        return WorkbenchException.badInput(
                file + ":" + (node.getStartMark().getLine() + 1) + ": " + message);
    }
}
