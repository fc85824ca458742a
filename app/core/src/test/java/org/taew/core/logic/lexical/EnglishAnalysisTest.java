package org.taew.core.logic.lexical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Anserini's default English analysis on a few sentences. */
class EnglishAnalysisTest {
    final EnglishAnalysis analysis = new EnglishAnalysis();

    @Test
    void possessivesGoStopWordsGoAndTheRestIsLowerCasedAndPorterStemmed() {
        assertThat(analysis.terms("The dog's bones were running quickly to THE Cats' houses."))
                .containsExactly("dog", "bone", "were", "run", "quickli", "cat", "hous");
    }

    @Test
    void lucenesEnglishStopWordsAreDroppedButNotEveryCommonWord() {
        // "is", "a", "of", "and", "not", "it" are in Lucene's list; "which", "how", "we" are not
        assertThat(analysis.terms("Which of these is not a cure, and how do we know it?"))
                .containsExactly("which", "cure", "how", "do", "we", "know");
    }

    @Test
    void theStandardTokenizerKeepsNumbersAndSplitsOnPunctuation() {
        assertThat(analysis.terms("COVID-19 vaccines: 95% efficacy (e.g. mRNA-1273)"))
                .containsExactly("covid", "19", "vaccin", "95", "efficaci", "e.g", "mrna", "1273");
    }
}
