package org.taew.core.model;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * An instruction template: literal text around exactly one {@code {text}} placeholder, e.g. {@code
 * "query: {text}"} or {@code "Instruct: …\nQuery: {text}"}. Doubled braces stand for literal
 * braces. The part before the placeholder is the instruction (prefix); the part after it, if any,
 * is the suffix.
 */
public record Template(String source, String prefix, String suffix) implements Serializable {
    /** The identity template: the text as it is. General mode uses it on both sides. */
    public static final Template IDENTITY = new Template("{text}", "", "");

    public Template {
        Objects.requireNonNull(source);
        Objects.requireNonNull(prefix);
        Objects.requireNonNull(suffix);
    }

    /** Parses a template with {@code {text}} only. */
    public static Template parse(String source) {
        return parse(source, Map.of());
    }

    /**
     * Parses a template. Placeholders other than {@code {text}} are replaced by {@code variables}
     * (e.g. {@code {task}}); an unknown placeholder, a missing or repeated {@code {text}}, or an
     * unbalanced brace is an {@link IllegalArgumentException} whose message says what was expected.
     */
    public static Template parse(String source, Map<String, String> variables) {
        StringBuilder prefix = new StringBuilder();
        StringBuilder suffix = new StringBuilder();
        StringBuilder current = prefix;
        boolean seenText = false;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '{') {
                if (i + 1 < source.length() && source.charAt(i + 1) == '{') {
                    current.append('{');
                    i += 2;
                    continue;
                }
                int close = source.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException(
                            "unclosed '{' at character "
                                    + (i + 1)
                                    + "; write '{{' for a literal brace");
                }
                String name = source.substring(i + 1, close);
                if (name.equals("text")) {
                    if (seenText) {
                        throw new IllegalArgumentException("'{text}' appears more than once");
                    }
                    seenText = true;
                    current = suffix;
                } else if (variables.containsKey(name)) {
                    current.append(variables.get(name));
                } else {
                    throw new IllegalArgumentException(
                            "unknown placeholder '{"
                                    + name
                                    + "}'; expected {text}"
                                    + (variables.isEmpty()
                                            ? ""
                                            : " or one of " + variables.keySet()));
                }
                i = close + 1;
            } else if (c == '}') {
                if (i + 1 < source.length() && source.charAt(i + 1) == '}') {
                    current.append('}');
                    i += 2;
                    continue;
                }
                throw new IllegalArgumentException(
                        "stray '}' at character " + (i + 1) + "; write '}}' for a literal brace");
            } else {
                current.append(c);
                i++;
            }
        }
        if (!seenText) {
            throw new IllegalArgumentException(
                    "the template has no '{text}' placeholder (where the input text goes)");
        }
        return new Template(source, prefix.toString(), suffix.toString());
    }

    public String apply(String text) {
        return prefix + text + suffix;
    }

    /**
     * The template as a source with every placeholder but {@code {text}} filled in (e.g. {@code
     * {task}}) and literal braces doubled: it parses back to this template without variables, so it
     * can be shown, stored and pasted into an experiment or instruction file as it is.
     */
    public String standalone() {
        return escape(prefix) + "{text}" + escape(suffix);
    }

    private static String escape(String literal) {
        return literal.replace("{", "{{").replace("}", "}}");
    }

    public boolean isIdentity() {
        return prefix.isEmpty() && suffix.isEmpty();
    }
}
