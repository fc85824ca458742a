package org.taew.core.logic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.taew.core.logic.search.WordingFixtures.ALL;
import static org.taew.core.logic.search.WordingFixtures.context;
import static org.taew.core.logic.search.WordingFixtures.helpdesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.search.WordingCandidates.Candidate;
import org.taew.core.model.TextItem;

/** Candidates about the corpus's own words, and how those words are chosen. */
class DatasetTermsTest {
    @Test
    void datasetTermsComeFromTheCorpus() throws Exception {
        List<Candidate> candidates =
                WordingCandidates.generate(context("bge", "bge", "retrieval", null), ALL, 5);
        List<Candidate> terms =
                candidates.stream().filter(k -> k.origin().startsWith("dataset terms (")).toList();
        assertThat(terms).hasSize(4);
        String corpus =
                String.join(" ", helpdesk().documents().stream().map(TextItem::text).toList())
                        .toLowerCase(Locale.ROOT);
        for (Candidate k : terms) {
            String inside =
                    k.origin().substring("dataset terms (".length(), k.origin().length() - 1);
            List<String> words = List.of(inside.split(", "));
            assertThat(words).hasSizeBetween(3, 5);
            for (String w : words) {
                assertThat(corpus).containsPattern("\\b" + w + "\\b");
                assertThat(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(w)).isFalse();
                assertThat(k.instructions().query().prefix()).contains(w);
            }
        }
        assertThat(terms.get(0).instructions().query().prefix())
                .startsWith("Given a question about ")
                .endsWith(", retrieve the passage that answers it: ");
    }

    @Test
    void corpusTermsAreTheWordsInMostDocumentsLeavingOutStopAndCommonWords() {
        List<TextItem> docs = new ArrayList<>();
        String[] texts = {
            "The zebra and the giraffe also graze on the savanna; passwords expire",
            "A zebra runs, the savanna is wide, the password expires",
            "Zebras drink; also on the savanna; giraffes too; passwords",
            "The savanna at night, a lion, a kangaroo",
            "Savanna rain and also wind on the savanna, a kangaroo",
            "Grass of the savanna",
            "Nothing here but words about things",
            "Another text about nothing"
        };
        for (int i = 0; i < texts.length; i++) {
            docs.add(new TextItem("d" + i, texts[i]));
        }
        // savanna: in 6 of 8 documents, more than half (boilerplate); also/the/and/a: common or
        // stop;
        // lion: one document only; password(s) 3 ("passwords" twice), zebra(s) 3, then by word:
        // expire(s) 2, giraffe(s) 2, kangaroo 2, nothing 2
        assertThat(DatasetTerms.top(docs, 10))
                .containsExactly("passwords", "zebra", "expire", "giraffe", "kangaroo", "nothing");
    }
}
