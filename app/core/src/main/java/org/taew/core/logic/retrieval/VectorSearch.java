package org.taew.core.logic.retrieval;

import java.util.List;
import org.taew.core.model.Embeddings;
import org.taew.core.model.Run;
import org.taew.core.util.WorkbenchException;

/**
 * Exact top-k search by cosine similarity. Vectors are L2-normalised by the caller, so the dot
 * product is the cosine. Rankings are in trec_eval order (score descending, then document id
 * descending), ties at the cut-off resolved the same way.
 */
public interface VectorSearch {
    /**
     * The top {@code depth} documents of each query by cosine, in trec_eval's order.
     *
     * @param depth how many documents to keep per query
     * @param ignoreIdenticalIds drop a document whose id equals the query id (for symmetric sets
     *     where the queries are also documents)
     */
    Run search(
            List<String> queryIds,
            Embeddings queries,
            List<String> documentIds,
            Embeddings documents,
            int depth,
            boolean ignoreIdenticalIds)
            throws WorkbenchException;
}
