package org.taew.core.logic.datasets;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.util.WorkbenchException;

/**
 * Turns a table of (query, relevant document) pairs — CSV, TSV or JSON Lines, see {@link
 * TableReader} — into a dataset folder in BEIR layout. Ids are generated ({@code q0001}, {@code
 * d0001}, in order of first appearance); the same text gets the same id, so a document relevant to
 * several queries is stored once. The grade is 1 unless a grade column says otherwise. The folder
 * is written completely under a temporary name, then renamed into place; an existing folder is
 * never overwritten.
 */
public final class PairImporter {
    public static final List<String> QUERY_COLUMNS =
            List.of("query", "question", "q", "anchor", "query_text", "sentence1");
    public static final List<String> DOCUMENT_COLUMNS =
            List.of(
                    "document",
                    "passage",
                    "answer",
                    "positive",
                    "doc",
                    "context",
                    "text",
                    "sentence2");
    public static final List<String> GRADE_COLUMNS =
            List.of("grade", "relevance", "score", "label");

    /** What was imported. */
    public record Result(
            Path dir,
            int rows,
            int queries,
            int documents,
            int judgments,
            int repeatedPairs,
            String queryColumn,
            String documentColumn,
            String gradeColumn) {}

    private PairImporter() {}

    /**
     * @param queryColumn, documentColumn, gradeColumn null to detect them from the header
     */
    public static Result importPairs(
            Path file,
            Path out,
            String queryColumn,
            String documentColumn,
            String gradeColumn,
            String split)
            throws WorkbenchException {
        if (Files.exists(out)) {
            throw WorkbenchException.badInput(out + " already exists; choose another --out folder");
        }
        TableReader.Table t = TableReader.read(file);
        String qc = column(t, queryColumn, QUERY_COLUMNS, "queries", "--query-column");
        String dc = column(t, documentColumn, DOCUMENT_COLUMNS, "documents", "--document-column");
        if (qc.equals(dc)) {
            throw WorkbenchException.badInput(
                    file
                            + ": the query and document columns are both \""
                            + qc
                            + "\"; name them with"
                            + " --query-column and --document-column (the columns are "
                            + t.columns()
                            + ")");
        }
        String gc =
                gradeColumn != null
                        ? t.require(gradeColumn, "--grade-column")
                        : t.find(GRADE_COLUMNS);
        Map<String, String> queryIds = new LinkedHashMap<>();
        Map<String, String> docIds = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        int repeated = 0;
        List<String[]> pairs = new ArrayList<>();
        for (TableReader.Row r : t.rows()) {
            String q = r.get(qc).strip();
            String d = r.get(dc).strip();
            if (q.isEmpty() || d.isEmpty()) {
                throw WorkbenchException.badInput(
                        file
                                + ":"
                                + r.line()
                                + ": empty "
                                + (q.isEmpty() ? "query (" + qc : "document (" + dc)
                                + "); every row needs both");
            }
            int grade = 1;
            if (gc != null) {
                String g = r.get(gc).strip();
                try {
                    grade = Integer.parseInt(g);
                } catch (NumberFormatException e) {
                    throw WorkbenchException.badInput(
                            file
                                    + ":"
                                    + r.line()
                                    + ": grade \""
                                    + g
                                    + "\" (column "
                                    + gc
                                    + ") is not a whole number (2 = answers, 1 = partially, 0 = not relevant)");
                }
                if (grade < 0) {
                    throw WorkbenchException.badInput(
                            file + ":" + r.line() + ": grade " + grade + " is negative");
                }
            }
            pairs.add(new String[] {q, d, Integer.toString(grade)});
            queryIds.putIfAbsent(q, "");
            docIds.putIfAbsent(d, "");
        }
        if (pairs.isEmpty()) {
            throw WorkbenchException.badInput(file + ": no rows after the header");
        }
        number(queryIds, "q");
        number(docIds, "d");
        for (String[] p : pairs) {
            Map<String, Integer> judged =
                    qrels.computeIfAbsent(queryIds.get(p[0]), k -> new LinkedHashMap<>());
            Integer before = judged.put(docIds.get(p[1]), Integer.parseInt(p[2]));
            if (before != null) {
                repeated++;
                judged.put(docIds.get(p[1]), Math.max(before, Integer.parseInt(p[2])));
            }
        }
        int judgments = qrels.values().stream().mapToInt(Map::size).sum();
        write(out, file, queryIds, docIds, qrels, split, qc, dc, gc, pairs.size());
        return new Result(
                out, pairs.size(), queryIds.size(), docIds.size(), judgments, repeated, qc, dc, gc);
    }

    private static String column(
            TableReader.Table t, String given, List<String> known, String what, String option)
            throws WorkbenchException {
        if (given != null) {
            return t.require(given, option);
        }
        String c = t.find(known);
        if (c == null) {
            throw WorkbenchException.badInput(
                    t.file()
                            + ": cannot tell which column holds the "
                            + what
                            + " (looked for "
                            + known
                            + "); the columns are "
                            + t.columns()
                            + ": name it with "
                            + option);
        }
        return c;
    }

    private static void number(Map<String, String> ids, String prefix) {
        int width = Math.max(4, Integer.toString(ids.size()).length());
        int i = 0;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            e.setValue(prefix + String.format("%0" + width + "d", ++i));
        }
    }

    private static void write(
            Path out,
            Path source,
            Map<String, String> queryIds,
            Map<String, String> docIds,
            Map<String, Map<String, Integer>> qrels,
            String split,
            String qc,
            String dc,
            String gc,
            int rows)
            throws WorkbenchException {
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".");
            Files.createDirectories(tmp.resolve("qrels"));
            try (Writer w =
                    Files.newBufferedWriter(tmp.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> d : docIds.entrySet()) {
                    JsonObject o = new JsonObject();
                    o.addProperty("_id", d.getValue());
                    o.addProperty("title", "");
                    o.addProperty("text", d.getKey());
                    w.write(o + "\n");
                }
            }
            try (Writer w =
                    Files.newBufferedWriter(tmp.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> q : queryIds.entrySet()) {
                    JsonObject o = new JsonObject();
                    o.addProperty("_id", q.getValue());
                    o.addProperty("text", q.getKey());
                    w.write(o + "\n");
                }
            }
            try (Writer w =
                    Files.newBufferedWriter(
                            tmp.resolve("qrels").resolve(split + ".tsv"), StandardCharsets.UTF_8)) {
                w.write("query-id\tcorpus-id\tscore\n");
                for (Map.Entry<String, Map<String, Integer>> q : qrels.entrySet()) {
                    for (Map.Entry<String, Integer> d : q.getValue().entrySet()) {
                        w.write(q.getKey() + "\t" + d.getKey() + "\t" + d.getValue() + "\n");
                    }
                }
            }
            Files.writeString(
                    tmp.resolve("README.md"),
                    "# "
                            + out.getFileName()
                            + "\n\nImported from `"
                            + source.getFileName()
                            + "` by `taew datasets import`: "
                            + rows
                            + " rows of (query, relevant document) pairs (query column \""
                            + qc
                            + "\", document column \""
                            + dc
                            + "\", "
                            + (gc == null
                                    ? "grade 1 for every pair"
                                    : "grades from column \"" + gc + "\"")
                            + "); "
                            + queryIds.size()
                            + " queries, "
                            + docIds.size()
                            + " documents. Ids were generated in order of first appearance.\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot write the dataset " + out + ": " + e.getMessage(),
                    e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // the original error is the one to report
        }
    }
}
