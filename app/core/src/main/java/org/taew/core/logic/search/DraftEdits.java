package org.taew.core.logic.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Template;

/**
 * Edits of the user's draft (or of the card when the draft has no instruction phrase): drop one
 * phrase or modifier, replace one kind word with another kind of the {@link Grammar}, or reorder
 * two phrases where the sentence still reads. The phrase is edited inside the family's {@link
 * WordingFrame}; the draft's document template and pooling flag are kept.
 */
final class DraftEdits {
    /** Modifiers a wording often carries and may read as well without. */
    private static final List<String> MODIFIERS =
            List.of(
                    "relevant",
                    "supporting",
                    "related",
                    "similar",
                    "matching",
                    "other",
                    "web",
                    "semantically");

    private static final int ALTERNATIVES = 2;

    /** After "that", "which", "who" or "to" a kind word is a verb ("that answers it"). */
    private static final Pattern VERB_POSITION =
            Pattern.compile("(?<!\\p{L})(?:that|which|who|to) $", Pattern.CASE_INSENSITIVE);

    /** An edited phrase and what was edited, e.g. {@code dropped "relevant"}. */
    private record Edit(String phrase, String what) {}

    private DraftEdits() {}

    /** The edits, drops, replacements and reorderings taking turns; empty without a phrase. */
    static List<Proposal> of(
            String family, String task, InstructionPair card, InstructionPair draft) {
        InstructionPair base = draft;
        Optional<String> phrase =
                draft == null
                        ? Optional.empty()
                        : WordingFrame.of(family, draft.query()).phrase(draft.query());
        String what = "draft edit: ";
        if (phrase.isEmpty()) {
            base = card;
            phrase = WordingFrame.of(family, card.query()).phrase(card.query());
            what = "card edit: ";
        }
        if (phrase.isEmpty()) {
            return List.of();
        }
        WordingFrame frame = WordingFrame.of(family, base.query());
        List<Edit> drops = drops(phrase.get());
        List<Edit> replaces = replacements(phrase.get(), task);
        List<Edit> reorders = family.equals("instructor") ? List.of() : reorders(phrase.get());
        List<Proposal> out = new ArrayList<>();
        int rounds = Math.max(drops.size(), Math.max(replaces.size(), reorders.size()));
        for (int i = 0; i < rounds; i++) {
            add(out, drops, i, "edit-drop-", what, frame, base);
            add(out, replaces, i, "edit-replace-", what, frame, base);
            add(out, reorders, i, "edit-reorder-", what, frame, base);
        }
        return out;
    }

    private static void add(
            List<Proposal> out,
            List<Edit> edits,
            int i,
            String name,
            String what,
            WordingFrame frame,
            InstructionPair base) {
        if (i >= edits.size()) {
            return;
        }
        Edit edit = edits.get(i);
        Template query = frame.wrap(edit.phrase());
        out.add(
                new Proposal(
                        name + (i + 1),
                        new InstructionPair(
                                query, base.document(), base.excludeInstructionFromPooling()),
                        what + edit.what()));
    }

    /** Drops: a "Given …" clause, an adjunct ("for …", "that …"), or a modifier. */
    private static List<Edit> drops(String phrase) {
        List<PhraseUnit> units = PhraseUnit.split(phrase);
        List<Edit> out = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            PhraseUnit u = units.get(i);
            boolean given = i == 0 && units.size() > 1 && u.isGiven();
            if (given || (i > 0 && u.isAdjunct())) {
                // an adjunct goes with the relative clauses that qualify it ("for code that …")
                int end = i + 1;
                while (!given && end < units.size() && units.get(end).isRelative()) {
                    end++;
                }
                List<PhraseUnit> rest = new ArrayList<>(units.subList(0, i));
                rest.addAll(units.subList(end, units.size()));
                StringBuilder dropped = new StringBuilder(u.text());
                for (int j = i + 1; j < end; j++) {
                    dropped.append(units.get(j).joiner()).append(units.get(j).text());
                }
                out.add(new Edit(PhraseUnit.join(rest), "dropped \"" + dropped + "\""));
            }
        }
        for (String modifier : MODIFIERS) {
            Matcher m = Pattern.compile("(?<=\\s)" + modifier + " (?=\\p{L})").matcher(phrase);
            if (m.find()) {
                String edited = phrase.substring(0, m.start()) + phrase.substring(m.end());
                out.add(new Edit(fixArticle(edited, m.start()), "dropped \"" + modifier + "\""));
            }
        }
        return out;
    }

    /** Replacements of each kind word by the task's first other kinds of the same role. */
    private static List<Edit> replacements(String phrase, String task) {
        List<Grammar.Kind> known = new ArrayList<>(Grammar.allKinds());
        known.sort(Comparator.comparing((Grammar.Kind k) -> -k.singular().length()));
        boolean[] taken = new boolean[phrase.length()];
        List<Edit> out = new ArrayList<>();
        for (Grammar.Kind kind : known) {
            for (boolean plural : new boolean[] {true, false}) {
                String word = plural ? kind.plural() : kind.singular();
                int[] at = firstFree(phrase, word, taken);
                if (at == null) {
                    continue;
                }
                Arrays.fill(taken, at[0], at[1], true);
                boolean query = !plural && Grammar.isQueryKind(kind);
                int start = query ? withModifier(phrase, at[0]) : at[0];
                String replaced = phrase.substring(start, at[1]);
                List<Grammar.Kind> alternatives =
                        query ? Grammar.queryKinds(task) : Grammar.documentKinds(task);
                int made = 0;
                for (Grammar.Kind other : alternatives) {
                    String by = plural ? other.plural() : other.singular();
                    if (made < ALTERNATIVES
                            && !other.equals(kind)
                            && !repeats(phrase, start, at[1], by)) {
                        String edited = phrase.substring(0, start) + by + phrase.substring(at[1]);
                        out.add(
                                new Edit(
                                        fixArticle(edited, start),
                                        "replaced \"" + replaced + "\" with \"" + by + "\""));
                        made++;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Where a query kind at {@code start} begins with the modifier before it ("web search query"
     * becomes "question", not "web question").
     */
    private static int withModifier(String phrase, int start) {
        for (String modifier : MODIFIERS) {
            String before = modifier + " ";
            int from = start - before.length();
            if (from >= 0
                    && phrase.startsWith(before, from)
                    && (from == 0 || !Character.isLetter(phrase.charAt(from - 1)))) {
                return from;
            }
        }
        return start;
    }

    /** Whether a word of {@code by} already stands in the phrase outside {@code [start, end)}. */
    private static boolean repeats(String phrase, int start, int end, String by) {
        String outside = phrase.substring(0, start) + " " + phrase.substring(end);
        for (String w : by.split(" ")) {
            if (wholeWord(w).matcher(outside).find()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern wholeWord(String word) {
        return Pattern.compile("(?<!\\p{L})" + Pattern.quote(word) + "(?!\\p{L})");
    }

    /**
     * Where {@code word} first stands as a whole word outside {@code taken}: {start, end}, or null.
     */
    private static int[] firstFree(String phrase, String word, boolean[] taken) {
        Matcher m = wholeWord(word).matcher(phrase);
        while (m.find()) {
            boolean verb = VERB_POSITION.matcher(phrase.substring(0, m.start())).find();
            if (!taken[m.start()] && !taken[m.end() - 1] && !verb) {
                return new int[] {m.start(), m.end()};
            }
        }
        return null;
    }

    /**
     * Reorderings that still read: a "Given …" clause to the end, an adjunct to the front, two
     * adjuncts swapped.
     */
    private static List<Edit> reorders(String phrase) {
        List<PhraseUnit> units = PhraseUnit.split(phrase);
        List<Edit> out = new ArrayList<>();
        if (units.size() > 1 && units.get(0).isGiven()) {
            String rest = Phrases.capitalize(PhraseUnit.join(units.subList(1, units.size())));
            String given = Phrases.decapitalize(units.get(0).text());
            out.add(new Edit(rest + ", " + given, "moved \"" + given + "\" to the end"));
            return out;
        }
        for (int i = 1; i < units.size(); i++) {
            PhraseUnit u = units.get(i);
            boolean lastOrUnqualified = i == units.size() - 1 || !units.get(i + 1).isRelative();
            if (u.isFrontable() && u.joiner().equals(" ") && lastOrUnqualified) {
                List<PhraseUnit> rest = new ArrayList<>(units);
                rest.remove(i);
                out.add(
                        new Edit(
                                Phrases.capitalize(u.text())
                                        + ", "
                                        + Phrases.decapitalize(PhraseUnit.join(rest)),
                                "moved \"" + u.text() + "\" to the front"));
            }
            if (i + 1 < units.size() && u.isFrontable() && units.get(i + 1).isFrontable()) {
                List<PhraseUnit> swapped = new ArrayList<>(units);
                swapped.set(i, new PhraseUnit(u.joiner(), units.get(i + 1).text()));
                swapped.set(i + 1, new PhraseUnit(units.get(i + 1).joiner(), u.text()));
                out.add(
                        new Edit(
                                PhraseUnit.join(swapped),
                                "swapped \""
                                        + u.text()
                                        + "\" and \""
                                        + units.get(i + 1).text()
                                        + "\""));
            }
        }
        return out;
    }

    /** "a"/"an" before the word at {@code at} made to fit that word. */
    private static String fixArticle(String text, int at) {
        Matcher m = Pattern.compile("(?<!\\p{L})([Aa])n? $").matcher(text.substring(0, at));
        if (!m.find()) {
            return text;
        }
        String article = Phrases.article(text.substring(at));
        if (m.group(1).equals("A")) {
            article = Phrases.capitalize(article);
        }
        return text.substring(0, m.start()) + article + " " + text.substring(at);
    }
}
