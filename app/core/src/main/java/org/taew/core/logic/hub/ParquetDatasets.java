package org.taew.core.logic.hub;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.taew.core.formats.parquet.ParquetFile;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Datasets the Hub publishes as parquet: MTEB's retrieval sets (a {@code corpus} and a {@code
 * queries} configuration, qrels in the default one) and its STS sets ({@code sentence1}, {@code
 * sentence2}, {@code score}), in the shard names {@code datasets} writes ({@code
 * <config>/<split>-00000-of-00001.parquet}) or the Hub's converted ones ({@code
 * <config>/<split>/0000.parquet}). Converted row by row into the files the workbench reads, so a
 * corpus is never held whole.
 */
final class ParquetDatasets {
    private static final Pattern SHARD =
            Pattern.compile(
                    "(?<split>[A-Za-z0-9_.]+?)(-\\d{5}-of-\\d{5}(-[0-9a-f]{8,})?)?\\.parquet");
    private static final Pattern NUMBERED = Pattern.compile("\\d+\\.parquet");
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** The header of the pair files STS sets become, as {@code eval -d FILE} reads them. */
    static final String PAIRS_HEADER = "sentence1\tsentence2\tscore\n";

    private ParquetDatasets() {}

    /** What each parquet file of a repository is: corpus, queries, or a split of the rest. */
    record Layout(
            List<HubClient.RepoFile> corpus,
            List<HubClient.RepoFile> queries,
            Map<String, List<HubClient.RepoFile>> splits) {
        List<HubClient.RepoFile> files() {
            List<HubClient.RepoFile> all = new ArrayList<>(corpus);
            all.addAll(queries);
            splits.values().forEach(all::addAll);
            return all;
        }

        boolean retrieval() {
            return !corpus.isEmpty() && !queries.isEmpty();
        }

        /** A corpus without queries or queries without a corpus: neither retrieval nor STS. */
        boolean partial() {
            return corpus.isEmpty() != queries.isEmpty();
        }
    }

    /**
     * The parquet layout of the repository's files, or null where it has no parquet files. A layout
     * the conversion would get wrong is refused here, before anything is downloaded: a file whose
     * split cannot be told, several corpora (MTEB's multilingual sets), or judgments of one split
     * in more than one configuration.
     */
    static Layout layout(String repo, List<HubClient.RepoFile> files) throws WorkbenchException {
        List<HubClient.RepoFile> corpus = new ArrayList<>();
        List<HubClient.RepoFile> queries = new ArrayList<>();
        Map<String, List<HubClient.RepoFile>> splits = new TreeMap<>();
        Map<String, String> splitConfig = new TreeMap<>();
        Set<String> corpusConfigs = new TreeSet<>();
        Set<String> queryConfigs = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (HubClient.RepoFile f : files) {
            String[] parts = f.path().split("/");
            String name = parts[parts.length - 1];
            if (!name.endsWith(".parquet")) {
                continue;
            }
            List<String> folders = List.of(parts).subList(0, parts.length - 1);
            String split;
            String config;
            Matcher m = SHARD.matcher(name);
            if (NUMBERED.matcher(name).matches() && folders.size() >= 2) {
                split = folders.get(folders.size() - 1);
                config = folders.get(folders.size() - 2);
            } else if (m.matches()) {
                split = m.group("split");
                config = folders.isEmpty() ? "" : folders.get(folders.size() - 1);
            } else {
                unknown.add(f.path());
                continue;
            }
            split = split.toLowerCase(Locale.ROOT);
            if (isRole(config, "corpus") || (defaultConfig(config) && split.equals("corpus"))) {
                corpus.add(f);
                corpusConfigs.add(config);
            } else if (isRole(config, "queries")
                    || (defaultConfig(config) && split.equals("queries"))) {
                queries.add(f);
                queryConfigs.add(config);
            } else {
                String before = splitConfig.putIfAbsent(split, config);
                if (before != null && !before.equals(config)) {
                    throw WorkbenchException.badInput(
                            repo
                                    + " has the "
                                    + split
                                    + " split in two configurations ("
                                    + show(before)
                                    + " and "
                                    + show(config)
                                    + "); the workbench cannot tell which holds the judgments");
                }
                splits.computeIfAbsent(split, k -> new ArrayList<>()).add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw WorkbenchException.badInput(
                    repo
                            + ": cannot tell the split of "
                            + String.join(", ", unknown.subList(0, Math.min(3, unknown.size())))
                            + (unknown.size() > 3 ? " and " + (unknown.size() - 3) + " more" : "")
                            + " (expected <config>/<split>-NNNNN-of-NNNNN.parquet or"
                            + " <config>/<split>/NNNN.parquet)");
        }
        if (corpusConfigs.size() > 1 || queryConfigs.size() > 1) {
            throw WorkbenchException.badInput(
                    repo
                            + " holds several corpora or query sets ("
                            + String.join(
                                    ", ", corpusConfigs.size() > 1 ? corpusConfigs : queryConfigs)
                            + "), as MTEB's multilingual sets do; the workbench fetches one collection per"
                            + " folder");
        }
        if (corpus.isEmpty() && queries.isEmpty() && splits.isEmpty()) {
            return null;
        }
        return new Layout(corpus, queries, splits);
    }

    /** The folder of a repository's default configuration: its root or {@code data/}. */
    private static boolean defaultConfig(String config) {
        return config.isEmpty() || config.equals("data");
    }

    private static boolean isRole(String config, String role) {
        return config.equals(role) || config.endsWith("-" + role) || config.endsWith("_" + role);
    }

    private static String show(String config) {
        return config.isEmpty() ? "the repository's root" : config + "/";
    }

    /**
     * Writes {@code corpus.jsonl}, {@code queries.jsonl} and {@code qrels/<split>.tsv} into {@code
     * out} from the downloaded parquet files under {@code downloads}.
     */
    static void writeBeir(
            Layout layout, Path downloads, Path out, String repo, ProgressListener progress)
            throws WorkbenchException {
        if (layout.splits().isEmpty()) {
            throw WorkbenchException.badInput(
                    repo + " has corpus and queries parquet files but no judgments (qrels)");
        }
        progress.reset("Converting " + repo, layout.files().size());
        try {
            Files.createDirectories(out.resolve("qrels"));
            try (Writer w =
                    Files.newBufferedWriter(out.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
                for (HubClient.RepoFile f : layout.corpus()) {
                    texts(downloads.resolve(f.path()), f.path(), true, w);
                    progress.increment(1);
                }
            }
            try (Writer w =
                    Files.newBufferedWriter(out.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
                for (HubClient.RepoFile f : layout.queries()) {
                    texts(downloads.resolve(f.path()), f.path(), false, w);
                    progress.increment(1);
                }
            }
            for (Map.Entry<String, List<HubClient.RepoFile>> e : layout.splits().entrySet()) {
                Path tsv = out.resolve("qrels").resolve(e.getKey() + ".tsv");
                try (BufferedWriter w = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
                    w.write("query-id\tcorpus-id\tscore\n");
                    for (HubClient.RepoFile f : e.getValue()) {
                        qrels(downloads.resolve(f.path()), f.path(), w);
                        progress.increment(1);
                    }
                }
            }
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot convert the parquet files of "
                            + repo
                            + ": "
                            + FetchFailures.describe(e),
                    e);
        }
        progress.end();
    }

    /**
     * Writes each split's sentence pairs as {@code <split>.tsv} into {@code out}; returns the
     * written files.
     */
    static List<Path> writePairs(Layout layout, Path downloads, Path out, String repo)
            throws WorkbenchException {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, List<HubClient.RepoFile>> e : layout.splits().entrySet()) {
                Path tsv = out.resolve(e.getKey() + ".tsv");
                try (BufferedWriter w = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
                    w.write(PAIRS_HEADER);
                    for (HubClient.RepoFile f : e.getValue()) {
                        pairs(downloads.resolve(f.path()), f.path(), w);
                    }
                }
                written.add(tsv);
            }
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot convert the parquet files of "
                            + repo
                            + ": "
                            + FetchFailures.describe(e),
                    e);
        }
        return written;
    }

    private static void texts(Path file, String shown, boolean corpus, Writer w)
            throws WorkbenchException, IOException {
        try (ParquetFile p = ParquetFile.open(file)) {
            String id = pick(p, shown, "_id", "id");
            boolean title = corpus && p.column("title").isPresent();
            List<String> names = new ArrayList<>(List.of(id, "text"));
            if (title) {
                names.add("title");
            }
            require(p, shown, "text");
            ParquetFile.Rows rows = p.rows(names);
            while (rows.next()) {
                JsonObject o = new JsonObject();
                o.addProperty("_id", text(rows, 0, shown, id, true));
                if (title) {
                    String t = text(rows, 2, shown, "title", false);
                    o.addProperty("title", t == null ? "" : t);
                }
                o.addProperty("text", text(rows, 1, shown, "text", true));
                w.write(GSON.toJson(o));
                w.write('\n');
            }
        }
    }

    private static void qrels(Path file, String shown, Writer w)
            throws WorkbenchException, IOException {
        try (ParquetFile p = ParquetFile.open(file)) {
            String q = pick(p, shown, "query-id", "query_id");
            String d = pick(p, shown, "corpus-id", "corpus_id");
            require(p, shown, "score");
            ParquetFile.Rows rows = p.rows(List.of(q, d, "score"));
            while (rows.next()) {
                String query = id(rows, 0, shown, q);
                String doc = id(rows, 1, shown, d);
                Object score = rows.get(2);
                long grade;
                if (score instanceof Long l) {
                    grade = l;
                } else if (score instanceof Double x && x == Math.rint(x) && !x.isInfinite()) {
                    grade = (long) (double) x;
                } else {
                    throw rowError(shown, rows, "score", "a whole-number relevance grade", score);
                }
                w.write(query + "\t" + doc + "\t" + grade + "\n");
            }
        }
    }

    private static void pairs(Path file, String shown, Writer w)
            throws WorkbenchException, IOException {
        try (ParquetFile p = ParquetFile.open(file)) {
            for (String c : List.of("sentence1", "sentence2", "score")) {
                require(p, shown, c);
            }
            ParquetFile.Rows rows = p.rows(List.of("sentence1", "sentence2", "score"));
            while (rows.next()) {
                String a = text(rows, 0, shown, "sentence1", true);
                String b = text(rows, 1, shown, "sentence2", true);
                Object score = rows.get(2);
                double s;
                if (score instanceof Long l) {
                    s = l;
                } else if (score instanceof Double x && Double.isFinite(x)) {
                    s = x;
                } else {
                    throw rowError(shown, rows, "score", "a number", score);
                }
                w.write(cell(a) + "\t" + cell(b) + "\t" + s + "\n");
            }
        }
    }

    /** The first of the names the file has as a column, or a refusal naming them all. */
    private static String pick(ParquetFile p, String shown, String... names)
            throws WorkbenchException {
        for (String n : names) {
            if (p.column(n).isPresent()) {
                return n;
            }
        }
        throw WorkbenchException.badInput(
                shown
                        + ": expected a column "
                        + String.join(" or ", names)
                        + "; it has "
                        + p.describeColumns());
    }

    private static void require(ParquetFile p, String shown, String name)
            throws WorkbenchException {
        pick(p, shown, name);
    }

    private static String text(
            ParquetFile.Rows rows, int i, String shown, String column, boolean required)
            throws WorkbenchException {
        Object v = rows.get(i);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Long l) {
            return Long.toString(l);
        }
        if (v instanceof byte[] b) {
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                throw rowError(shown, rows, column, "UTF-8 text", v);
            }
        }
        if (v == null && !required) {
            return null;
        }
        throw rowError(shown, rows, column, "text", v);
    }

    /** An id for a TSV cell: one with a tab or line break is refused, never changed. */
    private static String id(ParquetFile.Rows rows, int i, String shown, String column)
            throws WorkbenchException {
        String id = text(rows, i, shown, column, true);
        if (id.indexOf('\t') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
            throw rowError(shown, rows, column, "an id without tabs or line breaks", id);
        }
        return id;
    }

    private static WorkbenchException rowError(
            String shown, ParquetFile.Rows rows, String column, String expected, Object got) {
        return WorkbenchException.badInput(
                shown
                        + ", row "
                        + rows.rowNumber()
                        + ", column "
                        + column
                        + ": expected "
                        + expected
                        + ", found "
                        + (got == null
                                ? "no value (null)"
                                : got instanceof byte[] ? "bytes" : "\"" + got + "\""));
    }

    /** An id or sentence as one TSV cell: tabs and line breaks become spaces. */
    static String cell(String text) {
        return text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }
}
