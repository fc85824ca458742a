package org.taew.core.logic.hub;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The BEIR collections the workbench fetches by name: their sizes as the BEIR paper gives them, the
 * task and identical-ids decision they are evaluated with, the bundled models' published nDCG@10
 * and Anserini's published BM25 figures. A table, read by {@link BeirFetcher} and the Hub fetcher.
 */
public final class BeirCollections {
    private BeirCollections() {}

    /**
     * A collection BEIR publishes, with its sizes as the BEIR paper gives them.
     *
     * @param task the workbench task its queries and documents are (an instruction file's task)
     * @param ignoreIdenticalIds whether queries are also documents (BEIR and MTEB leave a query out
     *     of its own ranking there)
     * @param refusal why the workbench does not fetch it, or null
     * @param published the bundled models' published nDCG@10, by model
     * @param bm25 Anserini's published BM25 flat figures, or null where it publishes none
     */
    public record Known(
            String name,
            String title,
            long documents,
            long testQueries,
            String task,
            boolean ignoreIdenticalIds,
            String refusal,
            Map<String, Double> published,
            AnseriniBm25 bm25) {
        public Known {
            published =
                    published == null
                            ? Map.of()
                            : Collections.unmodifiableMap(new LinkedHashMap<>(published));
        }

        Known(
                String name,
                String title,
                long documents,
                long testQueries,
                String task,
                boolean ignoreIdenticalIds,
                String refusal) {
            this(
                    name,
                    title,
                    documents,
                    testQueries,
                    task,
                    ignoreIdenticalIds,
                    refusal,
                    Map.of(),
                    null);
        }

        /** The same collection with Anserini's published BM25 flat figures. */
        Known bm25(double ndcg10, double recall100) {
            return new Known(
                    name,
                    title,
                    documents,
                    testQueries,
                    task,
                    ignoreIdenticalIds,
                    refusal,
                    published,
                    new AnseriniBm25(name, ndcg10, recall100));
        }

        /** The same collection with the bundled models' published nDCG@10 (e5, bge, MiniLM). */
        Known published(double e5, double bge, double minilm) {
            Map<String, Double> p = new LinkedHashMap<>();
            p.put(BeirDatasetFiles.E5, e5);
            p.put(BeirDatasetFiles.BGE, bge);
            p.put(BeirDatasetFiles.MINILM, minilm);
            return new Known(
                    name,
                    title,
                    documents,
                    testQueries,
                    task,
                    ignoreIdenticalIds,
                    refusal,
                    p,
                    bm25);
        }
    }

    /** The BEIR collections, sizes from the BEIR paper (Thakur et al., 2021, table 1). */
    public static final List<Known> KNOWN =
            List.of(
                    new Known(
                                    "scifact",
                                    "SciFact: scientific claims to abstracts",
                                    5_183,
                                    300,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.68854, 0.71275, 0.64508)
                            .bm25(0.6789, 0.9253),
                    new Known(
                                    "nfcorpus",
                                    "NFCorpus: nutrition questions to medical articles",
                                    3_633,
                                    323,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.32449, 0.34305, 0.31594)
                            .bm25(0.3218, 0.2457),
                    new Known(
                                    "arguana",
                                    "ArguAna: an argument to its counter-argument",
                                    8_674,
                                    1_406,
                                    "retrieval",
                                    true,
                                    null)
                            .published(0.41668, 0.5955, 0.50167)
                            .bm25(0.3970, 0.9324),
                    new Known(
                                    "scidocs",
                                    "SCIDOCS: a paper's title to papers it cites",
                                    25_657,
                                    1_000,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.17765, 0.20522, 0.21641)
                            .bm25(0.1490, 0.3477),
                    new Known(
                                    "fiqa",
                                    "FiQA-2018: financial questions to forum answers",
                                    57_638,
                                    648,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.37434, 0.40343, 0.36867)
                            .bm25(0.2361, 0.5395),
                    new Known(
                                    "trec-covid",
                                    "TREC-COVID: COVID-19 questions to CORD-19 abstracts",
                                    171_332,
                                    50,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.74533, 0.75899, 0.47246)
                            .bm25(0.5947, 0.1091),
                    new Known(
                                    "webis-touche2020",
                                    "Touché-2020: controversial questions to arguments",
                                    382_545,
                                    49,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.27125, 0.26037, 0.16904)
                            .bm25(0.4422, 0.5822),
                    new Known(
                                    "quora",
                                    "Quora: a question to its duplicates",
                                    522_931,
                                    10_000,
                                    "similar-questions",
                                    true,
                                    null)
                            .published(0.85711, 0.8878, 0.87552)
                            .bm25(0.7886, 0.9733),
                    new Known(
                                    "nq",
                                    "Natural Questions: Google queries to Wikipedia passages",
                                    2_681_468,
                                    3_452,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.59113, 0.50178, 0.43869)
                            .bm25(0.3055, 0.7513),
                    new Known(
                                    "dbpedia-entity",
                                    "DBpedia-Entity: entity queries to DBpedia abstracts",
                                    4_635_922,
                                    400,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.41317, 0.40029, 0.3233)
                            .bm25(0.3180, 0.4682),
                    new Known(
                                    "hotpotqa",
                                    "HotpotQA: multi-hop questions to Wikipedia passages",
                                    5_233_329,
                                    7_405,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.6661, 0.69935, 0.46513)
                            .bm25(0.6330, 0.7957),
                    new Known(
                                    "fever",
                                    "FEVER: claims to Wikipedia passages",
                                    5_416_568,
                                    6_666,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.81644, 0.86643, 0.51934)
                            .bm25(0.6513, 0.9185),
                    new Known(
                                    "climate-fever",
                                    "Climate-FEVER: climate claims to Wikipedia passages",
                                    5_416_593,
                                    1_535,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.22871, 0.31836, 0.20272)
                            .bm25(0.1651, 0.4249),
                    new Known(
                                    "msmarco",
                                    "MS MARCO: Bing queries to web passages (dev split)",
                                    8_841_823,
                                    6_980,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.41461, 0.40833, 0.36542),
                    new Known(
                            "cqadupstack",
                            "CQADupStack: 12 StackExchange forums",
                            457_199,
                            13_145,
                            "similar-questions",
                            true,
                            "its zip holds 12 sub-collections (one per forum), which the workbench does not unpack"
                                    + " into separate datasets yet"));

    /** The known collection of that name, if any. */
    public static Optional<Known> known(String name) {
        return KNOWN.stream().filter(k -> k.name().equalsIgnoreCase(name.strip())).findFirst();
    }
}
