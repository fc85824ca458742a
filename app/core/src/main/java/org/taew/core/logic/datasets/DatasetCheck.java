package org.taew.core.logic.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.model.Qrels;
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

    /**
     * One split: its judgments file's name, judged pairs, queries judged, and how many pairs carry
     * each grade.
     */
    public record Split(
            String name, String file, int pairs, int queries, Map<Integer, Integer> grades) {}

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
            DatasetSettings settings,
            IdenticalIds.Evidence identicalIds,
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
        List<String> splitNames = List.of();
        if (!Files.isDirectory(qrelsDir)) {
            findings.add(
                    new Finding(
                            Severity.ERROR,
                            qrelsDir
                                    + ": no <split>.tsv file: the folder is missing (BEIR layout:"
                                    + " qrels/test.tsv, or qrels/test.txt in TREC's format)"));
        } else {
            try {
                splitNames = BeirReader.splits(dir);
                if (splitNames.isEmpty()) {
                    findings.add(
                            new Finding(
                                    Severity.ERROR,
                                    BeirReader.noSuchSplit(
                                            dir, BeirReader.DEFAULT_SPLIT, splitNames)));
                }
            } catch (WorkbenchException e) {
                if (e.kind() != WorkbenchException.Kind.BAD_INPUT) {
                    throw e;
                }
                findings.add(new Finding(Severity.ERROR, e.getMessage()));
            }
        }
        if (!findings.isEmpty()) {
            // without the three parts there is nothing to cross-check
            return new Report(
                    dir, 0, 0, List.of(), 0, 0, null, null, maxLength, null, null, findings);
        }
        DatasetSettings settings = null;
        try {
            settings = DatasetSettings.of(dir);
        } catch (WorkbenchException e) {
            if (e.kind() != WorkbenchException.Kind.BAD_INPUT) {
                throw e;
            }
            findings.add(new Finding(Severity.ERROR, e.getMessage()));
        }
        // The corpus is streamed: only ids and token lengths are kept, never its texts (bounded for
        // large corpora). The queries' texts are kept to compare them with the documents that
        // have their ids.
        LengthCounter docCounter = new LengthCounter(counter);
        LengthCounter queryCounter = new LengthCounter(counter);
        Map<String, String> queryTexts = new HashMap<>();
        Map<String, Integer> queryLines =
                BeirReader.streamItems(
                        queriesFile,
                        false,
                        collect,
                        (item, line) -> {
                            queryCounter.add(item.text());
                            queryTexts.put(item.id(), item.text());
                        });
        int[] sharedAndSame = new int[2];
        Map<String, Integer> docLines =
                BeirReader.streamItems(
                        corpusFile,
                        true,
                        collect,
                        (item, line) -> {
                            docCounter.add(item.text());
                            String q = queryTexts.get(item.id());
                            if (q != null) {
                                sharedAndSame[0]++;
                                if (IdenticalIds.sameText(q, item.text())) {
                                    sharedAndSame[1]++;
                                }
                            }
                        });
        queryTexts.clear();
        IdenticalIds.Evidence evidence =
                new IdenticalIds.Evidence(queryLines.size(), sharedAndSame[0], sharedAndSame[1]);
        Set<String> docIds = docLines.keySet();
        Set<String> queryIds = queryLines.keySet();
        List<Split> splits = new ArrayList<>();
        Set<String> judgedQueries = new HashSet<>();
        Set<String> judgedDocs = new HashSet<>();
        Set<String> selfJudged = new TreeSet<>();
        for (String name : splitNames) {
            Path qrelsFile = BeirReader.qrelsFile(dir, name);
            Qrels q = BeirReader.readQrels(qrelsFile, queryIds, docIds, collect);
            Map<Integer, Integer> grades = new TreeMap<>();
            int pairs = 0;
            for (String qid : q.queryIds()) {
                judgedQueries.add(qid);
                for (Map.Entry<String, Integer> j : q.of(qid).entrySet()) {
                    judgedDocs.add(j.getKey());
                    if (j.getKey().equals(qid) && j.getValue() > 0) {
                        selfJudged.add(qid);
                    }
                    grades.merge(j.getValue(), 1, Integer::sum);
                    pairs++;
                }
            }
            if (pairs == 0) {
                findings.add(new Finding(Severity.WARNING, qrelsFile + ": no judgments"));
            }
            splits.add(
                    new Split(
                            name,
                            qrelsFile.getFileName().toString(),
                            pairs,
                            q.queryIds().size(),
                            grades));
        }
        symmetry(dir, settings, evidence, selfJudged, findings);
        if (settings != null && settings.judgedOnly()) {
            findings.add(new Finding(Severity.WARNING, DatasetSettings.judgedOnlyWarning(dir)));
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
            docTokens = docCounter.finish();
            queryTokens = queryCounter.finish();
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
                docIds.size(),
                queryIds.size(),
                splits,
                unjudged,
                (int) docIds.stream().filter(d -> !judgedDocs.contains(d)).count(),
                docTokens,
                queryTokens,
                maxLength,
                settings,
                evidence,
                findings);
    }

    /**
     * Queries that are also documents (same id, same text) find themselves first unless identical
     * ids are ignored; ids that merely coincide must not be ignored; a query judged relevant to
     * itself cannot be found when they are.
     */
    private static void symmetry(
            Path dir,
            DatasetSettings settings,
            IdenticalIds.Evidence evidence,
            Set<String> selfJudged,
            List<Finding> findings) {
        if (settings == null) {
            return; // dataset.yaml is broken, which is already an error
        }
        Path queries = dir.resolve("queries.jsonl");
        Path file = dir.resolve(DatasetSettings.FILE_NAME);
        Boolean said = settings.ignoreIdenticalIds();
        if (evidence.queriesAreDocuments() && said == null) {
            findings.add(
                    new Finding(
                            Severity.WARNING,
                            queries
                                    + ": "
                                    + evidence.sameText()
                                    + " of "
                                    + evidence.queries()
                                    + " queries are also documents and would find themselves first;"
                                    + " say \"ignore-identical-ids: true\" in "
                                    + file
                                    + " (or false if that is meant; without it they are ignored,"
                                    + " since each has a document with its id and its text)"));
        }
        if (!evidence.queriesAreDocuments() && Boolean.TRUE.equals(said)) {
            findings.add(
                    new Finding(
                            Severity.WARNING,
                            file
                                    + ": ignore-identical-ids is true, but "
                                    + evidence.describe()
                                    + "; ignoring them removes unrelated documents from the rankings"));
        }
        boolean ignored = said != null ? said : evidence.queriesAreDocuments();
        if (ignored && !selfJudged.isEmpty()) {
            findings.add(
                    new Finding(
                            Severity.WARNING,
                            dir.resolve("qrels")
                                    + ": "
                                    + selfJudged.size()
                                    + " queries are judged relevant to themselves, which"
                                    + " ignore-identical-ids leaves out of their rankings (first: "
                                    + selfJudged.iterator().next()
                                    + ")"));
        }
    }

    /** Token lengths counted a chunk of texts at a time; only the lengths are kept. */
    private static final class LengthCounter {
        private static final int CHUNK = 1024;
        private final TokenCounter counter;
        private final List<String> pending = new ArrayList<>(CHUNK);
        private int[] lengths = new int[1024];
        private int n;
        private int truncated;

        LengthCounter(TokenCounter counter) {
            this.counter = counter;
        }

        void add(String text) throws WorkbenchException {
            if (counter == null) {
                return;
            }
            pending.add(text);
            if (pending.size() == CHUNK) {
                flush();
            }
        }

        private void flush() throws WorkbenchException {
            if (pending.isEmpty()) {
                return;
            }
            for (Encoder.TokenCount c : counter.count(pending)) {
                if (n == lengths.length) {
                    lengths = Arrays.copyOf(lengths, n * 2);
                }
                lengths[n++] = c.tokens();
                if (c.truncated()) {
                    truncated++;
                }
            }
            pending.clear();
        }

        Lengths finish() throws WorkbenchException {
            flush();
            if (n == 0) {
                return new Lengths(0, 0, 0, 0, 0, 0, 0);
            }
            int[] v = Arrays.copyOf(lengths, n);
            Arrays.sort(v);
            return new Lengths(
                    n, v[0], rank(v, 0.5), rank(v, 0.9), rank(v, 0.99), v[n - 1], truncated);
        }
    }

    /** The nearest-rank percentile. */
    private static int rank(int[] sorted, double p) {
        int r = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, r - 1))];
    }
}
