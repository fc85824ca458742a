package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.SideTemplate;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.model.Embeddings;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.Side;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Scores every variant on one split: encodes the split's queries, ranks and measures each variant
 * through {@link RetrievalEvaluation#rank} (the one path eval and the live evaluation take, with
 * the session's search), records each run in the history as it finishes, and measures the
 * diagnostics.
 */
final class VariantScorer {
    private VariantScorer() {}

    /**
     * Per-query values, diagnostics, the query ids and rankings of every variant on one split.
     *
     * @param runs each variant's ranking (what a hybrid row fuses with BM25's)
     */
    record Scored(
            List<String> queryIds,
            List<double[]> perQuery,
            List<ExperimentResult.Diagnostics> diagnostics,
            List<Long> runIds,
            List<Run> runs) {}

    /**
     * What an experiment ranks and measures with: every evaluation's measures (so that the history
     * compares a variant with any run) and depth, deeper when the main measure cuts deeper.
     */
    static RetrievalEvaluation.Settings settings(ExperimentSpec spec, boolean ignoreIdenticalIds) {
        return new RetrievalEvaluation.Settings(
                SessionDefaults.metrics(),
                spec.measure(),
                SessionDefaults.DEPTH,
                ignoreIdenticalIds,
                ModeComparison.Settings.DEFAULT);
    }

    static Scored score(
            ExperimentSpec spec,
            EvaluationSession session,
            RetrievalDataset data,
            List<ExperimentSpec.Variant> variants,
            Map<SideTemplate, Embeddings> docs,
            boolean ignoreIdenticalIds,
            ProgressListener progress)
            throws WorkbenchException {
        Map<SideTemplate, Embeddings> queries =
                SideVectors.encode(
                        session.embedder(),
                        data.queries(),
                        variants,
                        Side.QUERY,
                        "queries",
                        progress);
        RetrievalEvaluation.Settings settings = settings(spec, ignoreIdenticalIds);
        List<Run> runs = new ArrayList<>();
        List<double[]> perQuery = new ArrayList<>();
        List<Long> runIds = new ArrayList<>();
        List<String> evaluated = null;
        SideVectors q = new SideVectors(queries);
        SideVectors d = new SideVectors(docs);
        progress.reset("searching and measuring " + variants.size() + " variants", variants.size());
        for (ExperimentSpec.Variant v : variants) {
            if (Thread.currentThread().isInterrupted()) {
                throw new WorkbenchException(WorkbenchException.Kind.CANCELLED, "Cancelled", null);
            }
            RetrievalEvaluation.Ranked ranked =
                    RetrievalEvaluation.rank(
                            data,
                            q.of(v, Side.QUERY),
                            d.of(v, Side.DOCUMENT),
                            session.search(),
                            settings);
            Run run = ranked.run();
            QueryScores s = ranked.scores();
            // recorded as each variant finishes: a cancelled experiment keeps what it measured
            runIds.add(
                    session.record(
                            v.name(),
                            spec.name(),
                            data,
                            v.instructions(),
                            s,
                            run,
                            settings,
                            v.dimension()));
            runs.add(run);
            perQuery.add(s.of(spec.measure()));
            evaluated = s.queryIds();
            progress.increment(1);
        }
        return new Scored(
                evaluated,
                perQuery,
                VariantDiagnostics.of(variants, q, d, runs, evaluated),
                runIds,
                runs);
    }
}
