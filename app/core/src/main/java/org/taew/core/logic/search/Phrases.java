package org.taew.core.logic.search;

import java.util.List;
import java.util.Locale;

/** Small text helpers for wordings: capitals, articles, lists and names. */
final class Phrases {
    private Phrases() {}

    /** The phrase with its first letter in upper case. */
    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The phrase with its first letter in lower case, unless the first word is an acronym ({@code
     * FAQ}, {@code VPN}).
     */
    static String decapitalize(String s) {
        if (s.length() > 1
                && Character.isUpperCase(s.charAt(0))
                && !Character.isUpperCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }

    /** {@code "a"} or {@code "an"} before {@code word}. */
    static String article(String word) {
        return !word.isEmpty() && "aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    /** {@code "a"}, {@code "a and b"}, {@code "a, b and c"}. */
    static String list(List<String> words) {
        if (words.size() < 2) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1))
                + " and "
                + words.get(words.size() - 1);
    }

    /**
     * A piece of a variant name: lower case letters and digits, other runs as one {@code -}, at
     * most {@code max} characters.
     */
    static String slug(String s, int max) {
        String slug =
                s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > max) {
            slug = slug.substring(0, max).replaceAll("-+$", "");
        }
        return slug;
    }

    /** Literal text as template source: braces doubled, as {@code Template.parse} expects. */
    static String escape(String literal) {
        return literal.replace("{", "{{").replace("}", "}}");
    }
}
