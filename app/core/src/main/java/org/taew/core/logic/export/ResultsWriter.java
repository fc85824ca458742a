package org.taew.core.logic.export;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TextItem;
import org.taew.core.util.AtomicFiles;
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

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private ResultsWriter() {}

    /**
     * Writes results.json, per-query.csv and run-&lt;mode&gt;.trec into {@code dir}; returns the
     * files written.
     */
    public static List<Path> writeRetrieval(
            Path dir,
            RetrievalEvaluation.Result result,
            ModelSpec model,
            String engine,
            Path instructionsFile)
            throws WorkbenchException {
        List<Path> written = new ArrayList<>();
        Path json = dir.resolve("results.json");
        AtomicFiles.writeString(
                json, GSON.toJson(retrievalJson(result, model, engine, instructionsFile)) + "\n");
        written.add(json);
        Path csv = dir.resolve("per-query.csv");
        AtomicFiles.writeString(csv, perQueryCsv(result));
        written.add(csv);
        for (RetrievalEvaluation.ModeResult m : result.modes().values()) {
            Path run = dir.resolve("run-" + m.mode().label() + ".trec");
            TrecRunWriter.write(run, m.run(), tag(model, m.mode()));
            written.add(run);
        }
        return written;
    }

    static String tag(ModelSpec model, Mode mode) {
        return (model.name() + "_" + mode.label()).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static JsonObject retrievalJson(
            RetrievalEvaluation.Result result,
            ModelSpec model,
            String engine,
            Path instructionsFile) {
        JsonObject root = new JsonObject();
        root.addProperty("kind", "retrieval");
        root.add("model", modelJson(model, engine));
        JsonObject ds = new JsonObject();
        ds.addProperty("name", result.dataset().name());
        ds.addProperty("path", result.dataset().source().toString());
        ds.addProperty("split", result.dataset().split());
        ds.addProperty("queries", result.dataset().queries().size());
        ds.addProperty("documents", result.dataset().documents().size());
        ds.addProperty("judgments", result.dataset().qrels().size());
        root.add("dataset", ds);
        root.addProperty("task", result.task());
        root.addProperty("conventions", CONVENTIONS);
        root.addProperty("similarity", SIMILARITY);
        root.addProperty("ignore_identical_ids", result.settings().ignoreIdenticalIds());
        root.addProperty("depth", result.settings().depth());
        root.addProperty("main_score", result.settings().mainMetric().name());
        JsonObject instr = new JsonObject();
        JsonObject scores = new JsonObject();
        JsonObject encoding = new JsonObject();
        for (RetrievalEvaluation.ModeResult m : result.modes().values()) {
            JsonObject i = instructionsJson(m.instructions());
            if (m.mode() == Mode.TASK_AWARE && instructionsFile != null) {
                i.addProperty("source", instructionsFile.toString());
            }
            instr.add(m.mode().label(), i);
            JsonObject s = new JsonObject();
            for (MetricId metric : result.settings().metrics()) {
                s.addProperty(metric.name(), m.scores().mean(metric));
            }
            s.addProperty("main_score", m.scores().mean(result.settings().mainMetric()));
            s.addProperty("evaluated_queries", m.scores().queryIds().size());
            JsonArray dropped = new JsonArray();
            for (QueryScores.DroppedQuery d : m.scores().dropped()) {
                JsonObject o = new JsonObject();
                o.addProperty("query_id", d.queryId());
                o.addProperty("reason", d.reason());
                dropped.add(o);
            }
            s.add("dropped_queries", dropped);
            scores.add(m.mode().label(), s);
            JsonObject e = new JsonObject();
            e.add("queries", reportJson(m.queryEncoding()));
            e.add("documents", reportJson(m.documentEncoding()));
            e.addProperty("search_seconds", m.searchSeconds());
            encoding.add(m.mode().label(), e);
        }
        root.add("instructions", instr);
        root.add("scores", scores);
        if (result.comparison() != null) {
            root.add("comparison", comparisonJson(result.comparison()));
        }
        root.add("encoding", encoding);
        root.addProperty("created", Instant.now().toString());
        return root;
    }

    static JsonObject modelJson(ModelSpec model, String engine) {
        JsonObject m = new JsonObject();
        m.addProperty("name", model.name());
        m.addProperty("path", model.dir().toString());
        m.addProperty("identity", model.identity());
        m.addProperty("engine", engine);
        m.addProperty("pooling", model.pooling().label());
        m.addProperty("normalize", model.normalize());
        m.addProperty("max_length", model.maxLength());
        return m;
    }

    static JsonObject instructionsJson(InstructionPair pair) {
        JsonObject i = new JsonObject();
        i.addProperty("query", pair.query().source());
        i.addProperty("document", pair.document().source());
        i.addProperty("exclude_instruction_from_pooling", pair.excludeInstructionFromPooling());
        return i;
    }

    static JsonObject reportJson(EmbeddingService.Report r) {
        JsonObject o = new JsonObject();
        o.addProperty("texts", r.texts());
        o.addProperty("from_cache", r.fromCache());
        o.addProperty("encoded", r.encoded());
        o.addProperty("truncated", r.truncated());
        o.addProperty("tokens_encoded", r.tokensEncoded());
        o.addProperty("seconds", r.seconds());
        return o;
    }

    static JsonObject comparisonJson(ModeComparison c) {
        JsonObject o = new JsonObject();
        o.addProperty("delta", "task-aware minus general");
        o.addProperty("main_metric", c.mainMetric().name());
        o.addProperty("wins", c.wins());
        o.addProperty("losses", c.losses());
        o.addProperty("ties", c.ties());
        o.addProperty("test", "paired two-sided randomization (sign-flip) test");
        o.addProperty("permutations", c.settings().permutations());
        o.addProperty("confidence_interval", "percentile bootstrap of the mean delta");
        o.addProperty("bootstrap_resamples", c.settings().resamples());
        o.addProperty("confidence", c.settings().confidence());
        o.addProperty("seed", c.settings().seed());
        JsonArray metrics = new JsonArray();
        for (ModeComparison.MetricDelta d : c.metrics()) {
            JsonObject m = new JsonObject();
            m.addProperty("metric", d.metric().name());
            m.addProperty("general", d.general());
            m.addProperty("task_aware", d.taskAware());
            m.addProperty("delta", d.delta());
            m.addProperty("ci_low", d.ciLow());
            m.addProperty("ci_high", d.ciHigh());
            m.addProperty("p_value", d.pValue());
            metrics.add(m);
        }
        o.add("metrics", metrics);
        return o;
    }

    /**
     * One row per evaluated query: its text, and for each measure its value in each mode and the
     * delta.
     */
    static String perQueryCsv(RetrievalEvaluation.Result result) {
        StringBuilder sb = new StringBuilder();
        Map<Mode, RetrievalEvaluation.ModeResult> modes = result.modes();
        List<MetricId> metrics = result.settings().metrics();
        boolean both = result.comparison() != null;
        sb.append("query_id,query");
        for (MetricId m : metrics) {
            for (Mode mode : modes.keySet()) {
                sb.append(',').append(m.name()).append(':').append(mode.label());
            }
            if (both) {
                sb.append(',').append(m.name()).append(":delta");
            }
        }
        sb.append('\n');
        Map<String, String> texts = new java.util.HashMap<>();
        for (TextItem q : result.dataset().queries()) {
            texts.put(q.id(), q.text());
        }
        QueryScores first = modes.values().iterator().next().scores();
        for (int i = 0; i < first.queryIds().size(); i++) {
            String q = first.queryIds().get(i);
            sb.append(Csv.field(q)).append(',').append(Csv.field(texts.getOrDefault(q, "")));
            for (MetricId m : metrics) {
                for (RetrievalEvaluation.ModeResult r : modes.values()) {
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

    /** Writes results.json and per-pair.csv for an STS evaluation. */
    public static List<Path> writeSts(
            Path dir, StsEvaluation.Result result, ModelSpec model, String engine)
            throws WorkbenchException {
        JsonObject root = new JsonObject();
        root.addProperty("kind", "sts");
        root.add("model", modelJson(model, engine));
        JsonObject ds = new JsonObject();
        ds.addProperty("name", result.dataset().name());
        ds.addProperty("path", result.dataset().source().toString());
        ds.addProperty("pairs", result.dataset().pairs().size());
        root.add("dataset", ds);
        root.addProperty("task", result.task());
        root.addProperty("similarity", SIMILARITY);
        root.addProperty("main_score", "cosine_spearman");
        JsonObject instr = new JsonObject();
        JsonObject scores = new JsonObject();
        JsonObject encoding = new JsonObject();
        for (StsEvaluation.ModeResult m : result.modes().values()) {
            JsonObject e = new JsonObject();
            e.add("first", reportJson(m.firstEncoding()));
            e.add("second", reportJson(m.secondEncoding()));
            encoding.add(m.mode().label(), e);
            instr.add(m.mode().label(), instructionsJson(m.instructions()));
            JsonObject s = new JsonObject();
            s.addProperty("cosine_spearman", m.spearman());
            s.addProperty("cosine_pearson", m.pearson());
            s.addProperty("main_score", m.spearman());
            s.addProperty(
                    "truncated", m.firstEncoding().truncated() + m.secondEncoding().truncated());
            scores.add(m.mode().label(), s);
        }
        root.add("instructions", instr);
        root.add("scores", scores);
        root.add("encoding", encoding);
        root.addProperty("created", Instant.now().toString());
        Path json = dir.resolve("results.json");
        AtomicFiles.writeString(json, GSON.toJson(root) + "\n");
        Path csv = dir.resolve("per-pair.csv");
        AtomicFiles.write(
                csv,
                out -> {
                    BufferedWriter w =
                            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                    w.write("line,gold");
                    for (Mode mode : result.modes().keySet()) {
                        w.write(",cosine:" + mode.label());
                    }
                    w.write(",sentence1,sentence2\n");
                    for (int i = 0; i < result.dataset().pairs().size(); i++) {
                        var p = result.dataset().pairs().get(i);
                        w.write(p.line() + "," + number(p.gold()));
                        for (StsEvaluation.ModeResult m : result.modes().values()) {
                            w.write("," + number(m.cosines()[i]));
                        }
                        w.write("," + Csv.field(p.first()) + "," + Csv.field(p.second()) + "\n");
                    }
                    w.flush();
                });
        return List.of(json, csv);
    }
}
