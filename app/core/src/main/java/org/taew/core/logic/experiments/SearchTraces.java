package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.search.Step;

/** The steps of a search's rounds named as the leaderboard names wordings, fold by fold. */
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
}
