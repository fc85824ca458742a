package org.taew.core.logic.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.compare.ArmComparison;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.evaluation.LexicalArms;
import org.taew.core.logic.lexical.Bm25Settings;
import org.taew.core.logic.lexical.EnglishAnalysis;
import org.taew.core.logic.lexical.Fusion;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.model.Arm;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TemplateSource;

/**
 * results.json as records, one naming policy: snake_case keys (Gson turns the components' names),
 * modes keyed {@code general} and {@code task_aware}, measures keyed by their names. The layout is
 * documented in docs/formats.md ("Results") and pinned by a golden-file test.
 */
final class ResultsJson {
    private ResultsJson() {}

    record Model(
            String name,
            String path,
            String identity,
            String engine,
            int dimension,
            String precision,
            boolean draft,
            String pooling,
            boolean normalize,
            Integer maxLength,
            String maxLengthSource) {
        static Model of(ModelSpec m, String engine, int dimension) {
            Precision p = Precision.of(m);
            return new Model(
                    m.name(),
                    m.dir().toString(),
                    m.identity(),
                    engine,
                    dimension,
                    p.label(),
                    p.draft(),
                    m.pooling().label(),
                    m.normalize(),
                    m.lengthLimit().cuts() ? m.maxLength() : null,
                    m.lengthLimit().source());
        }
    }

    record RetrievalDataset(
            String name, String path, String split, int queries, int documents, int judgments) {}

    record StsDataset(String name, String path, int pairs) {}

    /**
     * A mode's templates; for task-aware mode also the file they came from ({@code source}: an
     * instruction file or the model's prompts file) and the report's line saying where and why
     * ({@code from}).
     */
    record Instructions(
            String query,
            String document,
            boolean excludeInstructionFromPooling,
            String source,
            String from) {
        static Instructions of(InstructionPair p, TemplateSource templates) {
            boolean file =
                    templates != null
                            && (templates.kind() == TemplateSource.Kind.INSTRUCTION_FILE
                                    || templates.kind() == TemplateSource.Kind.MODEL_PROMPTS);
            return new Instructions(
                    p.query().source(),
                    p.document().source(),
                    p.excludeInstructionFromPooling(),
                    file ? templates.where() : null,
                    templates == null ? null : templates.describe());
        }
    }

    record Dropped(String queryId, String reason) {}

    record RetrievalScores(
            Map<String, Double> measures,
            double mainScore,
            int evaluatedQueries,
            List<Dropped> droppedQueries) {}

    record Encoding(
            int texts,
            int fromCache,
            int encoded,
            int truncated,
            long tokensEncoded,
            double seconds) {
        static Encoding of(EmbeddingService.Report r) {
            return new Encoding(
                    r.texts(),
                    r.fromCache(),
                    r.encoded(),
                    r.truncated(),
                    r.tokensEncoded(),
                    r.seconds());
        }
    }

    record RetrievalEncoding(Encoding queries, Encoding documents, double searchSeconds) {}

    record Comparison(
            String delta,
            String mainMetric,
            int wins,
            int losses,
            int ties,
            String test,
            int permutations,
            String confidenceInterval,
            int bootstrapResamples,
            double confidence,
            long seed,
            List<ModeComparison.MetricDelta> metrics) {}

    /** One comparison of two arms: its measures' rows, arm − baseline. */
    record ArmsCompared(
            String arm,
            String baseline,
            String delta,
            String mainMetric,
            int wins,
            int losses,
            int ties,
            List<ArmDelta> metrics) {
        static ArmsCompared of(ArmComparison a) {
            ModeComparison c = a.comparison();
            List<ArmDelta> rows = new ArrayList<>();
            for (ModeComparison.MetricDelta d : c.metrics()) {
                rows.add(
                        new ArmDelta(
                                d.metric(),
                                d.general(),
                                d.taskAware(),
                                d.delta(),
                                d.ciLow(),
                                d.ciHigh(),
                                d.pValue()));
            }
            return new ArmsCompared(
                    a.arm().key(),
                    a.baseline().key(),
                    a.arm().label() + " minus " + a.baseline().label(),
                    c.mainMetric().name(),
                    c.wins(),
                    c.losses(),
                    c.ties(),
                    rows);
        }
    }

    record ArmDelta(
            MetricId metric,
            double baseline,
            double arm,
            double delta,
            double ciLow,
            double ciHigh,
            double pValue) {}

    /** BM25's settings and where its index is. */
    record Bm25(double k1, double b, String analysis, String engine, String index) {}

    /** How the hybrid fused BM25 with its dense arm. */
    record Hybrid(
            String fusion, Integer rrfK, Double lexicalWeight, String denseArm, String describe) {}

    record Lexical(Bm25 bm25, Hybrid hybrid) {
        static Lexical of(LexicalArms l) {
            LexicalSettings s = l.settings();
            Bm25Settings b = s.index();
            HybridSettings h = s.hybrid();
            return new Lexical(
                    new Bm25(
                            b.k1(),
                            b.b(),
                            EnglishAnalysis.DESCRIPTION,
                            Bm25Settings.engine(),
                            l.bm25().indexDir().toString()),
                    h == null
                            ? null
                            : new Hybrid(
                                    h.fusion().label(),
                                    h.fusion() == Fusion.Method.RRF ? h.rrfK() : null,
                                    h.fusion() == Fusion.Method.CONVEX ? h.lexicalWeight() : null,
                                    Arm.of(h.dense()).key(),
                                    h.describe()));
        }
    }

    record Retrieval(
            int schemaVersion,
            String kind,
            Model model,
            RetrievalDataset dataset,
            String task,
            String conventions,
            String similarity,
            boolean ignoreIdenticalIds,
            String identicalIds,
            int depth,
            String mainScore,
            Map<String, Instructions> instructions,
            Map<String, RetrievalScores> scores,
            Comparison comparison,
            Lexical lexical,
            List<ArmsCompared> armComparisons,
            Map<String, RetrievalEncoding> encoding,
            List<String> warnings,
            String created) {}

    record StsScores(
            double cosineSpearman, double cosinePearson, double mainScore, int truncated) {}

    record StsEncoding(Encoding first, Encoding second) {}

    record Sts(
            int schemaVersion,
            String kind,
            Model model,
            StsDataset dataset,
            String task,
            String similarity,
            String mainScore,
            Map<String, Instructions> instructions,
            Map<String, StsScores> scores,
            Map<String, StsEncoding> encoding,
            String created) {}
}
