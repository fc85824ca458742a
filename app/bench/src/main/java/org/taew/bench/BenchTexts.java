package org.taew.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.model.StsPair;
import org.taew.core.util.WorkbenchException;

/**
 * Fixed benchmark texts: the sentences of STS-Benchmark (dev + test, from
 * ../shared/reference-data), joined into passages of a repeating pattern of lengths so that the set
 * mixes short and long texts. Deterministic: the same files give the same passages. In quick mode
 * ({@link #quick()}) every request gets at most {@value #QUICK_PASSAGES} passages of one sentence
 * each, so that a benchmark runs through on tiny input.
 */
final class BenchTexts {
    /** Passages per request in quick mode. */
    static final int QUICK_PASSAGES = 16;

    private final List<String> sentences;
    private final int limit;

    private BenchTexts(List<String> sentences, int limit) {
        this.sentences = sentences;
        this.limit = limit;
    }

    /**
     * The same sentences, giving at most {@value #QUICK_PASSAGES} passages of one sentence per
     * request.
     */
    BenchTexts quick() {
        return new BenchTexts(sentences, QUICK_PASSAGES);
    }

    /** Whether these are quick mode's texts. */
    boolean isQuick() {
        return limit != Integer.MAX_VALUE;
    }

    static BenchTexts load(Path stsDir) throws WorkbenchException {
        Set<String> unique = new LinkedHashSet<>();
        for (String name : new String[] {"sts-dev.csv", "sts-test.csv"}) {
            Path f = stsDir.resolve(name);
            if (!Files.isRegularFile(f)) {
                throw WorkbenchException.badInput(
                        f
                                + " is missing: the benchmarks build their texts from the STS-Benchmark files in"
                                + " ../shared/reference-data/stsbenchmark (pass --sts DIR)");
            }
            for (StsPair p : StsReader.readStsBenchmark(f).pairs()) {
                unique.add(p.first());
                unique.add(p.second());
            }
        }
        return new BenchTexts(new ArrayList<>(unique), Integer.MAX_VALUE);
    }

    int sentenceCount() {
        return sentences.size();
    }

    /**
     * {@code n} passages; passage i joins {@code pattern[i % pattern.length]} consecutive
     * sentences, starting where the previous passage stopped (wrapping around); in quick mode at
     * most {@value #QUICK_PASSAGES} of one sentence.
     */
    List<String> passages(int requested, int[] pattern, int startSentence) {
        int n = Math.min(requested, limit);
        List<String> out = new ArrayList<>(n);
        int cursor = startSentence;
        for (int i = 0; i < n; i++) {
            int count = isQuick() ? 1 : pattern[i % pattern.length];
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < count; s++) {
                sb.append(s == 0 ? "" : " ").append(sentences.get(cursor % sentences.size()));
                cursor++;
            }
            out.add(sb.toString());
        }
        return out;
    }
}
