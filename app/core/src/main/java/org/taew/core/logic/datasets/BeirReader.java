package org.taew.core.logic.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.taew.core.model.Qrels;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchException;

/**
 * Reads a dataset in BEIR layout: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}),
 * {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/<split>.tsv} (header {@code
 * query-id corpus-id score}) or {@code qrels/<split>.txt} (TREC's {@code query-id 0 corpus-id
 * score}; either file may have three or four columns). A document's text is {@code title + " " +
 * text}, stripped, as BEIR and MTEB build it.
 *
 * <p>Nothing is skipped silently: a line that is not a JSON object, a missing or empty field, a
 * duplicate id, a judgment naming an unknown id, or bytes that are not UTF-8 stop the load with the
 * file and line.
 *
 * <p>Queries that are judged only in other splits belong to those splits and are left out; queries
 * judged in no split are kept, so that the evaluation can report them as dropped.
 */
public final class BeirReader {
    /**
     * Where a reader sends a problem (already located as {@code file:line: what}): {@link
     * #FAIL_FAST} throws it, so loading stops at the first one; {@code DatasetCheck} collects them
     * all. After reporting, the reader skips the offending record.
     */
    @FunctionalInterface
    interface Problems {
        void error(String located) throws WorkbenchException;
    }

    static final Problems FAIL_FAST =
            located -> {
                throw WorkbenchException.badInput(located);
            };

    public static final String DEFAULT_SPLIT = "test";

    private BeirReader() {}

    /** Whether {@code dir} looks like a BEIR dataset folder. */
    public static boolean isBeirFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("corpus.jsonl"))
                && Files.isRegularFile(dir.resolve("queries.jsonl"))
                && Files.isDirectory(dir.resolve("qrels"));
    }

    /** Stops with a message naming what {@code dir} lacks to be a BEIR dataset folder. */
    public static void requireFolder(Path dir) throws WorkbenchException {
        List<String> missing = new ArrayList<>();
        for (String f : List.of("corpus.jsonl", "queries.jsonl")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                missing.add(f);
            }
        }
        if (!Files.isDirectory(dir.resolve("qrels"))) {
            missing.add("qrels/");
        }
        if (!missing.isEmpty()) {
            throw WorkbenchException.badInput(
                    dir
                            + " is not a dataset folder in BEIR layout: "
                            + String.join(", ", missing)
                            + (missing.size() == 1 ? " is" : " are")
                            + " missing (expected corpus.jsonl, queries.jsonl and a qrels/ folder"
                            + " with <split>.tsv or <split>.txt files)");
        }
    }

    /**
     * The extensions of judgment files: BEIR's {@code .tsv}, and {@code .txt} as TREC names them.
     */
    public static final List<String> QRELS_EXTENSIONS = List.of(".tsv", ".txt");

    /**
     * The splits: one per {@code qrels/<split>.tsv} or {@code qrels/<split>.txt}, sorted. Both
     * files for one split is an error (which one is meant?).
     */
    public static List<String> splits(Path dir) throws WorkbenchException {
        return List.copyOf(qrelsFiles(dir).keySet());
    }

    /** The judgments file of a split ({@code qrels/<split>.tsv} or {@code .txt}). */
    public static Path qrelsFile(Path dir, String split) throws WorkbenchException {
        Path f = qrelsFiles(dir).get(split);
        if (f == null) {
            throw WorkbenchException.badInput(noSuchSplit(dir, split, splits(dir)));
        }
        return f;
    }

    private static Map<String, Path> qrelsFiles(Path dir) throws WorkbenchException {
        Path qrels = dir.resolve("qrels");
        Map<String, Path> bySplit = new TreeMap<>();
        try (Stream<Path> files = Files.list(qrels)) {
            for (Path p : files.sorted().toList()) {
                String n = p.getFileName().toString();
                String ext = extension(n);
                if (ext == null || n.startsWith(".") || !Files.isRegularFile(p)) {
                    continue;
                }
                String split = n.substring(0, n.length() - ext.length());
                Path before = bySplit.put(split, p);
                if (before != null) {
                    throw WorkbenchException.badInput(
                            qrels
                                    + ": both "
                                    + before.getFileName()
                                    + " and "
                                    + n
                                    + " hold judgments of the split \""
                                    + split
                                    + "\"; keep one of them");
                }
            }
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot list " + qrels + ": " + e.getMessage(), e);
        }
        return bySplit;
    }

    private static String extension(String fileName) {
        for (String ext : QRELS_EXTENSIONS) {
            if (fileName.endsWith(ext) && fileName.length() > ext.length()) {
                return ext;
            }
        }
        return null;
    }

    /**
     * Why a split cannot be read: the splits there are, or, when there are none, which files the
     * qrels/ folder holds and why they were not read.
     */
    static String noSuchSplit(Path dir, String split, List<String> splits) {
        Path qrels = dir.resolve("qrels");
        if (!splits.isEmpty()) {
            return qrels.resolve(split + ".tsv")
                    + " does not exist (nor "
                    + split
                    + ".txt); the splits of this dataset are "
                    + String.join(", ", splits);
        }
        List<String> others = new ArrayList<>();
        try (Stream<Path> files = Files.list(qrels)) {
            files.map(p -> p.getFileName().toString()).sorted().forEach(others::add);
        } catch (IOException e) {
            others.clear();
        }
        return qrels
                + ": no <split>.tsv or <split>.txt file (BEIR's qrels/test.tsv, or qrels/test.txt"
                + " in TREC's 'query-id 0 doc-id grade')"
                + (others.isEmpty()
                        ? "; the folder is empty"
                        : "; found "
                                + String.join(", ", others)
                                + ", not read: a judgments file must end in .tsv or .txt");
    }

    /** Loads a split; {@code split == null} means {@code test}, or the only split there is. */
    public static RetrievalDataset read(Path dir, String split) throws WorkbenchException {
        requireFolder(dir);
        List<String> splits = splits(dir);
        String chosen = split;
        if (chosen == null) {
            chosen =
                    splits.contains(DEFAULT_SPLIT) || splits.size() != 1
                            ? DEFAULT_SPLIT
                            : splits.get(0);
        }
        if (!splits.contains(chosen)) {
            throw WorkbenchException.badInput(noSuchSplit(dir, chosen, splits));
        }
        List<TextItem> corpus = readItems(dir.resolve("corpus.jsonl"), true);
        List<TextItem> queries = readItems(dir.resolve("queries.jsonl"), false);
        Set<String> docIds = idsOf(corpus);
        Set<String> queryIds = idsOf(queries);
        Qrels qrels = readQrels(qrelsFile(dir, chosen), queryIds, docIds);

        Set<String> judgedElsewhere = new HashSet<>();
        for (String other : splits) {
            if (!other.equals(chosen)) {
                judgedElsewhere.addAll(
                        readQrels(qrelsFile(dir, other), queryIds, docIds).queryIds());
            }
        }
        List<TextItem> kept = new ArrayList<>();
        for (TextItem q : queries) {
            if (qrels.queryIds().contains(q.id()) || !judgedElsewhere.contains(q.id())) {
                kept.add(q);
            }
        }
        return new RetrievalDataset(dir.getFileName().toString(), dir, chosen, kept, corpus, qrels);
    }

    private static Set<String> idsOf(List<TextItem> items) {
        Set<String> ids = new HashSet<>();
        for (TextItem t : items) {
            ids.add(t.id());
        }
        return ids;
    }

    static List<TextItem> readItems(Path file, boolean withTitle) throws WorkbenchException {
        List<TextItem> items = new ArrayList<>();
        streamItems(file, withTitle, FAIL_FAST, (item, line) -> items.add(item));
        return items;
    }

    /** Receives each record as it is read. */
    @FunctionalInterface
    interface ItemSink {
        void accept(TextItem item, int line) throws WorkbenchException;
    }

    /** The text a BEIR record is embedded as: see {@link BeirRecord#documentText}. */
    public static String documentText(String title, String text) {
        return BeirRecord.documentText(title, text);
    }

    /**
     * Reads corpus.jsonl or queries.jsonl one line at a time, handing each record to {@code sink}
     * and keeping nothing of its text: each problem goes to {@code problems} and its line is
     * skipped. Returns every kept id with its line (needed for duplicate detection anyway).
     */
    static Map<String, Integer> streamItems(
            Path file, boolean withTitle, Problems problems, ItemSink sink)
            throws WorkbenchException {
        Map<String, Integer> seen = new LinkedHashMap<>();
        try (StrictLines lines = new StrictLines(file)) {
            String line;
            while ((line = next(lines, problems)) != null) {
                if (line.isBlank()) {
                    continue; // a blank line carries no record; JSON Lines readers skip it too
                }
                TextItem item;
                try {
                    item = BeirRecord.parse(line, withTitle);
                } catch (BeirRecord.Malformed e) {
                    problems.error(lines.at(e.getMessage()));
                    continue;
                }
                String id = item.id();
                Integer previous = seen.putIfAbsent(id, lines.lineNumber());
                if (previous != null) {
                    problems.error(
                            lines.at(
                                    "duplicate id \""
                                            + id
                                            + "\" (first seen on line "
                                            + previous
                                            + ")"));
                    continue;
                }
                sink.accept(item, lines.lineNumber());
            }
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + file, e);
        }
        return seen;
    }

    /** The next line; a line that is not UTF-8 is reported and skipped. */
    private static String next(StrictLines lines, Problems problems) throws WorkbenchException {
        while (true) {
            try {
                return lines.next();
            } catch (StrictLines.MalformedLine e) {
                problems.error(e.getMessage());
            }
        }
    }

    /**
     * Reads a qrels file: tab- or space-separated {@code query-id corpus-id score} with an optional
     * header, or TREC's four columns {@code query-id 0 corpus-id score}.
     */
    static Qrels readQrels(Path file, Set<String> queryIds, Set<String> docIds)
            throws WorkbenchException {
        return readQrels(file, queryIds, docIds, FAIL_FAST);
    }

    static Qrels readQrels(Path file, Set<String> queryIds, Set<String> docIds, Problems problems)
            throws WorkbenchException {
        Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
        try (StrictLines lines = new StrictLines(file)) {
            String line;
            while ((line = next(lines, problems)) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.strip().split("\\s+");
                if (lines.lineNumber() == 1
                        && cols.length >= 3
                        && !isInteger(cols[cols.length - 1])) {
                    continue; // header, e.g. "query-id corpus-id score"
                }
                String q;
                String d;
                String s;
                if (cols.length == 3) {
                    q = cols[0];
                    d = cols[1];
                    s = cols[2];
                } else if (cols.length == 4) {
                    q = cols[0];
                    d = cols[2];
                    s = cols[3];
                } else {
                    problems.error(
                            lines.at(
                                    "expected 3 columns (query-id, corpus-id, score) separated by tabs,"
                                            + " found "
                                            + cols.length));
                    continue;
                }
                if (!isInteger(s)) {
                    problems.error(lines.at("score \"" + s + "\" is not a whole number"));
                    continue;
                }
                if (!queryIds.contains(q)) {
                    problems.error(lines.at("query id \"" + q + "\" is not in queries.jsonl"));
                    continue;
                }
                if (!docIds.contains(d)) {
                    problems.error(lines.at("corpus id \"" + d + "\" is not in corpus.jsonl"));
                    continue;
                }
                Map<String, Integer> docs =
                        judgments.computeIfAbsent(q, k -> new LinkedHashMap<>());
                if (docs.containsKey(d)) {
                    problems.error(lines.at("(" + q + ", " + d + ") is judged twice"));
                    continue;
                }
                docs.put(d, Integer.parseInt(s));
            }
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + file, e);
        }
        return new Qrels(judgments);
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return s.length() < 10;
    }
}
