package org.taew.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentSearch;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.model.MetricId;
import org.taew.core.util.ProgressListener;

/**
 * An instruction search's cost: 24 proposed wordings (and the card) for bge-small-en-v1.5 on 300
 * queries × 5,000 documents whose vectors are cached, nested 5-fold plus the final search, each
 * within 8 × its queries (wording, query) evaluations, query-side only (no corpus pass). Timed: the
 * searches (every scoring call: encoding the queries the cache does not hold, ranking, measuring)
 * against the part of them spent in encoding requests, measured in the same run; then the
 * leaderboard of what was chosen (scoring, significance, selection, history). Also the plan's
 * estimate against the time the searches took.
 */
final class SearchBenchmark {
    private static final String MODEL = "bge-small-en-v1.5";

    private SearchBenchmark() {}

    /**
     * The default budget (8 × the queries each fold's search sees), and in quick mode's few queries
     * at least enough for every wording in each of halving's rounds.
     */
    private static int budget(EvaluationSession session) {
        int queries = session.setup().retrieval().queries().size();
        return Math.max(8 * (queries - queries / 5), 160);
    }

    static void run(BenchTexts texts) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== Instruction search: %s, %d queries x %d cached documents ==%n",
                MODEL,
                ReevalBenchmark.QUERIES,
                ReevalBenchmark.DOCUMENTS);
        BenchWorkspace ctx = ExperimentBenchmark.workspace(texts);
        SessionResolver resolver = new SessionResolver(ctx.workspace(), ctx.home());
        SessionRequest request =
                SessionRequest.builder()
                        .optDataset(ExperimentBenchmark.DATASET)
                        .optModel(MODEL)
                        .optRecordAs(RunRecord.Origin.EXPERIMENT)
                        .build();
        try (EvaluationSession session = ExperimentBenchmark.warmSession(resolver, request)) {
            ExperimentSpec spec =
                    new ExperimentSpec(
                            null,
                            "search-bench",
                            List.of(ExperimentBenchmark.DATASET),
                            List.of(MODEL),
                            null,
                            null,
                            new ExperimentSpec.Selection(false, "dev", 5, 42),
                            MetricId.parse(SessionDefaults.MAIN_METRIC),
                            ExperimentSpec.Baseline.GENERAL,
                            List.of(),
                            List.of(),
                            null,
                            new ExperimentSpec.Search(24, budget(session), 0, 0, 42));
            List<ExperimentSearch.Plan> plans = new ArrayList<>();
            long t1 = System.nanoTime();
            ExperimentResult r =
                    ExperimentSearch.runOn(
                            spec,
                            session,
                            resolver,
                            request,
                            ModeComparison.Settings.DEFAULT,
                            null,
                            plans::add,
                            ProgressListener.NONE);
            double total = (System.nanoTime() - t1) / 1e9;
            ExperimentResult.ModelResult m = r.results().get(0);
            ExperimentResult.SearchTrace t = m.search();
            System.out.println(plans.get(0).describe());
            System.out.printf(
                    Locale.ROOT,
                    "Searches: %d wordings, %,d (wording, query) evaluations, %,d query texts encoded"
                            + " (the cache served the rest)%n",
                    t.proposed(),
                    t.evaluations(),
                    t.encoded());
            System.out.printf(
                    Locale.ROOT,
                    "Searches %.2f s, of which encoding requests %.2f s: overhead beyond encoding"
                            + " %+.1f %%; %.3f s per wording, %.2f ms per evaluation%n",
                    t.seconds(),
                    t.encodingSeconds(),
                    100 * (t.seconds() / Math.max(1e-9, t.encodingSeconds()) - 1),
                    t.seconds() / t.proposed(),
                    1000 * t.seconds() / Math.max(1, t.evaluations()));
            System.out.printf(
                    Locale.ROOT,
                    "Plan's estimate %.1f s against %.1f s taken (%.2fx); the whole search with its"
                            + " leaderboard %.2f s%n",
                    plans.get(0).seconds(),
                    t.seconds(),
                    plans.get(0).seconds() / Math.max(1e-9, t.seconds()),
                    total);
            System.out.println(
                    "Search: "
                            + m.recommendation().chosen()
                            + " chosen; held-out "
                            + String.format(Locale.ROOT, "%.4f", m.selection().estimate()));
        }
    }
}
