package org.taew.core.logic.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.model.MetricId;
import org.taew.core.model.ScoredDoc;
import org.taew.core.util.WorkbenchException;

/**
 * Any two recorded runs side by side, on the queries both evaluated: each shared measure's means,
 * the delta (B − A) with its paired bootstrap interval and randomization test, wins and losses per
 * query on the main measure (the same computation as general vs task-aware: {@link
 * ModeComparison}), and per query how the top documents moved.
 *
 * @param queries the queries both runs evaluated, in A's order
 * @param comparison A as "general", B as "task-aware"
 * @param warnings what makes the comparison less than like with like, each a sentence without the
 *     stop
 */
public record RunComparison(
        RunRecord a,
        RunRecord b,
        List<String> queries,
        ModeComparison comparison,
        List<String> warnings) {
    public RunComparison {
        queries = List.copyOf(queries);
        warnings = List.copyOf(warnings);
    }

    /**
     * A document in either run's top {@value RunRecord#TOP_K} for a query.
     *
     * @param rankA its rank in A's top, 0 when it is not there
     * @param rankB likewise in B's
     */
    public record Movement(String docId, int rankA, int rankB) {
        /** Places it rose from A to B (positive: up); 0 when it is missing from either top. */
        public int rise() {
            return rankA == 0 || rankB == 0 ? 0 : rankA - rankB;
        }

        /** The move in words: {@code new in B's top}, {@code left the top}, {@code up 2}, … */
        public String describe() {
            int rise = rise();
            return rankA == 0
                    ? "new in B's top"
                    : rankB == 0
                            ? "left the top"
                            : rise > 0 ? "up " + rise : rise < 0 ? "down " + -rise : "";
        }
    }

    /** Compares two complete runs ({@link RunHistory#get}). */
    public static RunComparison of(RunRecord a, RunRecord b, ModeComparison.Settings settings)
            throws WorkbenchException {
        if (!a.scores().complete() || !b.scores().complete()) {
            throw new IllegalArgumentException("compare runs read with RunHistory.get");
        }
        Set<String> inB = new LinkedHashSet<>(b.scores().queryIds());
        List<String> common = new ArrayList<>();
        for (String q : a.scores().queryIds()) {
            if (inB.contains(q)) {
                common.add(q);
            }
        }
        if (common.isEmpty()) {
            throw WorkbenchException.badInput(
                    "runs "
                            + a.id()
                            + " and "
                            + b.id()
                            + " share no evaluated query: they cannot be compared");
        }
        List<String> measures = new ArrayList<>();
        for (String m : a.scores().perQuery().keySet()) {
            if (b.scores().perQuery().containsKey(m)) {
                measures.add(m);
            }
        }
        if (measures.isEmpty()) {
            throw WorkbenchException.badInput(
                    "runs "
                            + a.id()
                            + " and "
                            + b.id()
                            + " share no measure: they cannot be compared");
        }
        String main =
                measures.contains(a.settings().mainMeasure())
                        ? a.settings().mainMeasure()
                        : measures.get(0);
        ModeComparison c =
                ModeComparison.compare(
                        scores(a, common, measures),
                        scores(b, common, measures),
                        MetricId.parse(main),
                        settings);
        return new RunComparison(a, b, common, c, warnings(a, b, common));
    }

    private static List<String> warnings(RunRecord a, RunRecord b, List<String> common) {
        List<String> w = new ArrayList<>();
        if (a.model().draft() || b.model().draft()) {
            w.add(
                    (a.model().draft() && b.model().draft()
                                    ? "both runs are drafts"
                                    : "run "
                                            + (a.model().draft() ? a.id() : b.id())
                                            + " is a draft")
                            + " made with "
                            + (a.model().draft() ? a : b).model().precision()
                            + " weights, whose scores differ a little from fp32;"
                            + " confirm in fp32 before reporting");
        }
        if (!a.data().fingerprint().equals(b.data().fingerprint())) {
            w.add(
                    "the runs were evaluated on different data (dataset "
                            + a.data().name()
                            + "/"
                            + a.data().split()
                            + " and "
                            + b.data().name()
                            + "/"
                            + b.data().split()
                            + ", whose texts or judgments differ): queries are matched by id");
        }
        int na = a.scores().queryIds().size();
        int nb = b.scores().queryIds().size();
        if (common.size() < na || common.size() < nb) {
            w.add(
                    "run "
                            + a.id()
                            + " evaluated "
                            + na
                            + " queries and run "
                            + b.id()
                            + " "
                            + nb
                            + "; compared on the "
                            + common.size()
                            + " both evaluated, so the means differ from each run's own");
        }
        if (a.settings().ignoreIdenticalIds() != b.settings().ignoreIdenticalIds()) {
            w.add("one run ignored identical ids and the other did not");
        }
        return w;
    }

    /** A run's values on the given queries and measures, as the comparison takes them. */
    private static QueryScores scores(RunRecord r, List<String> queries, List<String> measures) {
        Map<String, Integer> index = new HashMap<>();
        List<String> ids = r.scores().queryIds();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        Map<MetricId, double[]> values = new LinkedHashMap<>();
        for (String m : measures) {
            double[] all = r.scores().perQuery().get(m);
            double[] v = new double[queries.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = all[index.get(queries.get(i))];
            }
            values.put(MetricId.parse(m), v);
        }
        return new QueryScores(queries, values, List.of());
    }

    /** How a query's top documents moved from A to B: B's top first, then what left A's. */
    public List<Movement> movement(String queryId) {
        List<ScoredDoc> ta = a.scores().top().getOrDefault(queryId, List.of());
        List<ScoredDoc> tb = b.scores().top().getOrDefault(queryId, List.of());
        Map<String, Integer> rankA = new HashMap<>();
        for (int i = 0; i < ta.size(); i++) {
            rankA.put(ta.get(i).docId(), i + 1);
        }
        List<Movement> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < tb.size(); i++) {
            String d = tb.get(i).docId();
            out.add(new Movement(d, rankA.getOrDefault(d, 0), i + 1));
            seen.add(d);
        }
        for (int i = 0; i < ta.size(); i++) {
            String d = ta.get(i).docId();
            if (!seen.contains(d)) {
                out.add(new Movement(d, i + 1, 0));
            }
        }
        return out;
    }
}
