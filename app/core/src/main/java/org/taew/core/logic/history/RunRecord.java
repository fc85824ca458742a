package org.taew.core.logic.history;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.util.Hashing;

/**
 * One evaluated arm as the run history keeps it (docs/formats.md, "Run history"): where it came
 * from, the data, the model, the templates, the settings that decide its numbers, and the numbers —
 * each measure's mean, its value per evaluated query, and the top {@value #TOP_K} of each query's
 * ranking.
 *
 * @param id the history's id, 0 before it is recorded
 * @param created when it was first evaluated
 * @param evaluated when it was last evaluated (an evaluation of the same configuration again
 *     updates the run rather than adding a copy: {@link #configKey()})
 * @param times how often it was evaluated
 */
public record RunRecord(
        long id,
        Instant created,
        Instant evaluated,
        int times,
        Origin origin,
        Data data,
        Model model,
        Templates templates,
        Settings settings,
        Scores scores) {
    /** Documents kept per query. */
    public static final int TOP_K = 10;

    /**
     * Who evaluated it.
     *
     * @param source {@link #EVAL}, {@link #EXPERIMENT} or {@link #DESKTOP}
     * @param label the arm: {@code general}, {@code task-aware} or an experiment's variant
     * @param experiment the experiment's name, or null
     */
    public record Origin(String source, String label, String experiment) {
        /** {@code taew eval}. */
        public static final String EVAL = "eval";

        /** A variant of {@code taew experiment run} or the desktop's Experiments view. */
        public static final String EXPERIMENT = "experiment";

        /** A live evaluation of the desktop's editor. */
        public static final String DESKTOP = "desktop";

        /** A TREC run file made elsewhere, scored with {@code taew eval --run}. */
        public static final String RUN_FILE = "run file";
    }

    /**
     * The data.
     *
     * @param fingerprint {@link org.taew.core.logic.datasets.DatasetFingerprint} of the split
     */
    public record Data(
            String name,
            String path,
            String split,
            String fingerprint,
            int queries,
            int documents,
            String task) {
        /** The data of an evaluation of {@code d} on {@code task}. */
        public static Data of(RetrievalDataset d, String fingerprint, String task) {
            return new Data(
                    d.name(),
                    d.source().toString(),
                    d.split(),
                    fingerprint,
                    d.queries().size(),
                    d.documents().size(),
                    task);
        }
    }

    /**
     * The model.
     *
     * @param identity the model's identity (weights, tokenizer, pooling, normalisation, length)
     * @param engine the engine and device, e.g. {@code OnnxRuntime 1.21.1 on CPU}
     * @param version the workbench's version
     */
    public record Model(String name, String identity, String engine, String version) {
        /** The name BM25's runs are recorded under: it has no model. */
        public static final String BM25 = "BM25";

        /** The name the hybrid of {@code model} and BM25 is recorded under. */
        public static String hybrid(String model) {
            return model + " + " + BM25;
        }

        /** Whether the run was made with draft-precision (int8, q4) weights, as its engine says. */
        public boolean draft() {
            return Precision.ofEngine(engine).draft();
        }

        /** The weights' precision as its engine says, e.g. {@code int8}. */
        public String precision() {
            return Precision.ofEngine(engine).label();
        }

        /** The name, with "(int8 draft)" for a draft run. */
        public String label() {
            return Precision.ofEngine(engine).displayName(name);
        }
    }

    /**
     * Both templates, each as a standalone source ({@link
     * org.taew.core.model.Template#standalone()}).
     */
    public record Templates(String query, String document, boolean excludeInstructionFromPooling) {
        public static Templates of(InstructionPair p) {
            return new Templates(
                    p.query().standalone(),
                    p.document().standalone(),
                    p.excludeInstructionFromPooling());
        }
    }

    /**
     * What else decides the numbers.
     *
     * @param mainMeasure the measure shown as the run's score
     * @param depth documents ranked per query
     */
    public record Settings(String mainMeasure, int depth, boolean ignoreIdenticalIds) {}

    /**
     * The numbers. A listing carries the means only ({@link #complete()} is false); a run read by
     * id carries everything.
     *
     * @param means each measure's mean over the evaluated queries, in the order measured
     * @param queryIds the evaluated queries
     * @param perQuery per measure, one value per entry of {@code queryIds}
     * @param top per evaluated query, its top {@value RunRecord#TOP_K}
     */
    public record Scores(
            Map<String, Double> means,
            List<String> queryIds,
            Map<String, double[]> perQuery,
            Map<String, List<ScoredDoc>> top) {
        public Scores {
            means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
            queryIds = List.copyOf(queryIds);
            perQuery = Collections.unmodifiableMap(new LinkedHashMap<>(perQuery));
            top = Collections.unmodifiableMap(new LinkedHashMap<>(top));
        }

        /** Whether the per-query values and rankings are here. */
        public boolean complete() {
            return !perQuery.isEmpty();
        }

        /** The measured values and top documents of an evaluation. */
        public static Scores of(QueryScores scores, Run run) {
            Map<String, Double> means = new LinkedHashMap<>();
            Map<String, double[]> perQuery = new LinkedHashMap<>();
            for (Map.Entry<MetricId, double[]> e : scores.values().entrySet()) {
                means.put(e.getKey().name(), scores.mean(e.getKey()));
                perQuery.put(e.getKey().name(), e.getValue().clone());
            }
            Map<String, List<ScoredDoc>> top = new LinkedHashMap<>();
            for (String q : scores.queryIds()) {
                List<ScoredDoc> r = run.of(q);
                top.put(q, List.copyOf(r.subList(0, Math.min(TOP_K, r.size()))));
            }
            return new Scores(means, scores.queryIds(), perQuery, top);
        }
    }

    /** A run not yet recorded, evaluated now. */
    public static RunRecord of(
            Origin origin,
            Data data,
            Model model,
            Templates templates,
            Settings settings,
            Scores scores) {
        Instant now = Instant.now();
        return new RunRecord(0, now, now, 1, origin, data, model, templates, settings, scores);
    }

    /** The main measure's mean (NaN when it was not measured). */
    public double mainScore() {
        Double v = scores.means().get(settings.mainMeasure());
        return v == null ? Double.NaN : v;
    }

    /** This run with its id and times from the history. */
    public RunRecord recorded(long newId, Instant first, Instant last, int count) {
        return new RunRecord(
                newId, first, last, count, origin, data, model, templates, settings, scores);
    }

    /**
     * What decides the numbers, as one hex SHA-256: the data's fingerprint, split and task, the
     * model's identity and engine, both templates and the pooling flag, and the settings. Two runs
     * with the same key have the same numbers for every measure both have; the history keeps one
     * run with the measures of both.
     */
    public String configKey() {
        MessageDigest md = Hashing.sha256();
        List<String> fields = new ArrayList<>();
        fields.add(data.fingerprint());
        fields.add(data.split());
        fields.add(data.task());
        fields.add(model.identity());
        fields.add(model.engine());
        fields.add(templates.query());
        fields.add(templates.document());
        fields.add(Boolean.toString(templates.excludeInstructionFromPooling()));
        fields.add(settings.mainMeasure());
        fields.add(Integer.toString(settings.depth()));
        fields.add(Boolean.toString(settings.ignoreIdenticalIds()));
        for (String f : fields) {
            Hashing.field(md, f);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
