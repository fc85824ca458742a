package org.taew.core.logic.instructions;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.TaskInstructions;
import org.taew.core.model.TaskTemplates;
import org.taew.core.util.WorkbenchException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Writes edits back into an instruction file without disturbing the rest of it: the scalar of each
 * changed field is replaced where it stands, so comments, key order and the other tasks stay as the
 * user wrote them. Every result is read back and compared with the edit before it is returned; the
 * caller writes it atomically.
 */
public final class InstructionFileWriter {
    private InstructionFileWriter() {}

    /**
     * The content of an instruction file with task {@code task} set to {@code edit}; the task is
     * appended under {@code tasks:} when the file does not have it yet.
     *
     * @param file used in messages only
     */
    public static String withTask(Path file, String content, String task, TaskTemplates edit)
            throws WorkbenchException {
        // The current content must itself be valid; its messages name the line.
        InstructionSet current = InstructionFileReader.parse(file, content);
        MappingNode root = (MappingNode) compose(content);
        MappingNode tasks = (MappingNode) valueOf(root, "tasks");
        MappingNode taskNode = (MappingNode) valueOf(tasks, task);
        String result;
        if (taskNode == null) {
            result = appendTask(content, tasks, task, edit);
        } else {
            TaskTemplates was = TaskTemplates.of(current.task(task).orElseThrow());
            result = content;
            // Replace from the end of the file backwards, so earlier offsets stay valid.
            record Change(Node at, String key, String value) {}
            List<Change> changes = new ArrayList<>();
            if (!was.query().equals(edit.query())) {
                changes.add(new Change(valueOf(taskNode, "query"), "query", quote(edit.query())));
            }
            if (!was.document().equals(edit.document())) {
                changes.add(
                        new Change(
                                valueOf(taskNode, "document"), "document", quote(edit.document())));
            }
            if (!was.instruction().equals(edit.instruction())) {
                changes.add(
                        new Change(
                                valueOf(taskNode, "instruction"),
                                "instruction",
                                quote(edit.instruction())));
            }
            if (was.excludeInstructionFromPooling() != edit.excludeInstructionFromPooling()) {
                changes.add(
                        new Change(
                                valueOf(taskNode, "exclude_instruction_from_pooling"),
                                "exclude_instruction_from_pooling",
                                Boolean.toString(edit.excludeInstructionFromPooling())));
            }
            changes.sort(
                    (a, b) ->
                            Integer.compare(
                                    b.at() == null
                                            ? Integer.MAX_VALUE
                                            : b.at().getStartMark().getIndex(),
                                    a.at() == null
                                            ? Integer.MAX_VALUE
                                            : a.at().getStartMark().getIndex()));
            String indent = keyIndent(taskNode);
            for (Change c : changes) {
                if (c.at() == null) {
                    int end = lineEnd(result, offset(result, lastScalarEnd(taskNode)));
                    result = insertLine(result, end, indent + c.key() + ": " + c.value());
                } else {
                    int from = offset(result, c.at().getStartMark().getIndex());
                    int to = offset(result, c.at().getEndMark().getIndex());
                    result = result.substring(0, from) + c.value() + result.substring(to);
                }
            }
        }
        verify(file, result, task, edit);
        return result;
    }

    /** A new instruction file holding {@code tasks} (drafts applied), for "save as new set". */
    public static String newFile(
            Path file,
            String family,
            String description,
            List<String> models,
            Map<String, TaskInstructions> tasks,
            Map<String, TaskTemplates> edits,
            String header)
            throws WorkbenchException {
        StringBuilder sb = new StringBuilder();
        for (String line : header.split("\n", -1)) {
            if (!line.isEmpty()) {
                sb.append("# ").append(line).append('\n');
            }
        }
        sb.append("family: ").append(quote(family)).append('\n');
        if (!description.isEmpty()) {
            sb.append("description: ").append(quote(description)).append('\n');
        }
        sb.append("models: [");
        for (int i = 0; i < models.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(models.get(i)));
        }
        sb.append("]\ntasks:\n");
        for (TaskInstructions t : tasks.values()) {
            TaskTemplates e = edits.getOrDefault(t.name(), TaskTemplates.of(t));
            sb.append("  ").append(t.name()).append(":\n");
            appendFields(sb, "    ", t.description(), e);
        }
        String content = sb.toString();
        InstructionSet set = InstructionFileReader.parse(file, content);
        for (TaskInstructions t : tasks.values()) {
            verify(file, content, t.name(), edits.getOrDefault(t.name(), TaskTemplates.of(t)));
        }
        if (!set.family().equals(family)) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Could not write the family name of " + file, null);
        }
        return content;
    }

    /** A YAML double-quoted scalar holding exactly {@code s}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static void appendFields(
            StringBuilder sb, String indent, String description, TaskTemplates e) {
        if (!description.isEmpty()) {
            sb.append(indent).append("description: ").append(quote(description)).append('\n');
        }
        if (!e.instruction().isEmpty()) {
            sb.append(indent).append("instruction: ").append(quote(e.instruction())).append('\n');
        }
        sb.append(indent).append("query: ").append(quote(e.query())).append('\n');
        sb.append(indent).append("document: ").append(quote(e.document())).append('\n');
        if (e.excludeInstructionFromPooling()) {
            sb.append(indent).append("exclude_instruction_from_pooling: true\n");
        }
    }

    private static String appendTask(
            String content, MappingNode tasks, String task, TaskTemplates edit) {
        String taskIndent = "  ";
        String fieldIndent = "    ";
        if (!tasks.getValue().isEmpty()) {
            NodeTuple first = tasks.getValue().get(0);
            taskIndent = " ".repeat(first.getKeyNode().getStartMark().getColumn());
            if (first.getValueNode() instanceof MappingNode m && !m.getValue().isEmpty()) {
                fieldIndent =
                        " ".repeat(m.getValue().get(0).getKeyNode().getStartMark().getColumn());
            } else {
                fieldIndent = taskIndent + "  ";
            }
        }
        StringBuilder block = new StringBuilder();
        block.append(taskIndent).append(task).append(":\n");
        appendFields(block, fieldIndent, "", edit);
        String body = block.toString();
        int end = lineEnd(content, offset(content, lastScalarEnd(tasks)));
        return insertLine(content, end, body.substring(0, body.length() - 1));
    }

    private static void verify(Path file, String content, String task, TaskTemplates edit)
            throws WorkbenchException {
        InstructionSet back = InstructionFileReader.parse(file, content);
        TaskTemplates got = back.task(task).map(TaskTemplates::of).orElse(null);
        if (!edit.equals(got)) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Could not write task \""
                            + task
                            + "\" into "
                            + file
                            + " without changing its meaning; the file was left as it was",
                    null);
        }
    }

    private static Node compose(String content) throws WorkbenchException {
        try (StringReader r = new StringReader(content)) {
            return new Yaml(new LoaderOptions()).compose(r);
        } catch (RuntimeException e) {
            throw WorkbenchException.badInput("not valid YAML: " + e.getMessage());
        }
    }

    private static Node valueOf(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static String keyIndent(MappingNode map) {
        return " ".repeat(map.getValue().get(0).getKeyNode().getStartMark().getColumn());
    }

    /** SnakeYAML marks count code points; Java strings count UTF-16 units. */
    private static int offset(String content, int codePointIndex) {
        int cps = content.codePointCount(0, content.length());
        return content.offsetByCodePoints(0, Math.min(codePointIndex, cps));
    }

    /** Where the last value inside {@code node} ends (a code-point index). */
    private static int lastScalarEnd(Node node) {
        Node n = node;
        while (true) {
            if (n instanceof MappingNode m && !m.getValue().isEmpty()) {
                n = m.getValue().get(m.getValue().size() - 1).getValueNode();
            } else {
                return n.getEndMark().getIndex();
            }
        }
    }

    /** The end of the line on which the value ending at {@code at} ends. */
    private static int lineEnd(String content, int at) {
        int i = Math.min(at, content.length());
        // a block scalar ends after its line break
        while (i > 0 && content.charAt(i - 1) == '\n') {
            i--;
        }
        int nl = content.indexOf('\n', i);
        return nl < 0 ? content.length() : nl;
    }

    private static String insertLine(String content, int at, String line) {
        if (at >= content.length()) {
            String sep = content.endsWith("\n") || content.isEmpty() ? "" : "\n";
            return content + sep + line + "\n";
        }
        return content.substring(0, at) + "\n" + line + content.substring(at);
    }
}
