package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.history.SearchRecord;
import org.taew.core.logic.search.Step;

/**
 * The steps of a search's rounds named as the leaderboard names wordings, fold by fold, and the
 * search as the run history keeps it.
 */
final class SearchTraces {
    private final List<ExperimentSpec.Variant> wordings;
    private final Map<String, String> origins;
    private final List<ExperimentResult.SearchStep> steps = new ArrayList<>();

    SearchTraces(List<ExperimentSpec.Variant> wordings, Map<String, String> origins) {
        this.wordings = wordings;
        this.origins = origins;
    }

    /** The steps of the search for {@code fold} (0: the final search on every query). */
    void add(int fold, List<Step> trace) {
        for (Step s : trace) {
            ExperimentSpec.Variant w = wordings.get(s.candidate());
            steps.add(
                    new ExperimentResult.SearchStep(
                            fold,
                            s.round(),
                            w.name(),
                            origins.get(w.name()),
                            w.instructions(),
                            s.queries(),
                            s.mean(),
                            s.kept()));
        }
    }

    List<ExperimentResult.SearchStep> steps() {
        return steps;
    }

    /** The search of {@code m} as the run history keeps it. */
    static SearchRecord.Trace history(ExperimentSpec spec, ExperimentResult.ModelResult m) {
        ExperimentResult.SearchTrace t = m.search();
        List<SearchRecord.Step> out = new ArrayList<>();
        for (ExperimentResult.SearchStep s : t.steps()) {
            out.add(
                    new SearchRecord.Step(
                            s.fold(),
                            s.round(),
                            s.name(),
                            s.origin(),
                            RunRecord.Templates.of(s.instructions()),
                            s.queries(),
                            s.mean(),
                            s.kept()));
        }
        return new SearchRecord.Trace(
                spec.name(),
                spec.measure().name(),
                new SearchRecord.Spent(
                        t.method(),
                        t.proposed(),
                        t.leftOut(),
                        t.budget(),
                        t.evaluations(),
                        t.encoded(),
                        t.seconds(),
                        t.encodingSeconds()),
                m.recommendation().chosen(),
                ExperimentSentences.recommendation(m.recommendation()),
                out);
    }
}
