package org.taew.core.logic.search;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.taew.core.model.Template;

/**
 * The fixed text around the instruction phrase of a family's query template: {@code lead + phrase +
 * tail + {text} + suffix}, e.g. {@code "Instruct: "}, {@code "\nQuery: "} and {@code ""} around
 * "Given a web search query, retrieve relevant passages that answer the query". A frame is read
 * from a template of the family (the card's, or a draft's), so that an edited or generated phrase
 * keeps that template's exact form (Qwen3 writes {@code "Query:"} without a space).
 */
record WordingFrame(String lead, String tail, String suffix) {
    private static final Pattern TRAILING_COLON = Pattern.compile("\\S([:\\s]*)$");

    /** The frame of {@code family}'s query template {@code t}, or the family's default shape. */
    static WordingFrame of(String family, Template t) {
        String prefix = t.prefix();
        return switch (family) {
            case "instruct", "qwen3" -> instructFrame(family, t);
            case "instructor" -> new WordingFrame("Represent ", colonTail(prefix), t.suffix());
            case "gemma" -> new WordingFrame("task: ", " | query: ", t.suffix());
            default -> new WordingFrame("", colonTail(prefix), t.suffix());
        };
    }

    private static WordingFrame instructFrame(String family, Template t) {
        String prefix = t.prefix();
        int query = prefix.lastIndexOf("\nQuery:");
        if (prefix.startsWith("Instruct:") && query > 0) {
            int start = "Instruct:".length();
            while (start < query && prefix.charAt(start) == ' ') {
                start++;
            }
            return new WordingFrame(
                    prefix.substring(0, start), prefix.substring(query), t.suffix());
        }
        return new WordingFrame(
                "Instruct: ", family.equals("qwen3") ? "\nQuery:" : "\nQuery: ", t.suffix());
    }

    /** The colon and spaces that end an instruction ({@code ": "} when there is none yet). */
    private static String colonTail(String prefix) {
        Matcher m = TRAILING_COLON.matcher(prefix);
        return m.find() ? m.group(1) : ": ";
    }

    /** The phrase of {@code t} inside this frame, if {@code t} has one. */
    Optional<String> phrase(Template t) {
        String prefix = t.prefix();
        if (!t.suffix().equals(suffix)
                || !prefix.startsWith(lead)
                || !prefix.endsWith(tail)
                || prefix.length() <= lead.length() + tail.length()) {
            return Optional.empty();
        }
        String phrase = prefix.substring(lead.length(), prefix.length() - tail.length()).strip();
        return phrase.isEmpty() ? Optional.empty() : Optional.of(phrase);
    }

    /** The query template with {@code phrase} in this frame (braces in any part escaped). */
    Template wrap(String phrase) {
        return Template.parse(
                Phrases.escape(lead + phrase + tail) + "{text}" + Phrases.escape(suffix));
    }
}
