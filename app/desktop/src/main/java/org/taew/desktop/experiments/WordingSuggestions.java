package org.taew.desktop.experiments;

import java.util.HashSet;
import java.util.Set;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentSearch;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.model.InstructionPair;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.session.RunRecorder;
import org.taew.desktop.session.SessionState;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.session.WorkStatus;
import org.taew.desktop.util.BackgroundTask;

/**
 * The Experiments tab's <i>Suggest wordings</i>: the search of {@code taew experiment search} on
 * the open dataset and model, editing the editor's draft besides the grammar's wordings and taking
 * the list's variants as candidates too, as one piece of the window's work (progress and Cancel in
 * the status bar). The plan (wordings, budget, estimated time) is said before it starts; the
 * leaderboard then shows general mode, the card and what the search chose, judged on queries it
 * never saw, and the chosen wordings join the list, each usable in the editor like any variant.
 */
public final class WordingSuggestions {
    private final SessionViewModel session;
    private final SessionResolver resolver;
    private final WorkStatus work;
    private final RunRecorder recorder;
    private final ExperimentsViewModel experiments;

    public WordingSuggestions(
            SessionViewModel session,
            SessionResolver resolver,
            WorkStatus work,
            RunRecorder recorder,
            ExperimentsViewModel experiments) {
        this.session = session;
        this.resolver = resolver;
        this.work = work;
        this.recorder = recorder;
        this.experiments = experiments;
    }

    /** Proposes wordings and searches them on the open session. */
    public void suggest() {
        SessionViewModel.Open open = SessionWork.retrieval(session, work, "suggest wordings");
        if (open == null) {
            return;
        }
        ExperimentSpec spec;
        try {
            spec = experiments.spec(open.session().setup().dataset().name() + "-search");
        } catch (WorkbenchException e) {
            work.say(e.getMessage());
            return;
        }
        EvaluationSession s = open.session();
        InstructionPair draft = session.editor().form().compiledProperty().get();
        work.begin(SessionState.EVALUATING, "Proposing wordings for " + s.setup().model().name());
        work.run(
                BackgroundTask.of(
                                p ->
                                        ExperimentSearch.runOn(
                                                spec,
                                                s,
                                                resolver,
                                                open.request(),
                                                ModeComparison.Settings.DEFAULT,
                                                draft,
                                                plan -> work.sayFromWork(plan.brief()),
                                                p))
                        .showingProgressIn(work.progress())
                        .onSuccess(
                                r -> {
                                    work.ready();
                                    recorder.recorded(s);
                                    adopt(r);
                                    ExperimentResult.Recommendation rec =
                                            r.results().get(0).recommendation();
                                    work.say(
                                            rec.adopt()
                                                    ? "Search done: use " + rec.chosen()
                                                    : "Search done: keep " + rec.baseline());
                                    session.resumeEvaluations();
                                })
                        .onFailure(
                                e -> {
                                    work.fail("The search failed", e);
                                    session.resumeEvaluations();
                                }));
    }

    /** Shows the search's leaderboard and adds the wordings it chose to the list. */
    void adopt(ExperimentResult r) {
        experiments.show(r);
        ExperimentResult.ModelResult m = r.results().get(0);
        Set<String> listed = new HashSet<>();
        for (ExperimentsViewModel.VariantRow row : experiments.variants()) {
            listed.add(row.query() + "\u0000" + row.document() + "\u0000" + row.exclude());
        }
        for (ExperimentResult.VariantResult v : m.variants()) {
            InstructionPair p = v.instructions();
            boolean fixed =
                    v.name().equals(ExperimentSpec.GENERAL) || v.name().equals(ExperimentSpec.CARD);
            String q = p.query().standalone();
            String d = p.document().standalone();
            boolean exclude = p.excludeInstructionFromPooling();
            if (!fixed && listed.add(q + "\u0000" + d + "\u0000" + exclude)) {
                experiments
                        .variants()
                        .add(
                                new ExperimentsViewModel.VariantRow(
                                        experiments.free(v.name()), q, d, exclude));
            }
        }
    }
}
