package org.taew.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.lexical.Bm25Index;
import org.taew.core.logic.lexical.Bm25Search;
import org.taew.core.logic.lexical.Bm25Settings;
import org.taew.core.logic.lexical.Fusion;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;
import org.taew.core.util.Folders;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;

/**
 * BM25 (Lucene, Anserini's settings) on the inputs users have: a 100,000-passage corpus indexed and
 * searched with short queries, and a SciFact-sized set (5,183 passages, 300 queries) indexed and
 * searched beside its dense side in the same run — e5-small-v2 encoding the same queries and
 * passages — so the ratio shows whether BM25 could be the slow part of an evaluation. Passages are
 * built from STS-Benchmark sentences (its vocabulary is smaller than a real collection's). In quick
 * mode, a few passages.
 */
final class Bm25Benchmark {
    static final int BIG = 100_000;
    static final int SCIFACT_DOCS = 5_183;
    static final int QUERIES = 300;
    static final int[] PATTERN = {3, 5, 8, 2, 13, 4, 6};
    static final int LONG_DOCS = 10_000;

    /** Long documents: 90 to 250 sentences (about 1,000 to 2,800 words). */
    static final int[] LONG_PATTERN = {120, 180, 250, 90, 150};

    private Bm25Benchmark() {}

    static void run(BenchTexts texts) throws Exception {
        Path root = Files.createTempDirectory("taew-bm25-bench");
        try {
            List<TextItem> queries = items("q", texts.passages(QUERIES, new int[] {1}, 7));
            System.out.printf(Locale.ROOT, "%n== %s ==%n", Bm25Settings.ANSERINI.describe());
            List<TextItem> big = items("d", texts.passages(BIG, PATTERN, 0));
            lexical(root, "big", big, queries);
            List<TextItem> scifact = items("d", texts.passages(SCIFACT_DOCS, PATTERN, 3));
            double lexical = lexical(root, "scifact-sized", scifact, queries);
            // ArguAna-like: a whole passage as the query (many distinct terms, many clauses)
            List<TextItem> passageQueries = items("p", texts.passages(QUERIES, PATTERN, 11));
            lexical(root, "scifact-sized, passage-long queries", scifact, passageQueries);
            List<TextItem> longDocs = items("d", texts.passages(LONG_DOCS, LONG_PATTERN, 5));
            lexical(root, "long documents", longDocs, queries);
            fusion(root, scifact, queries);
            double dense = dense(scifact, queries);
            System.out.printf(
                    Locale.ROOT,
                    "SciFact-sized set: BM25 index + search %.2f s; e5-small-v2 encoding of the same"
                            + " queries and passages %.2f s; BM25 / dense = %.3f%n",
                    lexical,
                    dense,
                    lexical / dense);
        } finally {
            Folders.deleteTreeQuietly(root);
        }
    }

    /** Builds the index and searches every query once; returns the seconds of both. */
    private static double lexical(
            Path root, String name, List<TextItem> docs, List<TextItem> queries) throws Exception {
        long start = System.nanoTime();
        try (Bm25Index index =
                Bm25Index.open(
                        root.resolve(name),
                        name,
                        docs,
                        Bm25Settings.ANSERINI,
                        ProgressListener.NONE)) {
            double indexed = (System.nanoTime() - start) / 1e9;
            Bm25Search search = new Bm25Search(index);
            search.search(
                    queries.subList(0, Math.min(20, queries.size())),
                    1000,
                    false,
                    ProgressListener.NONE); // warm-up
            long s = System.nanoTime();
            Run run = search.search(queries, 1000, false, ProgressListener.NONE);
            double searched = (System.nanoTime() - s) / 1e9;
            long retrieved = run.rankings().values().stream().mapToLong(List::size).sum();
            System.out.printf(
                    Locale.ROOT,
                    "%s: %,d passages indexed in %.2f s (%,.0f passages/s, %.1f MB on disk); %d"
                            + " queries searched (top 1000, %,d results) in %.3f s (%.0f queries/s)%n",
                    name,
                    docs.size(),
                    indexed,
                    docs.size() / indexed,
                    bytes(index.dir()) / 1e6,
                    queries.size(),
                    retrieved,
                    searched,
                    queries.size() / searched);
            return indexed + searched;
        }
    }

    /**
     * The hybrid's cost beyond its two rankings: reciprocal rank fusion and the convex combination
     * of two top-1000 runs for every query (BM25's run with a reversed copy standing in for the
     * dense run: the fusion does not look at where a run came from).
     */
    private static void fusion(Path root, List<TextItem> docs, List<TextItem> queries)
            throws Exception {
        Run bm25;
        try (Bm25Index index =
                Bm25Index.open(
                        root.resolve("scifact-sized"),
                        "scifact-sized",
                        docs,
                        Bm25Settings.ANSERINI,
                        ProgressListener.NONE)) {
            bm25 = new Bm25Search(index).search(queries, 1000, false, ProgressListener.NONE);
        }
        Map<String, List<ScoredDoc>> reversed = new LinkedHashMap<>();
        bm25.rankings()
                .forEach(
                        (q, list) -> {
                            List<ScoredDoc> r = new ArrayList<>();
                            for (int i = 0; i < list.size(); i++) {
                                r.add(
                                        new ScoredDoc(
                                                list.get(list.size() - 1 - i).docId(),
                                                1f - i * 1e-4f));
                            }
                            reversed.put(q, r);
                        });
        Run other = new Run(reversed);
        Fusion.reciprocalRank(bm25, other, Fusion.RRF_K, 1000); // warm-up
        long s = System.nanoTime();
        Fusion.reciprocalRank(bm25, other, Fusion.RRF_K, 1000);
        double rrf = (System.nanoTime() - s) / 1e9;
        s = System.nanoTime();
        Fusion.convex(bm25, other, 0.5, 1000);
        double convex = (System.nanoTime() - s) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "hybrid fusion of two top-1000 runs, %d queries: reciprocal rank %.3f s, convex %.3f s%n",
                queries.size(),
                rrf,
                convex);
    }

    /** Encodes queries and passages with e5-small-v2 as an evaluation's dense side does. */
    private static double dense(List<TextItem> docs, List<TextItem> queries) throws Exception {
        ModelSpec spec = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2");
        try (Encoder enc = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
            enc.encode(
                    prepared("query: ", queries.subList(0, Math.min(16, queries.size()))),
                    ProgressListener.NONE); // warm-up
            long start = System.nanoTime();
            enc.encode(prepared("query: ", queries), ProgressListener.NONE);
            enc.encode(prepared("passage: ", docs), ProgressListener.NONE);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long sum = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    sum += Files.size(p);
                }
            }
            return sum;
        }
    }

    private static List<PreparedText> prepared(String prefix, List<TextItem> items) {
        List<PreparedText> out = new ArrayList<>(items.size());
        for (TextItem t : items) {
            out.add(PreparedText.plain(prefix + t.text()));
        }
        return out;
    }

    private static List<TextItem> items(String prefix, List<String> texts) {
        List<TextItem> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(new TextItem(prefix + i, texts.get(i)));
        }
        return out;
    }
}
