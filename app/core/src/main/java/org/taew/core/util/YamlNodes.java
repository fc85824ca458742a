package org.taew.core.util;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reading the workbench's small YAML files (instruction files, dataset settings) as node trees, so
 * that every complaint names the file and the line of the offending node. Only plain scalars,
 * sequences and mappings are used: no tags, no anchors that build objects.
 */
public final class YamlNodes {
    private YamlNodes() {}

    /** The file as UTF-8 text; invalid UTF-8 is an error naming the file. */
    public static String readUtf8(Path file) throws WorkbenchException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw WorkbenchException.badInput(
                    file + ": is not valid UTF-8 text (save it as UTF-8)");
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The document's root node, or null for an empty document; duplicate keys are refused. */
    public static Node compose(Path file, String content) throws WorkbenchException {
        try (Reader reader = new StringReader(content)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(options).compose(reader);
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
    }

    /** A mapping whose keys must be among {@code allowed}, each once, in file order. */
    public static Map<String, Node> mapping(Path file, Node node, String what, Set<String> allowed)
            throws WorkbenchException {
        if (!(node instanceof MappingNode)) {
            throw at(file, node, what + " must be a mapping of keys " + new TreeSet<>(allowed));
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
                                + new TreeSet<>(allowed));
            }
            if (result.containsKey(key)) {
                throw at(file, t.getKeyNode(), "duplicate key \"" + key + "\" in " + what);
            }
            result.put(key, t.getValueNode());
        }
        return result;
    }

    public static String scalar(Path file, Node node, String what) throws WorkbenchException {
        if (!(node instanceof ScalarNode)) {
            throw at(
                    file,
                    node,
                    what + " must be a single value (quote it if it contains ':' or '#')");
        }
        return ((ScalarNode) node).getValue();
    }

    /** {@code true} or {@code false}, nothing else. */
    public static boolean bool(Path file, Node node, String what) throws WorkbenchException {
        String v = scalar(file, node, what);
        if (!v.equals("true") && !v.equals("false")) {
            throw at(file, node, what + " must be true or false, not \"" + v + "\"");
        }
        return Boolean.parseBoolean(v);
    }

    /** A whole number. */
    public static int integer(Path file, Node node, String what) throws WorkbenchException {
        String v = scalar(file, node, what);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw at(file, node, what + " must be a whole number, not \"" + v + "\"");
        }
    }

    /** A number. */
    public static double number(Path file, Node node, String what) throws WorkbenchException {
        String v = scalar(file, node, what);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw at(file, node, what + " must be a number, not \"" + v + "\"");
        }
    }

    /** An input error at the node's line. */
    public static WorkbenchException at(Path file, Node node, String message) {
        return WorkbenchException.badInput(
                file + ":" + (node.getStartMark().getLine() + 1) + ": " + message);
    }
}
