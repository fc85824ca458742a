package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.SideTemplate;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.search.CandidateScorer;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.model.Embeddings;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Side;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Scores a wording on some queries for a search: encodes those queries with its query template
 * (through the embedding cache: a query is encoded once per template, whichever round or fold asks
 * again), its document template's corpus vectors once, ranks them with the session's search and
 * measures the main measure — {@link RetrievalEvaluation#rank}, the one path of every number.
 */
final class SearchScorer implements CandidateScorer {
    private final EvaluationSession session;
    private final RetrievalDataset data;
    private final List<TextItem> queries;
    private final List<ExperimentSpec.Variant> candidates;
    private final RetrievalEvaluation.Settings settings;
    private final Map<SideTemplate, Embeddings> corpus = new HashMap<>();
    private final ProgressListener silent = ProgressListener.NONE;
    private int encoded;
    private double encodingSeconds;

    /**
     * @param queries the queries a search may score, in the order its indices count (judged ones)
     */
    SearchScorer(
            EvaluationSession session,
            RetrievalDataset data,
            List<TextItem> queries,
            List<ExperimentSpec.Variant> candidates,
            RetrievalEvaluation.Settings settings) {
        this.session = session;
        this.data = data;
        this.queries = List.copyOf(queries);
        this.candidates = List.copyOf(candidates);
        this.settings = settings;
    }

    /** The queries a search scores on: those with at least one document judged relevant. */
    static List<TextItem> judged(RetrievalDataset data) {
        List<TextItem> out = new ArrayList<>();
        for (TextItem q : data.queries()) {
            if (data.qrels().of(q.id()).values().stream().anyMatch(g -> g >= 1)) {
                out.add(q);
            }
        }
        return out;
    }

    @Override
    public double[] score(int candidate, int[] which) throws WorkbenchException {
        ExperimentSpec.Variant v = candidates.get(candidate);
        List<TextItem> asked = new ArrayList<>(which.length);
        for (int i : which) {
            asked.add(queries.get(i));
        }
        Embeddings q =
                SideVectors.encode(
                                session.embedder(),
                                asked,
                                List.of(v),
                                Side.QUERY,
                                "queries",
                                silent,
                                this::count)
                        .values()
                        .iterator()
                        .next();
        RetrievalDataset subset =
                new RetrievalDataset(
                        data.name(),
                        data.source(),
                        data.split(),
                        asked,
                        data.documents(),
                        data.qrels());
        QueryScores s =
                RetrievalEvaluation.rank(subset, q, documents(v), session.search(), settings)
                        .scores();
        double[] values = s.of(settings.mainMetric());
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < s.queryIds().size(); i++) {
            at.put(s.queryIds().get(i), i);
        }
        double[] out = new double[asked.size()];
        for (int i = 0; i < out.length; i++) {
            Integer k = at.get(asked.get(i).id());
            out[i] = k == null ? 0 : values[k];
        }
        return out;
    }

    private void count(EmbeddingService.Report r) {
        encoded += r.encoded();
        encodingSeconds += r.encoded() == 0 ? 0 : r.seconds();
    }

    /** Texts the model encoded for the scorer so far (the cache served the rest). */
    int encoded() {
        return encoded;
    }

    /** Wall time of the scorer's encoding requests that encoded anything, in seconds. */
    double encodingSeconds() {
        return encodingSeconds;
    }

    /** The corpus vectors of the wording's document template, encoded once per template. */
    private Embeddings documents(ExperimentSpec.Variant v) throws WorkbenchException {
        SideTemplate key = SideTemplate.of(Side.DOCUMENT, v.instructions());
        Embeddings e = corpus.get(key);
        if (e == null) {
            e =
                    SideVectors.encode(
                                    session.embedder(),
                                    data.documents(),
                                    List.of(v),
                                    Side.DOCUMENT,
                                    "documents",
                                    silent,
                                    this::count)
                            .get(key);
            corpus.put(key, e);
        }
        return e;
    }
}
