package org.taew.core.logic.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.model.Qrels;
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchException;

/**
 * Checks a BEIR dataset folder the way {@code taew datasets check} reports it: every problem with
 * its file and line (not only the first, as loading does), what is merely suspicious as a warning,
 * counts per file and split, and, with a tokenizer, the length distribution in tokens and the share
 * of texts the model would truncate.
 */
public final class DatasetCheck {
    /** How bad a finding is: errors make the dataset unusable, warnings do not. */
    public enum Severity {
        ERROR,
        WARNING
    }

    /** One finding, located ({@code file:line: what}) where it has a place. */
    public record Finding(Severity severity, String located) {}

    /** Token lengths of one side. */
    public record Lengths(
            int count, int min, int median, int p90, int p99, int max, int truncated) {
        public double truncatedShare() {
            return count == 0 ? 0 : (double) truncated / count;
        }
    }

    /** One split: judged pairs, queries judged, and how many pairs carry each grade. */
    public record Split(String name, int pairs, int queries, Map<Integer, Integer> grades) {}

    public record Report(
            Path dir,
            int documents,
            int queries,
            List<Split> splits,
            int queriesWithoutJudgments,
            int documentsNeverJudged,
            Lengths documentTokens,
            Lengths queryTokens,
            int maxLength,
            List<Finding> findings) {
        public long errors() {
            return findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        }

        public long warnings() {
            return findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        }
    }

    /** Counts tokens as the encoder would ({@link Encoder#countTokens}). */
    @FunctionalInterface
    public interface TokenCounter {
        List<Encoder.TokenCount> count(List<String> texts) throws WorkbenchException;
    }

    private static final int LISTED = 10;

    private DatasetCheck() {}

    /**
     * Checks {@code dir}; {@code counter} may be null (no token statistics). Problems in the files
     * are findings, not exceptions; only an unreadable file throws.
     */
    public static Report check(Path dir, TokenCounter counter, int maxLength)
            throws WorkbenchException {
        List<Finding> findings = new ArrayList<>();
        BeirReader.Problems collect = located -> findings.add(new Finding(Severity.ERROR, located));
        Path corpusFile = dir.resolve("corpus.jsonl");
        Path queriesFile = dir.resolve("queries.jsonl");
        Path qrelsDir = dir.resolve("qrels");
        for (Path required : List.of(corpusFile, queriesFile)) {
            if (!Files.isRegularFile(required)) {
                findings.add(
                        new Finding(
                                Severity.ERROR,
                                required
                                        + ": missing (BEIR layout: corpus.jsonl, queries.jsonl, qrels/<split>.tsv)"));
            }
        }
        List<String> splitNames = Files.isDirectory(qrelsDir) ? BeirReader.splits(dir) : List.of();
        if (splitNames.isEmpty()) {
            findings.add(
                    new Finding(
                            Severity.ERROR,
                            qrelsDir + ": no <split>.tsv file (e.g. qrels/test.tsv)"));
        }
        if (!findings.isEmpty()) {
            // without the three parts there is nothing to cross-check
            return new Report(dir, 0, 0, List.of(), 0, 0, null, null, maxLength, findings);
        }
        Map<String, Integer> queryLines = new LinkedHashMap<>();
        List<TextItem> corpus = BeirReader.readItems(corpusFile, true, collect, null);
        List<TextItem> queries = BeirReader.readItems(queriesFile, false, collect, queryLines);
        Set<String> docIds = ids(corpus);
        Set<String> queryIds = ids(queries);
        List<Split> splits = new ArrayList<>();
        Set<String> judgedQueries = new HashSet<>();
        Set<String> judgedDocs = new HashSet<>();
        for (String name : splitNames) {
            Qrels q =
                    BeirReader.readQrels(
                            qrelsDir.resolve(name + ".tsv"), queryIds, docIds, collect);
            Map<Integer, Integer> grades = new java.util.TreeMap<>();
            int pairs = 0;
            for (String qid : q.queryIds()) {
                judgedQueries.add(qid);
                for (Map.Entry<String, Integer> j : q.of(qid).entrySet()) {
                    judgedDocs.add(j.getKey());
                    grades.merge(j.getValue(), 1, Integer::sum);
                    pairs++;
                }
            }
            if (pairs == 0) {
                findings.add(
                        new Finding(
                                Severity.WARNING,
                                qrelsDir.resolve(name + ".tsv") + ": no judgments"));
            }
            splits.add(new Split(name, pairs, q.queryIds().size(), grades));
        }
        int unjudged = 0;
        for (Map.Entry<String, Integer> q : queryLines.entrySet()) {
            if (!judgedQueries.contains(q.getKey())) {
                unjudged++;
                if (unjudged <= LISTED) {
                    findings.add(
                            new Finding(
                                    Severity.WARNING,
                                    queriesFile
                                            + ":"
                                            + q.getValue()
                                            + ": query \""
                                            + q.getKey()
                                            + "\" has no judgments in any split (evaluation skips it)"));
                }
            }
        }
        if (unjudged > LISTED) {
            findings.add(
                    new Finding(
                            Severity.WARNING,
                            queriesFile
                                    + ": "
                                    + (unjudged - LISTED)
                                    + " more queries without judgments"));
        }
        Lengths docTokens = null;
        Lengths queryTokens = null;
        if (counter != null) {
            docTokens = lengths(counter.count(texts(corpus)));
            queryTokens = lengths(counter.count(texts(queries)));
            if (docTokens.truncated() > 0) {
                findings.add(
                        new Finding(
                                Severity.WARNING,
                                corpusFile
                                        + ": "
                                        + docTokens.truncated()
                                        + " of "
                                        + docTokens.count()
                                        + " documents are longer than "
                                        + maxLength
                                        + " tokens and would be truncated"));
            }
            if (queryTokens.truncated() > 0) {
                findings.add(
                        new Finding(
                                Severity.WARNING,
                                queriesFile
                                        + ": "
                                        + queryTokens.truncated()
                                        + " of "
                                        + queryTokens.count()
                                        + " queries are longer than "
                                        + maxLength
                                        + " tokens and would be truncated"));
            }
        }
        return new Report(
                dir,
                corpus.size(),
                queries.size(),
                splits,
                unjudged,
                (int) docIds.stream().filter(d -> !judgedDocs.contains(d)).count(),
                docTokens,
                queryTokens,
                maxLength,
                findings);
    }

    private static Set<String> ids(List<TextItem> items) {
        Set<String> s = new HashSet<>();
        for (TextItem t : items) {
            s.add(t.id());
        }
        return s;
    }

    private static List<String> texts(List<TextItem> items) {
        List<String> t = new ArrayList<>(items.size());
        for (TextItem i : items) {
            t.add(i.text());
        }
        return t;
    }

    static Lengths lengths(List<Encoder.TokenCount> counts) {
        if (counts.isEmpty()) {
            return new Lengths(0, 0, 0, 0, 0, 0, 0);
        }
        int[] v = new int[counts.size()];
        int truncated = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = counts.get(i).tokens();
            if (counts.get(i).truncated()) {
                truncated++;
            }
        }
        Arrays.sort(v);
        return new Lengths(
                v.length,
                v[0],
                rank(v, 0.5),
                rank(v, 0.9),
                rank(v, 0.99),
                v[v.length - 1],
                truncated);
    }

    /** The nearest-rank percentile. */
    private static int rank(int[] sorted, double p) {
        int r = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, r - 1))];
    }
}
