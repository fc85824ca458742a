package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.search.Budget;
import org.taew.core.logic.search.CandidateScorer;
import org.taew.core.logic.search.NestedSearch;
import org.taew.core.logic.search.Result;
import org.taew.core.logic.search.SuccessiveHalving;
import org.taew.core.logic.search.WordingCandidates;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * {@code taew experiment search} and the desktop's <i>Suggest wordings</i>: per dataset and model,
 * wordings proposed in the family's documented format ({@link WordingCandidates}: a grammar, the
 * dataset's own terms, edits of the draft) with the file's own variants, searched by successive
 * halving within a budget of (wording, query) evaluations, query-side wordings at no corpus cost
 * and document-side ones within a budget of corpus passes; the wording chosen is judged on queries
 * the search never saw — the scored split when the search ran on the dev split, else nested K-fold
 * (each fold's queries scored with what the search on the other folds chose) — beside general mode
 * and the card on the experiment's leaderboard, with its intervals, paired test, Holm's adjustment
 * and recommendation.
 */
public final class ExperimentSearch {
    private ExperimentSearch() {}

    /**
     * What a search will do, said before it starts.
     *
     * @param wordings wordings proposed and kept (the file's own variants included)
     * @param documentSide how many of them change the document template (one corpus pass each)
     * @param leftOut document-side wordings beyond the budget of corpus passes
     * @param searches searches run: one per outer fold and the final one, or one on the dev split
     * @param budget evaluations each search may spend
     * @param seconds the estimated time at most (the cache makes it less), from the rate a few
     *     texts were encoded at
     */
    public record Plan(
            String dataset,
            String model,
            int wordings,
            int documentSide,
            int leftOut,
            int searches,
            int budget,
            double seconds) {
        /** The plan in a few words, for a status bar. */
        public String brief() {
            return String.format(
                    Locale.ROOT,
                    "Searching %d wordings: at most about %s",
                    wordings,
                    seconds < 90 ? Math.round(seconds) + " s" : Math.round(seconds / 60) + " min");
        }

        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "Searching %d wordings for %s on %s (%d change the documents: one pass over the"
                            + " corpus each%s): %d search%s of at most %d (wording, query) evaluations;"
                            + " at most about %s.",
                    wordings,
                    model,
                    dataset,
                    documentSide,
                    leftOut == 0 ? "" : "; " + leftOut + " more left out by corpus-encodes",
                    searches,
                    searches == 1 ? "" : "es",
                    budget,
                    seconds < 90 ? Math.round(seconds) + " s" : Math.round(seconds / 60) + " min");
        }
    }

    /** Searches on every dataset with every model of the spec. */
    public static ExperimentResult run(
            ExperimentSpec spec,
            SessionResolver resolver,
            SessionRequest request,
            ModeComparison.Settings significance,
            Consumer<Plan> plans,
            ProgressListener progress)
            throws WorkbenchException {
        return ExperimentRunner.runEach(
                spec,
                resolver,
                request,
                significance,
                (session, dev) ->
                        searchOne(spec, session, dev, significance, null, plans, progress));
    }

    /**
     * Searches on an open session's dataset and model (the desktop's), editing {@code draft} (the
     * editor's templates) besides the grammar's wordings.
     */
    public static ExperimentResult runOn(
            ExperimentSpec spec,
            EvaluationSession session,
            SessionResolver resolver,
            SessionRequest request,
            ModeComparison.Settings significance,
            InstructionPair draft,
            Consumer<Plan> plans,
            ProgressListener progress)
            throws WorkbenchException {
        return ExperimentRunner.onSession(
                spec,
                session,
                resolver,
                request,
                significance,
                dev -> searchOne(spec, session, dev, significance, draft, plans, progress));
    }

    private static ExperimentResult.ModelResult searchOne(
            ExperimentSpec spec,
            EvaluationSession session,
            SessionSetup dev,
            ModeComparison.Settings significance,
            InstructionPair draft,
            Consumer<Plan> plans,
            ProgressListener progress)
            throws WorkbenchException {
        SessionSetup setup = session.setup();
        ExperimentSpec.Search s = spec.search();
        InstructionPair card = setup.taskInstructions().instructions();
        SearchWordings proposals = SearchWordings.of(spec, setup, draft);
        List<ExperimentSpec.Variant> wordings = proposals.wordings();
        RetrievalDataset searched = dev != null ? dev.retrieval() : setup.retrieval();
        List<TextItem> queries = SearchScorer.judged(searched);
        if (queries.size() < 2) {
            throw WorkbenchException.badInput(
                    searched.source()
                            + ": the "
                            + searched.split()
                            + " split has "
                            + queries.size()
                            + " judged queries; a search needs at least 2");
        }
        RetrievalEvaluation.Settings measured =
                new RetrievalEvaluation.Settings(
                        List.of(spec.measure()),
                        spec.measure(),
                        SessionDefaults.DEPTH,
                        (dev != null ? dev : setup).identicalIds().ignore(),
                        ModeComparison.Settings.DEFAULT);
        SearchScorer scorer = new SearchScorer(session, searched, queries, wordings, measured);
        int folds = dev != null ? 0 : Math.min(spec.selection().folds(), queries.size());
        int inner = dev != null ? queries.size() : queries.size() - queries.size() / folds;
        int budget = s.budgetFor(inner);
        int searches = dev != null ? 1 : folds + 1;
        checkBudget(searched, queries.size(), inner, wordings.size(), budget, s.rounds());
        plans.accept(
                new Plan(
                        setup.retrieval().name(),
                        setup.model().name(),
                        wordings.size(),
                        proposals.documentSide(),
                        proposals.leftOut(),
                        searches,
                        budget,
                        SearchTiming.estimate(
                                session.encoder(),
                                card,
                                queries,
                                searched.documents(),
                                wordings.size(),
                                proposals.corpusPasses(),
                                budget,
                                searches)));
        BooleanSupplier cancelled = () -> Thread.currentThread().isInterrupted();
        progress.reset("searching " + wordings.size() + " wordings", (long) budget * searches);
        CandidateScorer counted =
                (c, which) -> {
                    double[] v = scorer.score(c, which);
                    progress.increment(which.length);
                    return v;
                };
        SearchTraces traces = new SearchTraces(wordings, proposals.origins());
        Budget b = new Budget(budget, s.rounds());
        int[] all = new int[queries.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        long started = System.nanoTime();
        NestedSearch.Outcome nested =
                dev != null
                        ? null
                        : NestedSearch.run(
                                wordings.size(),
                                queries.size(),
                                folds,
                                s.seed(),
                                b,
                                counted,
                                cancelled);
        Result last = SuccessiveHalving.run(wordings.size(), all, b, s.seed(), counted, cancelled);
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.end();
        ProgressListener.checkCancelled();
        if (nested != null) {
            for (int f = 0; f < folds; f++) {
                traces.add(f + 1, nested.traces().get(f));
            }
        }
        traces.add(0, last.trace());
        // the leaderboard: general, the card, the wording chosen on every query, each fold's
        List<ExperimentSpec.Variant> board =
                new ArrayList<>(ExperimentPlan.variants(spec, setup).subList(0, 2));
        Set<Integer> chosen = new LinkedHashSet<>();
        chosen.add(last.best());
        if (nested != null) {
            for (int c : nested.chosen()) {
                chosen.add(c);
            }
        }
        for (int c : chosen) {
            if (c != 0) { // the card is on every leaderboard already
                board.add(wordings.get(c));
            }
        }
        String method =
                dev != null
                        ? "instruction search (successive halving) on the "
                                + searched.split()
                                + " split, the chosen wording scored on the "
                                + setup.retrieval().split()
                                + " split"
                        : "instruction search (successive halving), nested "
                                + folds
                                + "-fold: each fold's queries scored with the wording the search on"
                                + " the other folds chose (seed "
                                + s.seed()
                                + ")";
        int spent = last.evaluations() + (nested == null ? 0 : nested.evaluations());
        ExperimentResult.SearchTrace trace =
                new ExperimentResult.SearchTrace(
                        method,
                        wordings.size(),
                        proposals.leftOut(),
                        budget,
                        spent,
                        scorer.encoded(),
                        seconds,
                        scorer.encodingSeconds(),
                        traces.steps());
        ExperimentResult.ModelResult result =
                ExperimentRunner.runOne(
                        spec,
                        session,
                        null,
                        significance,
                        board,
                        (variants, ids, perQuery) ->
                                new ExperimentRunner.SearchOutcome(
                                        SearchSelection.outcome(
                                                method,
                                                variants,
                                                ids,
                                                perQuery,
                                                wordings.get(last.best()).name(),
                                                nested == null
                                                        ? null
                                                        : names(wordings, nested.chosen()),
                                                nested == null
                                                        ? null
                                                        : heldOut(queries, nested.heldOut())),
                                        trace),
                        progress);
        // the trace in the history too (a cancelled search records nothing: nothing was judged)
        session.recordSearch(searched, SearchTraces.history(spec, result));
        return result;
    }

    /**
     * Refuses, before anything is scored, a budget whose first round cannot score every wording on
     * one query (successive halving splits the budget evenly over its rounds).
     */
    private static void checkBudget(
            RetrievalDataset searched, int judged, int inner, int wordings, int budget, int asked)
            throws WorkbenchException {
        int needed = Math.max(1, 32 - Integer.numberOfLeadingZeros(wordings - 1));
        int rounds = asked == 0 || asked > needed ? needed : asked;
        if (budget / rounds < wordings) {
            throw WorkbenchException.badInput(
                    String.format(
                            Locale.ROOT,
                            "%s (%s split, %d judged queries, %d searched at a time): %d wordings over"
                                    + " %d rounds need a budget of at least %d (wording, query)"
                                    + " evaluations per search, and it is %d; set a larger"
                                    + " search: {budget: N}, or fewer candidates or rounds",
                            searched.source(),
                            searched.split(),
                            judged,
                            inner,
                            wordings,
                            rounds,
                            wordings * rounds,
                            budget));
        }
    }

    private static List<String> names(List<ExperimentSpec.Variant> wordings, int[] chosen) {
        List<String> out = new ArrayList<>();
        for (int c : chosen) {
            out.add(wordings.get(c).name());
        }
        return out;
    }

    private static Map<String, Double> heldOut(List<TextItem> queries, double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            out.put(queries.get(i).id(), values[i]);
        }
        return out;
    }
}
