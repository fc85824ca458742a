package org.taew.core.logic.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A piece of an instruction phrase, as {@link DraftEdits} drops and moves them, and what joins it
 * to the piece before ({@code ""} for the first, {@code ", "}, {@code " "}, …). "Represent this
 * sentence for searching relevant passages" is "Represent this sentence" and " for searching
 * relevant passages"; a leading "Given …," clause is one piece.
 */
record PhraseUnit(String joiner, String text) {
    private static final Set<String> RELATIVES = Set.of("that", "which", "where", "who");
    private static final Set<String> FRONTABLE = Set.of("for", "to", "in", "with", "on", "from");
    private static final Set<String> IMPERATIVES =
            Set.of(
                    "retrieve",
                    "find",
                    "represent",
                    "search",
                    "rank",
                    "identify",
                    "return",
                    "match",
                    "locate",
                    "get");

    /** Where a phrase splits: after a comma, semicolon or colon, before a preposition or "that". */
    private static final Pattern BOUNDARY =
            Pattern.compile(", |; |: | (?=(?:for|that|which|where|who|to|about|in|from|with|on) )");

    String firstWord() {
        int space = text.indexOf(' ');
        return (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    /** Whether it starts with "Given" (a participle clause before the main one). */
    boolean isGiven() {
        return firstWord().equals("given");
    }

    /** A relative clause or a prepositional phrase, which the sentence reads without. */
    boolean isAdjunct() {
        return isRelative() || isFrontable() || firstWord().equals("about");
    }

    /** A relative clause ("that answers it"), which qualifies the piece before it. */
    boolean isRelative() {
        return RELATIVES.contains(firstWord());
    }

    /** A prepositional phrase that may stand at the front ("For searching …, represent …"). */
    boolean isFrontable() {
        return FRONTABLE.contains(firstWord());
    }

    /** The phrase in units: a leading "Given …," clause is one unit. */
    static List<PhraseUnit> split(String phrase) {
        List<PhraseUnit> pieces = new ArrayList<>();
        Matcher m = BOUNDARY.matcher(phrase);
        int start = 0;
        String joiner = "";
        while (m.find()) {
            if (m.start() > start) {
                pieces.add(new PhraseUnit(joiner, phrase.substring(start, m.start())));
                joiner = m.group();
            }
            start = m.end();
        }
        pieces.add(new PhraseUnit(joiner, phrase.substring(start)));
        if (pieces.size() < 2 || !pieces.get(0).isGiven()) {
            return pieces;
        }
        for (int k = 1; k < pieces.size(); k++) {
            if (pieces.get(k).joiner().equals(", ")
                    && IMPERATIVES.contains(pieces.get(k).firstWord())) {
                List<PhraseUnit> grouped = new ArrayList<>();
                grouped.add(new PhraseUnit("", join(pieces.subList(0, k))));
                grouped.addAll(pieces.subList(k, pieces.size()));
                return grouped;
            }
        }
        return pieces;
    }

    /** The units as one phrase; the first unit's joiner is left out and its first letter raised. */
    static String join(List<PhraseUnit> units) {
        StringBuilder b = new StringBuilder();
        for (PhraseUnit u : units) {
            b.append(b.length() == 0 ? "" : u.joiner()).append(u.text());
        }
        return units.isEmpty() || units.get(0).joiner().isEmpty()
                ? b.toString()
                : Phrases.capitalize(b.toString());
    }
}
