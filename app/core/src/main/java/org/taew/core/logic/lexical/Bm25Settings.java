package org.taew.core.logic.lexical;

import java.util.Locale;
import org.apache.lucene.util.Version;

/**
 * How BM25 scores: its parameters and the analysis of the text. The default is Anserini's, so that
 * figures compare with its published BEIR regressions: k1 = 0.9, b = 0.4, one flat field of title
 * and text, Anserini's default English analysis ({@link EnglishAnalysis}).
 *
 * @param k1 term-frequency saturation
 * @param b document-length normalisation
 * @param analysis the name of the analysis chain ({@link EnglishAnalysis#NAME})
 */
public record Bm25Settings(double k1, double b, String analysis) {
    /** Anserini's defaults. */
    public static final Bm25Settings ANSERINI = new Bm25Settings(0.9, 0.4, EnglishAnalysis.NAME);

    public Bm25Settings {
        if (!(k1 >= 0) || !(b >= 0 && b <= 1)) {
            throw new IllegalArgumentException(
                    "BM25 needs k1 >= 0 and 0 <= b <= 1, not k1 = " + k1 + ", b = " + b);
        }
        if (!analysis.equals(EnglishAnalysis.NAME)) {
            throw new IllegalArgumentException(
                    "unknown analysis " + analysis + " (known: " + EnglishAnalysis.NAME + ")");
        }
    }

    /** E.g. {@code bm25 k1=0.9 b=0.4 anserini-english-porter}: what an index was built for. */
    public String key() {
        return String.format(Locale.ROOT, "bm25 k1=%s b=%s %s", k1, b, analysis);
    }

    /** E.g. {@code BM25 (k1 = 0.9, b = 0.4; Anserini's English analysis)}. */
    public String describe() {
        return String.format(
                Locale.ROOT, "BM25 (k1 = %s, b = %s; %s)", k1, b, EnglishAnalysis.DESCRIPTION);
    }

    /** E.g. {@code Apache Lucene 9.12.3 BM25}: the engine of a BM25 ranking. */
    public static String engine() {
        return "Apache Lucene " + Version.LATEST + " BM25";
    }
}
