package org.taew.core.logic.export;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.core.logic.compare.ArmComparison;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.model.Arm;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TemplateSource;
import org.taew.core.model.TextItem;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.AtomicFolder;
import org.taew.core.util.WorkbenchException;

/**
 * Writes an evaluation's files: {@code results.json} (MTEB-like: model, dataset, task, the
 * instructions used, scores per mode, the comparison), {@code per-query.csv}, and one TREC run file
 * per mode.
 */
public final class ResultsWriter {
    /** How the numbers were computed, written into every results file. */
    public static final String CONVENTIONS =
            "trec_eval 10.0: linear-gain nDCG with the ideal ranking from all judged relevant documents, cut at"
                    + " k; MAP@k divides by all relevant R; grade >= 1 is relevant; ties broken by score then"
                    + " document id descending; means over queries with at least one relevant judgment";

    public static final String SIMILARITY = "cosine on L2-normalised vectors";

    /** The version of results.json's layout (docs/formats.md, "Results"); raised on any change. */
    public static final int SCHEMA_VERSION = 3;

    /** The workbench's JSON: snake_case keys from record components, NaN kept, pretty-printed. */
    public static final Gson GSON =
            new GsonBuilder()
                    .setPrettyPrinting()
                    .disableHtmlEscaping()
                    .serializeSpecialFloatingPointValues()
                    .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                    // a measure by its trec_eval name, e.g. "ndcg_cut.10"
                    .registerTypeAdapter(
                            MetricId.class,
                            (JsonSerializer<MetricId>)
                                    (m, type, ctx) -> new JsonPrimitive(m.name()))
                    .create();

    /** A mode's key in results.json: {@code general}, {@code task_aware}. */
    static String key(Mode mode) {
        return mode.label().replace('-', '_');
    }

    private ResultsWriter() {}

    /** The name of the HTML report in an evaluation's folder. */
    public static final String REPORT = "report.html";

    /**
     * The files of {@code report}'s evaluation as the folder {@code dir}, whole or not at all
     * ({@link AtomicFolder}: an earlier evaluation's folder there is replaced): results.json, and
     * per-query.csv with a run-&lt;arm&gt;.trec per arm (retrieval) or per-pair.csv (STS); returns
     * the files written.
     */
    public static List<Path> write(Path dir, EvaluationReport report) throws WorkbenchException {
        return write(dir, report, null);
    }

    /**
     * As {@link #write(Path, EvaluationReport)}, with {@code html} (the evaluation's HTML report,
     * or null for none) as {@value #REPORT} in the same folder, written whole with it.
     */
    public static List<Path> write(Path dir, EvaluationReport report, String html)
            throws WorkbenchException {
        return AtomicFolder.write(
                dir,
                ResultsWriter::isOwnFile,
                d -> {
                    List<Path> written =
                            new ArrayList<>(
                                    report instanceof RetrievalReport r
                                            ? retrievalFiles(d, r)
                                            : stsFiles(d, (StsReport) report));
                    if (html != null) {
                        Path page = d.resolve(REPORT);
                        AtomicFiles.writeString(page, html);
                        written.add(page);
                    }
                    return written;
                });
    }

    /** results.json, per-query.csv and run-&lt;arm&gt;.trec of a retrieval evaluation. */
    private static List<Path> retrievalFiles(Path d, RetrievalReport report)
            throws WorkbenchException {
        RetrievalEvaluation.Result result = report.result();
        List<Path> written = new ArrayList<>();
        Path json = d.resolve("results.json");
        AtomicFiles.writeString(json, toJson(retrieval(report, Instant.now())));
        written.add(json);
        Path csv = d.resolve("per-query.csv");
        AtomicFiles.writeString(csv, perQueryCsv(result));
        written.add(csv);
        for (ArmResult a : result.arms().values()) {
            Path run = d.resolve("run-" + a.arm().label() + ".trec");
            TrecRunWriter.write(run, a.run(), tag(report.model(), a.arm()));
            written.add(run);
        }
        return written;
    }

    /**
     * Whether {@code name} is a file an evaluation's folder holds ({@code results.json}, {@code
     * per-query.csv}, {@code per-pair.csv}, {@code run-*.trec}): the folder is replaced whole
     * ({@link AtomicFolder}), so an existing one may hold nothing else.
     */
    public static boolean isOwnFile(String name) {
        return name.equals("results.json")
                || name.equals(REPORT)
                || name.equals("per-query.csv")
                || name.equals("per-pair.csv")
                || (name.startsWith("run-") && name.endsWith(".trec"));
    }

    static String toJson(Object results) {
        return GSON.toJson(results) + "\n";
    }

    /**
     * A run file's tag: the model and arm, e.g. {@code e5-small-v2_task-aware}; BM25's is {@code
     * bm25}.
     */
    static String tag(ModelSpec model, Arm arm) {
        String name =
                arm == Arm.BM25 || model == null
                        ? arm.label()
                        : Precision.folderName(model) + "_" + arm.label();
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static ResultsJson.Retrieval retrieval(RetrievalReport report, Instant created) {
        RetrievalEvaluation.Result result = report.result();
        ModelSpec model = report.model();
        TemplateSource templates = report.templates();
        var ds = result.dataset();
        Map<String, ResultsJson.Instructions> instructions = new LinkedHashMap<>();
        Map<String, ResultsJson.RetrievalScores> scores = new LinkedHashMap<>();
        Map<String, ResultsJson.RetrievalEncoding> encoding = new LinkedHashMap<>();
        for (RetrievalEvaluation.ModeResult m : result.modes().values()) {
            instructions.put(
                    key(m.mode()),
                    ResultsJson.Instructions.of(
                            m.instructions(), m.mode() == Mode.TASK_AWARE ? templates : null));
            scores.put(key(m.mode()), scores(result, m.scores()));
            encoding.put(
                    key(m.mode()),
                    new ResultsJson.RetrievalEncoding(
                            ResultsJson.Encoding.of(m.queryEncoding()),
                            ResultsJson.Encoding.of(m.documentEncoding()),
                            m.searchSeconds()));
        }
        List<ResultsJson.ArmsCompared> armComparisons = new ArrayList<>();
        if (result.lexical() != null) {
            for (ArmResult a : result.lexical().arms().values()) {
                scores.put(a.arm().key(), scores(result, a.scores()));
            }
            for (ArmComparison c : result.lexical().comparisons()) {
                armComparisons.add(ResultsJson.ArmsCompared.of(c));
            }
        }
        return new ResultsJson.Retrieval(
                SCHEMA_VERSION,
                "retrieval",
                model == null
                        ? null
                        : ResultsJson.Model.of(model, report.engine(), report.dimension()),
                new ResultsJson.RetrievalDataset(
                        ds.name(),
                        ds.source().toString(),
                        ds.split(),
                        ds.queries().size(),
                        ds.documents().size(),
                        ds.qrels().size()),
                result.task(),
                CONVENTIONS,
                SIMILARITY,
                result.settings().ignoreIdenticalIds(),
                report.identicalIds(),
                result.settings().depth(),
                result.settings().mainMetric().name(),
                instructions,
                scores,
                result.comparison() == null ? null : comparison(result.comparison()),
                result.lexical() == null ? null : ResultsJson.Lexical.of(result.lexical()),
                armComparisons,
                encoding,
                report.warnings(),
                created.toString());
    }

    private static ResultsJson.RetrievalScores scores(
            RetrievalEvaluation.Result result, QueryScores s) {
        Map<String, Double> measures = new LinkedHashMap<>();
        for (MetricId metric : result.settings().metrics()) {
            measures.put(metric.name(), s.mean(metric));
        }
        List<ResultsJson.Dropped> dropped = new ArrayList<>();
        for (QueryScores.DroppedQuery d : s.dropped()) {
            dropped.add(new ResultsJson.Dropped(d.queryId(), d.reason()));
        }
        return new ResultsJson.RetrievalScores(
                measures, s.mean(result.settings().mainMetric()), s.queryIds().size(), dropped);
    }

    static ResultsJson.Comparison comparison(ModeComparison c) {
        return new ResultsJson.Comparison(
                "task-aware minus general",
                c.mainMetric().name(),
                c.wins(),
                c.losses(),
                c.ties(),
                "paired two-sided randomization (sign-flip) test",
                c.settings().permutations(),
                "percentile bootstrap of the mean delta",
                c.settings().resamples(),
                c.settings().confidence(),
                c.settings().seed(),
                c.metrics());
    }

    /**
     * One row per evaluated query: its text, and for each measure its value in each mode and the
     * delta.
     */
    static String perQueryCsv(RetrievalEvaluation.Result result) {
        StringBuilder sb = new StringBuilder();
        Map<Mode, RetrievalEvaluation.ModeResult> modes = result.modes();
        Map<Arm, ArmResult> arms = result.arms();
        List<MetricId> metrics = result.settings().metrics();
        boolean both = result.comparison() != null;
        sb.append("query_id,query");
        for (MetricId m : metrics) {
            for (Arm arm : arms.keySet()) {
                sb.append(',').append(m.name()).append(':').append(arm.label());
            }
            if (both) {
                sb.append(',').append(m.name()).append(":delta");
            }
        }
        sb.append('\n');
        Map<String, String> texts = new HashMap<>();
        for (TextItem q : result.dataset().queries()) {
            texts.put(q.id(), q.text());
        }
        QueryScores first = arms.values().iterator().next().scores();
        for (int i = 0; i < first.queryIds().size(); i++) {
            String q = first.queryIds().get(i);
            sb.append(Csv.field(q)).append(',').append(Csv.field(texts.getOrDefault(q, "")));
            for (MetricId m : metrics) {
                for (ArmResult r : arms.values()) {
                    sb.append(',').append(number(r.scores().of(m)[i]));
                }
                if (both) {
                    sb.append(',')
                            .append(
                                    number(
                                            modes.get(Mode.TASK_AWARE).scores().of(m)[i]
                                                    - modes.get(Mode.GENERAL).scores().of(m)[i]));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** results.json and per-pair.csv of an STS evaluation. */
    private static List<Path> stsFiles(Path d, StsReport report) throws WorkbenchException {
        StsEvaluation.Result result = report.result();
        ResultsJson.Sts root =
                sts(
                        result,
                        report.model(),
                        report.engine(),
                        report.dimension(),
                        report.templates(),
                        Instant.now());
        Path json = d.resolve("results.json");
        AtomicFiles.writeString(json, toJson(root));
        Path csv = d.resolve("per-pair.csv");
        AtomicFiles.writeString(csv, perPairCsv(result));
        return List.of(json, csv);
    }

    /** One row per pair: its line, the gold score, the cosine in each mode, both sentences. */
    static String perPairCsv(StsEvaluation.Result result) {
        StringBuilder w = new StringBuilder("line,gold");
        for (Mode mode : result.modes().keySet()) {
            w.append(",cosine:").append(mode.label());
        }
        w.append(",sentence1,sentence2\n");
        for (int i = 0; i < result.dataset().pairs().size(); i++) {
            var p = result.dataset().pairs().get(i);
            w.append(p.line()).append(',').append(number(p.gold()));
            for (StsEvaluation.ModeResult m : result.modes().values()) {
                w.append(',').append(number(m.cosines()[i]));
            }
            w.append(',')
                    .append(Csv.field(p.first()))
                    .append(',')
                    .append(Csv.field(p.second()))
                    .append('\n');
        }
        return w.toString();
    }

    static ResultsJson.Sts sts(
            StsEvaluation.Result result,
            ModelSpec model,
            String engine,
            int dimension,
            TemplateSource templates,
            Instant created) {
        Map<String, ResultsJson.Instructions> instructions = new LinkedHashMap<>();
        Map<String, ResultsJson.StsScores> scores = new LinkedHashMap<>();
        Map<String, ResultsJson.StsEncoding> encoding = new LinkedHashMap<>();
        for (StsEvaluation.ModeResult m : result.modes().values()) {
            instructions.put(
                    key(m.mode()),
                    ResultsJson.Instructions.of(
                            m.instructions(), m.mode() == Mode.TASK_AWARE ? templates : null));
            scores.put(
                    key(m.mode()),
                    new ResultsJson.StsScores(
                            m.spearman(),
                            m.pearson(),
                            m.spearman(),
                            m.firstEncoding().truncated() + m.secondEncoding().truncated()));
            encoding.put(
                    key(m.mode()),
                    new ResultsJson.StsEncoding(
                            ResultsJson.Encoding.of(m.firstEncoding()),
                            ResultsJson.Encoding.of(m.secondEncoding())));
        }
        return new ResultsJson.Sts(
                SCHEMA_VERSION,
                "sts",
                ResultsJson.Model.of(model, engine, dimension),
                new ResultsJson.StsDataset(
                        result.dataset().name(),
                        result.dataset().source().toString(),
                        result.dataset().pairs().size()),
                result.task(),
                SIMILARITY,
                "cosine_spearman",
                instructions,
                scores,
                encoding,
                created.toString());
    }
}
