package org.taew.core.logic.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.taew.core.logic.lexical.EnglishAnalysis;
import org.taew.core.model.TextItem;

/**
 * The words a corpus is about: the words in the most documents, leaving out Lucene's English stop
 * words, a small list of very common English words, words shorter than three letters, and words in
 * more than half of the documents (field names of serialised records, boilerplate), and
 * contractions. Inflections count as one word (Porter's stem, as the lexical search has it), shown
 * in their most frequent surface form. Ties go by the word, so the list is the same every time.
 */
final class DatasetTerms {
    /** At most this many documents are read, evenly spaced through a larger corpus. */
    static final int SAMPLE = 20_000;

    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['’]\\p{L}+)*");

    /** Very common English words that say nothing about a corpus (besides Lucene's stop words). */
    private static final Set<String> COMMON =
            Set.of(
                    ("about above after again all also always among any anyone anything are "
                                    + "around because been before being below between both can cannot could "
                                    + "did does doing done down during each either else even ever every few "
                                    + "first following for from get gets getting give given goes going gone "
                                    + "got had has have having her here hers him his how however its itself "
                                    + "just last least less like made make makes many may might more most "
                                    + "much must need needs never new next none nor now off often old once "
                                    + "one only other others our ours out over own per please put rather "
                                    + "really same say says see seen set several she should since so some "
                                    + "something still such take takes than that them themselves then there "
                                    + "these they thing things this those though three through thus too two "
                                    + "under until upon use used uses using very want was way well were what "
                                    + "whatever when where whether which while who whom whose why will within "
                                    + "without would yes yet you your yours yourself able available different "
                                    + "early end example full good great high kind large late little long low "
                                    + "part people person place possible right small sure time times day days "
                                    + "week weeks month months year years hour hours minute minutes number")
                            .split(" "));

    private DatasetTerms() {}

    /** The {@code n} most frequent distinctive words of {@code documents}, most frequent first. */
    static List<String> top(List<TextItem> documents, int n) {
        int step = Math.max(1, (documents.size() + SAMPLE - 1) / SAMPLE);
        Map<String, String> stems = new HashMap<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        Map<String, Map<String, Integer>> forms = new HashMap<>();
        int read = 0;
        try (EnglishAnalysis analysis = new EnglishAnalysis()) {
            for (int i = 0; i < documents.size(); i += step) {
                read++;
                Set<String> seen = new HashSet<>();
                Matcher m = WORD.matcher(documents.get(i).text());
                while (m.find()) {
                    String word = surface(m.group());
                    if (word.length() < 3
                            || word.indexOf('\'') >= 0
                            || COMMON.contains(word)
                            || EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word)) {
                        continue;
                    }
                    String stem = stems.computeIfAbsent(word, w -> stem(analysis, w));
                    forms.computeIfAbsent(stem, s -> new HashMap<>()).merge(word, 1, Integer::sum);
                    if (seen.add(stem)) {
                        documentFrequency.merge(stem, 1, Integer::sum);
                    }
                }
            }
        }
        int most = read < 4 ? read : read / 2;
        List<String> ranked = new ArrayList<>();
        for (Map.Entry<String, Integer> e : documentFrequency.entrySet()) {
            if (e.getValue() >= 2 && e.getValue() <= most) {
                ranked.add(e.getKey());
            }
        }
        Map<String, String> shown = new HashMap<>();
        ranked.forEach(stem -> shown.put(stem, mostFrequent(forms.get(stem))));
        ranked.sort(
                Comparator.comparing((String stem) -> -documentFrequency.get(stem))
                        .thenComparing(shown::get));
        return ranked.stream().limit(n).map(shown::get).toList();
    }

    private static String surface(String token) {
        String w = token.toLowerCase(Locale.ROOT).replace('’', '\'');
        return w.endsWith("'s") ? w.substring(0, w.length() - 2) : w;
    }

    private static String stem(EnglishAnalysis analysis, String word) {
        List<String> terms = analysis.terms(word);
        return terms.isEmpty() ? word : terms.get(0);
    }

    private static String mostFrequent(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .min(
                        Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
                                .thenComparing(Map.Entry::getKey))
                .orElseThrow()
                .getKey();
    }
}
