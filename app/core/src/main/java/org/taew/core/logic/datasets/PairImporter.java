package org.taew.core.logic.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchException;

/**
 * Turns a table of (query, relevant document) pairs — CSV, TSV or JSON Lines, see {@link
 * TableReader} — into a dataset folder in BEIR layout. Ids are generated ({@code q0001}, {@code
 * d0001}, in order of first appearance); the same text gets the same id, so a document relevant to
 * several queries is stored once. The grade is 1 unless a grade column says otherwise. The folder
 * is written completely under a temporary name, then renamed into place; an existing folder is
 * never overwritten. Pairs alone give a corpus of judged documents only; {@link CollectionImporter}
 * takes the whole collection.
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

    /** One (query, relevant document) row and the line it starts on. */
    public record Pair(int line, String query, String document, int grade) {}

    /** The pairs of a file, and which columns held what (gradeColumn null: every pair is 1). */
    public record Pairs(
            Path file,
            String queryColumn,
            String documentColumn,
            String gradeColumn,
            List<Pair> rows) {}

    /**
     * Reads the pairs; an empty query or document, a grade that is not a whole number ≥ 0 or a file
     * without rows is an error naming file and line.
     *
     * @param queryColumn, documentColumn, gradeColumn null to detect them from the header
     */
    public static Pairs read(
            Path file, String queryColumn, String documentColumn, String gradeColumn)
            throws WorkbenchException {
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
        List<Pair> pairs = new ArrayList<>();
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
            pairs.add(new Pair(r.line(), q, d, grade));
        }
        if (pairs.isEmpty()) {
            throw WorkbenchException.badInput(file + ": no rows after the header");
        }
        return new Pairs(file, qc, dc, gc, pairs);
    }

    /**
     * Imports pairs alone: the corpus is the documents the pairs name, so the folder's dataset.yaml
     * says {@code corpus: judged-only} and its card warns that scores are optimistic.
     *
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
        BeirWriter.requireAbsent(out);
        Pairs pairs = read(file, queryColumn, documentColumn, gradeColumn);
        Map<String, String> queryIds = new LinkedHashMap<>();
        Map<String, String> docIds = new LinkedHashMap<>();
        for (Pair p : pairs.rows()) {
            queryIds.putIfAbsent(p.query(), "");
            docIds.putIfAbsent(p.document(), "");
        }
        number(queryIds, "q");
        number(docIds, "d");
        Judgments qrels = new Judgments();
        for (Pair p : pairs.rows()) {
            qrels.add(queryIds.get(p.query()), docIds.get(p.document()), p.grade());
        }
        List<BeirWriter.Document> documents = new ArrayList<>();
        docIds.forEach((text, id) -> documents.add(new BeirWriter.Document(id, "", text)));
        List<TextItem> queries = new ArrayList<>();
        queryIds.forEach((text, id) -> queries.add(new TextItem(id, text)));
        String readme =
                "# "
                        + out.getFileName()
                        + "\n\nImported from `"
                        + file.getFileName()
                        + "` by `taew datasets import`: "
                        + pairs.rows().size()
                        + " rows of (query, relevant document) pairs ("
                        + columns(pairs)
                        + "); "
                        + queryIds.size()
                        + " queries, "
                        + docIds.size()
                        + " documents. Ids were generated in order of first appearance.\n\n"
                        + "**Only judged documents.** The corpus holds just the documents the pairs"
                        + " name. A real collection also has documents nobody judged, which"
                        + " compete for the top ranks: without them retrieval is easier and every"
                        + " score here is optimistic. Import the whole collection with `--corpus`"
                        + " to measure it as it is.\n";
        BeirWriter.write(
                out,
                documents,
                queries,
                qrels.byQuery,
                split,
                readme,
                "# written by taew datasets import from pairs alone\ncorpus: "
                        + DatasetSettings.JUDGED_ONLY
                        + "\n");
        return new Result(
                out,
                pairs.rows().size(),
                queryIds.size(),
                docIds.size(),
                qrels.count(),
                qrels.repeated,
                pairs.queryColumn(),
                pairs.documentColumn(),
                pairs.gradeColumn());
    }

    /** Which columns held what, for cards and reports. */
    static String columns(Pairs pairs) {
        return "query column \""
                + pairs.queryColumn()
                + "\", document column \""
                + pairs.documentColumn()
                + "\", "
                + (pairs.gradeColumn() == null
                        ? "grade 1 for every pair"
                        : "grades from column \"" + pairs.gradeColumn() + "\"");
    }

    /** Judgments as they are added: a pair seen again keeps its highest grade. */
    static final class Judgments {
        final Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();
        int repeated;

        void add(String query, String document, int grade) {
            Map<String, Integer> judged =
                    byQuery.computeIfAbsent(query, k -> new LinkedHashMap<>());
            Integer before = judged.put(document, grade);
            if (before != null) {
                repeated++;
                judged.put(document, Math.max(before, grade));
            }
        }

        int count() {
            return byQuery.values().stream().mapToInt(Map::size).sum();
        }
    }

    /** The column named by the user (it must exist), else the first known name in the header. */
    static String column(
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

    static void number(Map<String, String> ids, String prefix) {
        int width = Math.max(4, Integer.toString(ids.size()).length());
        int i = 0;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            e.setValue(prefix + String.format("%0" + width + "d", ++i));
        }
    }
}
