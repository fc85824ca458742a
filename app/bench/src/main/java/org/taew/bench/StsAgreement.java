package org.taew.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.logic.metrics.Correlation;
import org.taew.core.model.Embeddings;
import org.taew.core.model.StsPair;

/**
 * How far two sets of vectors of the same texts agree (cosines row by row), and how well one set
 * ranks STS-B test's pairs (Spearman against the gold scores): the measures of {@link GpuCheck}.
 */
final class StsAgreement {
    private StsAgreement() {}

    /** The lowest and mean cosine between the same rows of two sets of vectors. */
    record Agreement(double min, double mean, int rows) {}

    /** The STS-B test sentences, each once, and the row of each sentence. */
    record Sentences(List<String> texts, Map<String, Integer> rows, List<StsPair> pairs) {}

    /** STS-B test's pairs and their sentences, each once, in order of first appearance. */
    static Sentences stsTest(Path file) throws Exception {
        List<StsPair> pairs = StsReader.readStsBenchmark(file).pairs();
        Map<String, Integer> rows = new HashMap<>();
        List<String> texts = new ArrayList<>();
        for (StsPair p : pairs) {
            for (String s : List.of(p.first(), p.second())) {
                if (rows.putIfAbsent(s, texts.size()) == null) {
                    texts.add(s);
                }
            }
        }
        return new Sentences(texts, rows, pairs);
    }

    /** Spearman of each pair's cosine against its gold score. */
    static double spearman(Embeddings v, Sentences s) {
        double[] cos = new double[s.pairs().size()];
        double[] gold = new double[cos.length];
        for (int i = 0; i < cos.length; i++) {
            StsPair p = s.pairs().get(i);
            cos[i] = cosine(v, s.rows().get(p.first()), v, s.rows().get(p.second()));
            gold[i] = p.gold();
        }
        return Correlation.spearman(cos, gold);
    }

    /** Cosines of the first {@code rows} rows of {@code a} and {@code b}, row by row. */
    static Agreement agreement(Embeddings a, Embeddings b, int rows) {
        double min = 1;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double c = cosine(a, i, b, i);
            min = Math.min(min, c);
            sum += c;
        }
        return new Agreement(min, rows == 0 ? Double.NaN : sum / rows, rows);
    }

    static double cosine(Embeddings a, int i, Embeddings b, int j) {
        double na = a.dot(i, a, i);
        double nb = b.dot(j, b, j);
        return a.dot(i, b, j) / Math.sqrt(Math.max(1e-30, na * nb));
    }
}
