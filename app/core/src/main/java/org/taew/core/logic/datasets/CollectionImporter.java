package org.taew.core.logic.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.taew.core.model.Qrels;
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchException;

/**
 * Imports a whole test collection into a BEIR folder: every document of the corpus file, judged or
 * not, with its own id; the queries from a queries file (or generated from the pairs); the
 * judgments from a TREC qrels file or from (query, relevant document) pairs whose document is a
 * corpus text or id. The corpus and queries files are JSON Lines or CSV/TSV with named columns (id,
 * text, optional title), or {@code .txt} with one text per line, its id first and a tab or space
 * after it.
 */
public final class CollectionImporter {
    public static final List<String> ID_COLUMNS =
            List.of("_id", "id", "docid", "doc_id", "pid", "qid", "corpus-id", "query-id");
    public static final List<String> TEXT_COLUMNS =
            List.of("text", "contents", "body", "passage", "document", "query", "question");
    public static final List<String> TITLE_COLUMNS = List.of("title");

    /**
     * What to import. {@code corpus} is required; judgments come from {@code qrels} (then {@code
     * queries} is required too) or from {@code pairs}; column names null to detect them.
     */
    public record Request(
            Path corpus,
            Path queries,
            Path qrels,
            Path pairs,
            Path out,
            String split,
            String idColumn,
            String textColumn,
            String titleColumn,
            String queryColumn,
            String documentColumn,
            String gradeColumn) {}

    /** What was imported; {@code pairs} is null when the judgments came from a qrels file. */
    public record Result(
            Path dir,
            int documents,
            int queries,
            int judgments,
            int documentsNeverJudged,
            int queriesWithoutJudgments,
            int repeatedPairs,
            PairImporter.Pairs pairs) {}

    private CollectionImporter() {}

    public static Result importCollection(Request r) throws WorkbenchException {
        BeirWriter.requireAbsent(r.out());
        if (r.qrels() != null && r.pairs() != null) {
            throw WorkbenchException.badInput(
                    "Give the judgments once: a pairs file or --qrels " + r.qrels() + ", not both");
        }
        if (r.qrels() == null && r.pairs() == null) {
            throw WorkbenchException.badInput(
                    "No judgments for " + r.corpus() + ": give a pairs file or --qrels FILE");
        }
        if (r.qrels() != null && r.queries() == null) {
            throw WorkbenchException.badInput(
                    r.qrels()
                            + " names queries by id: give their texts with --queries FILE"
                            + " (JSON Lines, CSV/TSV or id-and-text lines)");
        }
        List<BeirWriter.Document> documents = readDocuments(r, r.corpus(), true);
        List<TextItem> queries =
                r.queries() == null ? new ArrayList<>() : readQueries(r, r.queries());
        PairImporter.Judgments judgments = new PairImporter.Judgments();
        PairImporter.Pairs pairs = null;
        if (r.qrels() != null) {
            Qrels q = BeirReader.readQrels(r.qrels(), idsOf(queries), idsOfDocuments(documents));
            for (String qid : q.queryIds()) {
                q.of(qid).forEach((d, g) -> judgments.add(qid, d, g));
            }
        } else {
            pairs =
                    PairImporter.read(
                            r.pairs(), r.queryColumn(), r.documentColumn(), r.gradeColumn());
            judgeFromPairs(pairs, documents, queries, r.queries() == null, judgments);
        }
        Set<String> judgedDocs = new HashSet<>();
        judgments.byQuery.values().forEach(m -> judgedDocs.addAll(m.keySet()));
        int neverJudged = 0;
        for (BeirWriter.Document d : documents) {
            if (!judgedDocs.contains(d.id())) {
                neverJudged++;
            }
        }
        int unjudgedQueries = 0;
        for (TextItem q : queries) {
            if (!judgments.byQuery.containsKey(q.id())) {
                unjudgedQueries++;
            }
        }
        String readme =
                "# "
                        + r.out().getFileName()
                        + "\n\nImported by `taew datasets import` from the whole collection: "
                        + documents.size()
                        + " documents from `"
                        + r.corpus().getFileName()
                        + "` ("
                        + neverJudged
                        + " of them judged by no query), "
                        + queries.size()
                        + " queries "
                        + (r.queries() == null
                                ? "generated from the pairs (ids in order of first appearance)"
                                : "from `" + r.queries().getFileName() + "`")
                        + ", "
                        + judgments.count()
                        + " judgments from `"
                        + (r.qrels() != null
                                ? r.qrels().getFileName() + "` (TREC qrels)"
                                : r.pairs().getFileName()
                                        + "` ("
                                        + PairImporter.columns(pairs)
                                        + ")")
                        + ". Document and query ids are the collection's own.\n";
        BeirWriter.write(
                r.out(),
                documents,
                queries,
                judgments.byQuery,
                r.split(),
                readme,
                "# written by taew datasets import from the whole collection\ncorpus: "
                        + DatasetSettings.COMPLETE
                        + "\n");
        return new Result(
                r.out(),
                documents.size(),
                queries.size(),
                judgments.count(),
                neverJudged,
                unjudgedQueries,
                judgments.repeated,
                pairs);
    }

    /**
     * Judges each pair's document, found in the corpus by its text or else by its id, for the
     * pair's query, found among the given queries the same way or, when none were given, numbered
     * from the pairs.
     */
    private static void judgeFromPairs(
            PairImporter.Pairs pairs,
            List<BeirWriter.Document> documents,
            List<TextItem> queries,
            boolean generateQueries,
            PairImporter.Judgments judgments)
            throws WorkbenchException {
        Map<String, List<String>> docsByText = new HashMap<>();
        for (BeirWriter.Document d : documents) {
            docsByText
                    .computeIfAbsent(joined(d.title(), d.text()), k -> new ArrayList<>())
                    .add(d.id());
            if (!d.title().isEmpty()) {
                docsByText.computeIfAbsent(d.text(), k -> new ArrayList<>()).add(d.id());
            }
        }
        Set<String> docIds = idsOfDocuments(documents);
        Map<String, List<String>> queriesByText = new HashMap<>();
        for (TextItem q : queries) {
            queriesByText.computeIfAbsent(q.text(), k -> new ArrayList<>()).add(q.id());
        }
        Set<String> queryIds = idsOf(queries);
        Map<String, String> generated = new LinkedHashMap<>();
        if (generateQueries) {
            for (PairImporter.Pair p : pairs.rows()) {
                generated.putIfAbsent(p.query(), "");
            }
            PairImporter.number(generated, "q");
            generated.forEach((text, id) -> queries.add(new TextItem(id, text)));
        }
        for (PairImporter.Pair p : pairs.rows()) {
            String doc = find(pairs, p, p.document(), docsByText, docIds, "document", "the corpus");
            String query =
                    generateQueries
                            ? generated.get(p.query())
                            : find(
                                    pairs,
                                    p,
                                    p.query(),
                                    queriesByText,
                                    queryIds,
                                    "query",
                                    "--queries");
            judgments.add(query, doc, p.grade());
        }
    }

    private static String find(
            PairImporter.Pairs pairs,
            PairImporter.Pair p,
            String value,
            Map<String, List<String>> byText,
            Set<String> ids,
            String what,
            String where)
            throws WorkbenchException {
        String at = pairs.file() + ":" + p.line() + ": the " + what;
        List<String> same = byText.get(value);
        if (same != null && same.size() > 1) {
            throw WorkbenchException.badInput(
                    at
                            + " text is the text of "
                            + same.size()
                            + " items of "
                            + where
                            + " ("
                            + String.join(", ", same.subList(0, Math.min(5, same.size())))
                            + "): give its id instead of its text");
        }
        if (same != null) {
            return same.get(0);
        }
        if (ids.contains(value)) {
            return value;
        }
        throw WorkbenchException.badInput(
                at + " \"" + abbreviated(value) + "\" is neither a text nor an id of " + where);
    }

    private static String abbreviated(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static String joined(String title, String text) {
        return (title + " " + text).strip();
    }

    private static Set<String> idsOf(List<TextItem> items) {
        Set<String> ids = new HashSet<>();
        items.forEach(i -> ids.add(i.id()));
        return ids;
    }

    private static Set<String> idsOfDocuments(List<BeirWriter.Document> docs) {
        Set<String> ids = new LinkedHashSet<>();
        docs.forEach(d -> ids.add(d.id()));
        return ids;
    }

    private static List<TextItem> readQueries(Request r, Path file) throws WorkbenchException {
        List<TextItem> out = new ArrayList<>();
        for (BeirWriter.Document d : readDocuments(r, file, false)) {
            out.add(new TextItem(d.id(), d.text()));
        }
        return out;
    }

    /**
     * Reads a corpus or queries file; a missing or empty id, a duplicate id or an empty text is an
     * error with file and line.
     */
    static List<BeirWriter.Document> readDocuments(Request r, Path file, boolean titles)
            throws WorkbenchException {
        List<Row> rows =
                file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")
                        ? idTextLines(file)
                        : tableRows(r, file, titles);
        if (rows.isEmpty()) {
            throw WorkbenchException.badInput(file + ": no texts");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<BeirWriter.Document> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (row.id.isEmpty()) {
                throw WorkbenchException.badInput(file + ":" + row.line + ": empty id");
            }
            Integer before = seen.putIfAbsent(row.id, row.line);
            if (before != null) {
                throw WorkbenchException.badInput(
                        file
                                + ":"
                                + row.line
                                + ": duplicate id \""
                                + row.id
                                + "\" (first on line "
                                + before
                                + ")");
            }
            if (joined(row.title, row.text).isEmpty()) {
                throw WorkbenchException.badInput(
                        file + ":" + row.line + ": \"" + row.id + "\" has no text");
            }
            out.add(new BeirWriter.Document(row.id, row.title, row.text));
        }
        return out;
    }

    private record Row(int line, String id, String title, String text) {}

    private static List<Row> tableRows(Request r, Path file, boolean titles)
            throws WorkbenchException {
        TableReader.Table t = TableReader.read(file);
        String idc = PairImporter.column(t, r.idColumn(), ID_COLUMNS, "ids", "--id-column");
        String textc =
                PairImporter.column(t, r.textColumn(), TEXT_COLUMNS, "texts", "--text-column");
        String titlec = null;
        if (titles) {
            titlec =
                    r.titleColumn() != null
                            ? t.require(r.titleColumn(), "--title-column")
                            : t.find(TITLE_COLUMNS);
        }
        List<Row> rows = new ArrayList<>();
        for (TableReader.Row row : t.rows()) {
            rows.add(
                    new Row(
                            row.line(),
                            row.get(idc).strip(),
                            titlec == null ? "" : row.get(titlec).strip(),
                            row.get(textc).strip()));
        }
        return rows;
    }

    /** {@code id<TAB or spaces>text} per line; blank lines are errors. */
    private static List<Row> idTextLines(Path file) throws WorkbenchException {
        List<Row> rows = new ArrayList<>();
        try (StrictLines lines = new StrictLines(file)) {
            String line;
            while ((line = lines.next()) != null) {
                String s = line.strip();
                if (s.isEmpty()) {
                    throw lines.error("empty line; expected an id, a tab or space, and the text");
                }
                int sep = 0;
                while (sep < s.length() && !Character.isWhitespace(s.charAt(sep))) {
                    sep++;
                }
                if (sep == s.length()) {
                    throw lines.error(
                            "\""
                                    + abbreviated(s)
                                    + "\" has an id but no text after a tab or space");
                }
                rows.add(
                        new Row(
                                lines.lineNumber(),
                                s.substring(0, sep),
                                "",
                                s.substring(sep).strip()));
            }
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + file, e);
        }
        return rows;
    }
}
