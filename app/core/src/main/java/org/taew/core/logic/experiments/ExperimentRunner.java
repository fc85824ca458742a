package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.SideTemplate;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.Embeddings;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Side;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Runs an experiment: for each dataset and model, every variant that applies to the model's family,
 * with general mode and the model card's default always among them. Each distinct template of a
 * side is encoded once (through the embedding cache), all query templates in one batched call, so
 * that variants that differ only on the query side share the corpus vectors. Each variant is ranked
 * and measured, beside BM25 (and, when asked, each variant fused with BM25) as references; the
 * leaderboard compares every row with the baseline (paired bootstrap interval, randomization test,
 * Holm's adjustment across the rows), says how sensitive the model is to the wording and whether it
 * uses the instruction at all, and chooses the best variant on data it is not scored on (the dev
 * split, else K-fold over the queries).
 *
 * <p>The facade over the pieces that do each job: {@link ExperimentPlan}, {@link SideVectors},
 * {@link VariantScorer}, {@link ReferenceRows}, {@link VariantDiagnostics}, {@link
 * LeaderboardStatistics} and {@link VariantSelection}.
 */
public final class ExperimentRunner {
    private ExperimentRunner() {}

    /**
     * Runs the experiment.
     *
     * @param request the options every session of the experiment shares (device, engine, cache)
     */
    public static ExperimentResult run(
            ExperimentSpec spec,
            SessionResolver resolver,
            SessionRequest request,
            ModeComparison.Settings significance,
            ProgressListener progress)
            throws WorkbenchException {
        return runEach(
                spec,
                resolver,
                request,
                significance,
                (session, dev) -> own(spec, session, dev, significance, progress));
    }

    /** The file's variants (with general mode and the card) on one dataset with one model. */
    private static ExperimentResult.ModelResult own(
            ExperimentSpec spec,
            EvaluationSession session,
            SessionSetup dev,
            ModeComparison.Settings significance,
            ProgressListener progress)
            throws WorkbenchException {
        return runOne(
                spec,
                session,
                dev,
                significance,
                ExperimentPlan.variants(spec, session.setup()),
                null,
                progress);
    }

    /** What an experiment (or a search) makes of one dataset with one model. */
    @FunctionalInterface
    interface PerModel {
        ExperimentResult.ModelResult run(EvaluationSession session, SessionSetup dev)
                throws WorkbenchException;
    }

    /**
     * For each model, one session retargeted to each dataset in turn, and {@code each} run on it;
     * every input is read and every model's instructions resolved before a model is loaded.
     */
    static ExperimentResult runEach(
            ExperimentSpec spec,
            SessionResolver resolver,
            SessionRequest request,
            ModeComparison.Settings significance,
            PerModel each)
            throws WorkbenchException {
        List<List<SessionSetup>> setups = ExperimentPlan.setups(spec, resolver, request);
        List<String> warnings = new ArrayList<>(ExperimentPlan.unmatched(spec, setups));
        List<ExperimentResult.ModelResult> results = new ArrayList<>();
        for (List<SessionSetup> forModel : setups) {
            EvaluationSession session = null;
            try {
                for (SessionSetup setup : forModel) {
                    session =
                            session == null
                                    ? EvaluationSession.open(setup, false)
                                    : session.retarget(setup, false);
                    SessionSetup dev = ExperimentPlan.devSetup(spec, resolver, request, setup);
                    results.add(each.run(session, dev));
                    String problem = session.recordingProblem();
                    if (problem != null && !warnings.contains(problem)) {
                        warnings.add(problem);
                    }
                }
            } finally {
                if (session != null) {
                    // a cancelled run closes too: the cache keeps what was encoded (a channel
                    // would refuse to write while the thread is interrupted)
                    boolean interrupted = Thread.interrupted();
                    session.close();
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        return new ExperimentResult(spec, significance, warnings, results);
    }

    /**
     * Runs the experiment on an open session's dataset and model (the desktop's); the spec's
     * datasets and models are not read, and the session stays open. Not while the session does
     * other work: one caller at a time.
     *
     * @param request the session's request (the dev split is resolved with its options)
     */
    public static ExperimentResult runOn(
            ExperimentSpec spec,
            EvaluationSession session,
            SessionResolver resolver,
            SessionRequest request,
            ModeComparison.Settings significance,
            ProgressListener progress)
            throws WorkbenchException {
        return onSession(
                spec,
                session,
                resolver,
                request,
                significance,
                dev -> own(spec, session, dev, significance, progress));
    }

    /** What an experiment (or a search) makes of the open session, given the dev split's setup. */
    @FunctionalInterface
    interface OnSession {
        ExperimentResult.ModelResult run(SessionSetup dev) throws WorkbenchException;
    }

    /**
     * {@code each} on an open session's retrieval dataset and model, with the dev split's setup,
     * and the warnings of the whole (a file's variants no model ran, the history's problem).
     */
    static ExperimentResult onSession(
            ExperimentSpec spec,
            EvaluationSession session,
            SessionResolver resolver,
            SessionRequest request,
            ModeComparison.Settings significance,
            OnSession each)
            throws WorkbenchException {
        SessionSetup setup = session.setup();
        if (setup.retrieval() == null) {
            throw WorkbenchException.badInput(
                    (setup.dataset() == null ? "texts" : setup.dataset().path())
                            + ": experiments take retrieval datasets (BEIR folders)");
        }
        List<String> warnings =
                new ArrayList<>(ExperimentPlan.unmatched(spec, List.of(List.of(setup))));
        ExperimentResult.ModelResult m =
                each.run(ExperimentPlan.devSetup(spec, resolver, request, setup));
        if (session.recordingProblem() != null) {
            warnings.add(session.recordingProblem());
        }
        return new ExperimentResult(spec, significance, warnings, List.of(m));
    }

    /**
     * Chooses the best variant on held-out data, given every variant's per-query values on the
     * scored split; null for the experiment's own choice (the dev split, else K-fold).
     */
    @FunctionalInterface
    interface Choice {
        SearchOutcome choose(
                List<ExperimentSpec.Variant> variants,
                List<String> queryIds,
                List<double[]> perQuery)
                throws WorkbenchException;
    }

    /** A choice made elsewhere (a search) and what it found, for the leaderboard. */
    record SearchOutcome(VariantSelection.Outcome outcome, ExperimentResult.SearchTrace trace) {}

    /**
     * One dataset with one model: {@code variants} scored and compared, the lexical references, the
     * choice on held-out data ({@code choice}, else the experiment's own) and the recommendation.
     */
    static ExperimentResult.ModelResult runOne(
            ExperimentSpec spec,
            EvaluationSession session,
            SessionSetup dev,
            ModeComparison.Settings significance,
            List<ExperimentSpec.Variant> variants,
            Choice choice,
            ProgressListener progress)
            throws WorkbenchException {
        SessionSetup setup = session.setup();
        RetrievalDataset data = setup.retrieval();
        ExperimentPlan.checkDimensions(spec, setup, session.encoder().dimension());
        boolean ignore = setup.identicalIds().ignore();
        Map<SideTemplate, Embeddings> docs =
                SideVectors.encode(
                        session.embedder(),
                        data.documents(),
                        variants,
                        Side.DOCUMENT,
                        "documents",
                        progress);
        VariantScorer.Scored test =
                VariantScorer.score(spec, session, data, variants, docs, ignore, progress);
        // the lexical references after the variants: compared like them, never chosen
        List<LeaderboardStatistics.Entry> entries = LeaderboardStatistics.entries(variants, test);
        entries.addAll(ReferenceRows.score(spec, session, data, variants, test, ignore, progress));
        ExperimentSpec.Baseline b = spec.baseline();
        int baseline =
                b == ExperimentSpec.Baseline.BM25
                        ? variants.size()
                        : b == ExperimentSpec.Baseline.CARD ? 1 : 0;
        List<ExperimentResult.VariantResult> all =
                LeaderboardStatistics.rows(entries, baseline, significance);
        List<ExperimentResult.VariantResult> rows = all.subList(0, variants.size());
        SearchOutcome searched =
                choice == null ? null : choice.choose(variants, test.queryIds(), test.perQuery());
        VariantSelection.Outcome selection =
                searched != null
                        ? searched.outcome()
                        : dev == null
                                ? VariantSelection.crossValidate(
                                        spec.selection(), variants, test.perQuery())
                                : VariantSelection.onDev(
                                        spec,
                                        session,
                                        dev,
                                        variants,
                                        docs,
                                        test.perQuery(),
                                        progress);
        return new ExperimentResult.ModelResult(
                data.name(),
                data.split(),
                setup.task(),
                setup.model(),
                session.encoder().engine(),
                spec.baseline(),
                test.queryIds(),
                session.warnings(ignore),
                ExperimentPlan.templates(spec, setup),
                rows,
                all.subList(variants.size(), all.size()),
                ReferenceRows.describe(spec, setup.lexical().index()),
                ExperimentResult.Sensitivity.of(rows),
                selection.selection(),
                VariantSelection.recommend(selection, all.get(baseline), significance),
                searched == null ? null : searched.trace());
    }
}
