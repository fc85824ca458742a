package org.taew.core.logic.lexical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Anserini's default English analysis, as its {@code DefaultEnglishAnalyzer.newDefaultInstance()}
 * chains it: Lucene's standard tokenizer, the English possessive filter ("dog's" → "dog"), lower
 * case, Lucene's English stop words ({@link EnglishAnalyzer#ENGLISH_STOP_WORDS_SET}), then the
 * Porter stemmer. Documents and queries go through the same chain.
 */
public final class EnglishAnalysis extends Analyzer {
    /** The name settings and index keys use. */
    public static final String NAME = "anserini-english-porter";

    /** In words, for reports. */
    public static final String DESCRIPTION =
            "Anserini's English analysis: standard tokenizer, possessives, lower case, Lucene's"
                    + " English stop words, Porter stemmer";

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /** The terms {@code text} becomes, in order (repeats kept). */
    public List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = tokenStream(Bm25Index.CONTENTS, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does not fail
        }
        return out;
    }
}
