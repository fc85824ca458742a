package org.taew.core.logic.experiments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.model.Arm;

/**
 * Everything about an experiment as {@code experiment.json}: per dataset and model the leaderboard
 * (variants and reference rows, each with its arm) with each row's per-query values and run id, the
 * sensitivity and the selection.
 */
final class ExperimentJson {
    /** The version of experiment.json's layout (docs/formats.md); raised on any change. */
    static final int SCHEMA_VERSION = 5;

    private ExperimentJson() {}

    /** The file's text. */
    static String text(ExperimentResult r) {
        return ResultsWriter.GSON.toJson(json(r)) + "\n";
    }

    record JsonVariant(
            String name,
            String queryTemplate,
            String documentTemplate,
            boolean excludeInstructionFromPooling,
            double mean,
            double ciLow,
            double ciHigh,
            double delta,
            double deltaCiLow,
            double deltaCiHigh,
            double p,
            double pHolm,
            int wins,
            int losses,
            ExperimentResult.Diagnostics diagnostics,
            Map<String, Double> perQuery,
            long runId,
            String arm) {}

    record JsonModel(
            String dataset,
            String split,
            String task,
            String model,
            String modelIdentity,
            String engine,
            String baseline,
            String templates,
            String lexical,
            List<String> warnings,
            List<JsonVariant> leaderboard,
            ExperimentResult.Sensitivity sensitivity,
            ExperimentResult.Selection selection,
            JsonRecommendation recommendation,
            JsonSearch search) {}

    /** What an instruction search tried (absent for an experiment's own variants). */
    record JsonSearch(
            String method,
            int proposed,
            int leftOut,
            int budget,
            int evaluations,
            int encoded,
            double seconds,
            double encodingSeconds,
            List<JsonStep> steps) {}

    /** One scoring step; fold 0 is the final search on every query. */
    record JsonStep(
            int fold,
            int round,
            String name,
            String origin,
            String queryTemplate,
            String documentTemplate,
            int queries,
            double mean,
            boolean kept) {}

    private static JsonSearch search(ExperimentResult.SearchTrace t) {
        if (t == null) {
            return null;
        }
        List<JsonStep> steps = new ArrayList<>();
        for (ExperimentResult.SearchStep s : t.steps()) {
            steps.add(
                    new JsonStep(
                            s.fold(),
                            s.round(),
                            s.name(),
                            s.origin(),
                            s.instructions().query().standalone(),
                            s.instructions().document().standalone(),
                            s.queries(),
                            s.mean(),
                            s.kept()));
        }
        return new JsonSearch(
                t.method(),
                t.proposed(),
                t.leftOut(),
                t.budget(),
                t.evaluations(),
                t.encoded(),
                t.seconds(),
                t.encodingSeconds(),
                steps);
    }

    /** The recommendation's figures and its sentence, as every output says it. */
    record JsonRecommendation(
            String chosen,
            int folds,
            int of,
            String baseline,
            double delta,
            double deltaCiLow,
            double deltaCiHigh,
            double p,
            boolean adopt,
            String sentence) {}

    record JsonExperiment(
            int schemaVersion,
            String name,
            String file,
            String measure,
            ModeComparisonJson significance,
            List<String> warnings,
            List<JsonModel> results,
            String created) {}

    record ModeComparisonJson(int permutations, int resamples, long seed, double confidence) {}

    private static JsonRecommendation recommendation(ExperimentResult.Recommendation r) {
        return new JsonRecommendation(
                r.chosen(),
                r.folds(),
                r.of(),
                r.baseline(),
                r.delta(),
                r.ci().low(),
                r.ci().high(),
                r.p(),
                r.adopt(),
                ExperimentSentences.recommendation(r));
    }

    private static JsonExperiment json(ExperimentResult r) {
        List<JsonModel> models = new ArrayList<>();
        for (ExperimentResult.ModelResult m : r.results()) {
            List<JsonVariant> vs = new ArrayList<>();
            for (ExperimentResult.VariantResult v : m.leaderboard()) {
                Map<String, Double> pq = new LinkedHashMap<>();
                for (int i = 0; i < m.queryIds().size(); i++) {
                    pq.put(m.queryIds().get(i), v.perQuery()[i]);
                }
                boolean bm25 = v.arm() == Arm.BM25;
                vs.add(
                        new JsonVariant(
                                v.name(),
                                bm25 ? null : v.instructions().query().standalone(),
                                bm25 ? null : v.instructions().document().standalone(),
                                v.instructions().excludeInstructionFromPooling(),
                                v.mean(),
                                v.ci().low(),
                                v.ci().high(),
                                v.delta(),
                                v.deltaCi().low(),
                                v.deltaCi().high(),
                                v.p(),
                                v.holm(),
                                v.wins(),
                                v.losses(),
                                v.diagnostics(),
                                pq,
                                v.runId(),
                                v.arm().label()));
            }
            models.add(
                    new JsonModel(
                            m.dataset(),
                            m.split(),
                            m.task(),
                            Precision.displayName(m.model()),
                            m.model().identity(),
                            m.engine(),
                            m.baselineName(),
                            m.templates(),
                            m.lexical(),
                            m.warnings(),
                            vs,
                            m.sensitivity(),
                            m.selection(),
                            recommendation(m.recommendation()),
                            search(m.search())));
        }
        var s = r.significance();
        return new JsonExperiment(
                SCHEMA_VERSION,
                r.spec().name(),
                r.spec().file() == null ? null : r.spec().file().toString(),
                r.spec().measure().name(),
                new ModeComparisonJson(s.permutations(), s.resamples(), s.seed(), s.confidence()),
                r.warnings(),
                models,
                Instant.now().toString());
    }
}
