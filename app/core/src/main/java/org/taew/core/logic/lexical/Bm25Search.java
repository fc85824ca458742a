package org.taew.core.logic.lexical;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * BM25 search of a {@link Bm25Index} as Anserini searches its BEIR "flat" indexes: each query is
 * analysed like the documents and becomes a bag of words, one optional term clause per distinct
 * term boosted by how often the term occurs in the query; Lucene scores it with BM25 (idf {@code
 * log(1 + (N - n + 0.5) / (n + 0.5))}, term frequency {@code tf / (tf + k1 (1 - b + b dl /
 * avgdl))}, no {@code (k1 + 1)} factor). The run is in trec_eval's order.
 */
public final class Bm25Search {
    private final Bm25Index index;
    private final IndexSearcher searcher;
    private final EnglishAnalysis analysis = new EnglishAnalysis();

    public Bm25Search(Bm25Index index) {
        this.index = index;
        this.searcher = new IndexSearcher(index.reader());
        searcher.setSimilarity(Bm25Index.similarity(index.settings()));
    }

    /**
     * The top {@code depth} documents of each query; with {@code ignoreIdenticalIds} a document
     * whose id is the query's is left out. A query with no term left after analysis (only stop
     * words) retrieves nothing.
     */
    public Run search(
            List<TextItem> queries,
            int depth,
            boolean ignoreIdenticalIds,
            ProgressListener progress)
            throws WorkbenchException {
        progress.reset("BM25 search of " + queries.size() + " queries", queries.size());
        Map<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();
        for (TextItem q : queries) {
            ProgressListener.checkCancelled();
            rankings.put(q.id(), search(q, depth, ignoreIdenticalIds));
            progress.increment(1);
        }
        progress.end();
        return new Run(rankings);
    }

    private List<ScoredDoc> search(TextItem q, int depth, boolean ignoreIdenticalIds)
            throws WorkbenchException {
        Query query = query(q.text());
        if (query == null || depth <= 0) {
            return List.of();
        }
        try {
            TopDocs top = searcher.search(query, Math.min(index.size(), depth + 1));
            List<ScoredDoc> out = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc d : top.scoreDocs) {
                String id = index.id(d.doc);
                if (!(ignoreIdenticalIds && id.equals(q.id()))) {
                    out.add(new ScoredDoc(id, d.score));
                }
            }
            out.sort(ScoredDoc.TREC_ORDER);
            return out.size() > depth ? out.subList(0, depth) : out;
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot search the BM25 index in " + index.dir() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The bag of words of {@code text}, each distinct term boosted by its count; or null. */
    Query query(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : analysis.terms(text)) {
            counts.merge(t, 1, Integer::sum);
        }
        if (counts.isEmpty()) {
            return null;
        }
        if (counts.size() > IndexSearcher.getMaxClauseCount()) {
            // a query as long as a document (ArguAna) may have more distinct terms than Lucene's
            // default limit of clauses
            IndexSearcher.setMaxClauseCount(counts.size());
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        counts.forEach(
                (t, n) ->
                        b.add(
                                new BoostQuery(new TermQuery(new Term(Bm25Index.CONTENTS, t)), n),
                                BooleanClause.Occur.SHOULD));
        return b.build();
    }
}
