package org.taew.core.logic.experiments;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.export.Csv;
import org.taew.core.logic.export.ResultsWriter;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.MetricId;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;

/**
 * An experiment's results as files: the leaderboard as Markdown, CSV and LaTeX (ranx-style: the
 * best in bold, significance against the baseline marked), everything as {@code experiment.json},
 * and MTEB v2's experiments layout ({@code
 * mteb/<model>/<revision>/experiments/<variant>/<task>.json} with {@code model_meta.json}) so
 * MTEB's result tooling can read the variants.
 */
public final class ExperimentReport {
    /** The version of experiment.json's layout (docs/formats.md); raised on any change. */
    public static final int SCHEMA_VERSION = 2;

    /** MTEB's files keep their null fields. */
    private static final Gson MTEB_GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private ExperimentReport() {}

    /** Writes every file into {@code dir}; returns them. */
    public static List<Path> write(Path dir, ExperimentResult r) throws WorkbenchException {
        List<Path> files = new ArrayList<>();
        files.add(write(dir.resolve("leaderboard.md"), markdown(r)));
        files.add(write(dir.resolve("leaderboard.csv"), csv(r)));
        files.add(write(dir.resolve("leaderboard.tex"), latex(r)));
        files.add(write(dir.resolve("experiment.json"), ResultsWriter.GSON.toJson(json(r)) + "\n"));
        files.addAll(mteb(dir.resolve("mteb"), r));
        return files;
    }

    private static Path write(Path file, String text) throws WorkbenchException {
        AtomicFiles.writeString(file, text);
        return file;
    }

    /** One section per dataset and model: the leaderboard, sensitivity and selection. */
    public static String markdown(ExperimentResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Experiment ").append(r.spec().name()).append("\n\n");
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%s; %.0f%% percentile-bootstrap intervals (%d resamples), paired randomization"
                                + " test against the baseline (%d permutations, seed %d), Holm-adjusted"
                                + " across the variants; † significant after Holm ("
                                + Significance.BELOW_ALPHA
                                + ").\n",
                        r.spec().measure().label(),
                        100 * r.significance().confidence(),
                        r.significance().resamples(),
                        r.significance().permutations(),
                        r.significance().seed()));
        for (String w : r.warnings()) {
            sb.append("\n**Warning:** ").append(w).append(".\n");
        }
        for (ExperimentResult.ModelResult m : r.results()) {
            sb.append("\n## ")
                    .append(m.dataset())
                    .append(" · ")
                    .append(Precision.displayName(m.model()))
                    .append("\n\n");
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "Task %s, %s split, %d queries evaluated; Δ against %s.\n\n",
                            m.task(),
                            m.split(),
                            m.queryIds().size(),
                            m.baselineName()));
            sb.append(m.templates()).append(".\n\n");
            for (String w : m.warnings()) {
                sb.append("**Warning:** ").append(w).append(".\n\n");
            }
            sb.append("| # | variant | query template | document template | ")
                    .append(r.spec().measure().label())
                    .append(
                            " [95% CI] | Δ [95% CI] | p | p (Holm) | W/L | cos q | cos d | top-10 ∩ |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            int rank = 0;
            for (ExperimentResult.VariantResult v : m.leaderboard()) {
                rank++;
                boolean base = v.name().equals(m.baselineName());
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "| %d | %s%s | `%s` | `%s` | %.4f [%.3f, %.3f] | %s | %s | %s | %s | %.3f | %.3f |"
                                        + " %.2f |\n",
                                rank,
                                v.name(),
                                base ? " (baseline)" : v.significant() ? " †" : "",
                                code(v.instructions().query().standalone()),
                                code(v.instructions().document().standalone()),
                                v.mean(),
                                v.ci().low(),
                                v.ci().high(),
                                base ? "—" : v.deltaWithCi(),
                                p(v.p()),
                                p(v.holm()),
                                base ? "—" : v.wins() + " / " + v.losses(),
                                v.diagnostics().queryCosine(),
                                v.diagnostics().documentCosine(),
                                v.diagnostics().top10Overlap()));
            }
            sb.append("\n").append(sensitivity(m.sensitivity())).append("\n");
            sb.append("\n").append(selection(m.selection())).append("\n");
        }
        return sb.toString();
    }

    /**
     * An index of several experiments: per dataset and model the in-sample best, the held-out
     * estimate of choosing, where the card's default and general mode rank, and the spread.
     */
    public static String summary(List<ExperimentResult> results) {
        StringBuilder sb = new StringBuilder("# Instruction experiments\n\n");
        sb.append(
                "One row per dataset and model; each experiment's folder has the full leaderboard"
                        + " (leaderboard.md). *Held-out* is the score of choosing the best variant on"
                        + " data it is not scored on (the dev split, else K-fold over the queries); the in-sample"
                        + " best's score beside it is optimistic.\n\n");
        sb.append(
                "| dataset | model | measure | general | card (rank) | in-sample best | held-out |"
                        + " wording IQR | variants |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ExperimentResult r : results) {
            for (ExperimentResult.ModelResult m : r.results()) {
                ExperimentResult.Sensitivity s = m.sensitivity();
                ExperimentResult.Selection sel = m.selection();
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "| [%s](%s/leaderboard.md) | %s | %s | %.4f | %.4f (%d of %d) | %s %.4f |"
                                        + " %.4f | %.4f | %d |\n",
                                m.dataset(),
                                r.spec().name(),
                                Precision.displayName(m.model()),
                                r.spec().measure().label(),
                                m.variant(ExperimentSpec.GENERAL).mean(),
                                m.variant(ExperimentSpec.CARD).mean(),
                                s.cardRank(),
                                s.ranked(),
                                sel.inSampleBest(),
                                sel.inSampleMean(),
                                sel.estimate(),
                                s.iqr(),
                                s.ranked()));
            }
        }
        return sb.toString();
    }

    /** The sensitivity to wording in words. */
    public static String sensitivity(ExperimentResult.Sensitivity s) {
        String spread =
                s.variants() == 0
                        ? "Sensitivity to wording: no variant has an instruction."
                        : String.format(
                                Locale.ROOT,
                                "Sensitivity to wording (%d worded variants): min %.4f, median %.4f,"
                                        + " max %.4f, IQR %.4f.",
                                s.variants(),
                                s.min(),
                                s.median(),
                                s.max(),
                                s.iqr());
        return String.format(
                Locale.ROOT,
                "%s The model card's default ranks %d of %d; general mode ranks %d.",
                spread,
                s.cardRank(),
                s.ranked(),
                s.generalRank());
    }

    /** The selection in words: the held-out estimate beside the optimistic in-sample best. */
    public static String selection(ExperimentResult.Selection s) {
        String how =
                s.chosen() != null
                        ? "the variant chosen on it, " + s.chosen() + ", scores"
                        : "choosing the best variant on the other folds scores (chosen: "
                                + counts(s.chosenCounts())
                                + ")";
        return String.format(
                Locale.ROOT,
                "Selection, %s: %s %.4f on held-out queries; the in-sample best, %s, scores %.4f"
                        + " on the queries it was picked on (optimistic).",
                s.method(),
                how,
                s.estimate(),
                s.inSampleBest(),
                s.inSampleMean());
    }

    private static String counts(Map<String, Integer> c) {
        List<String> parts = new ArrayList<>();
        c.forEach((k, v) -> parts.add(k + " ×" + v));
        return String.join(", ", parts);
    }

    private static String code(String template) {
        return template.replace("\n", "\\n").replace("|", "\\|").replace("`", "'");
    }

    private static String p(double p) {
        return Significance.format(p);
    }

    /** One row per dataset, model and variant. */
    public static String csv(ExperimentResult r) {
        StringBuilder sb =
                new StringBuilder(
                        "dataset,split,model,variant,query_template,document_template,measure,mean,ci_low,"
                                + "ci_high,baseline,delta,delta_ci_low,delta_ci_high,p,p_holm,wins,losses,"
                                + "query_cosine,document_cosine,top10_overlap\n");
        for (ExperimentResult.ModelResult m : r.results()) {
            for (ExperimentResult.VariantResult v : m.leaderboard()) {
                List<String> f =
                        List.of(
                                m.dataset(),
                                m.split(),
                                Precision.displayName(m.model()),
                                v.name(),
                                v.instructions().query().standalone(),
                                v.instructions().document().standalone(),
                                r.spec().measure().name(),
                                num(v.mean()),
                                num(v.ci().low()),
                                num(v.ci().high()),
                                m.baselineName(),
                                num(v.delta()),
                                num(v.deltaCi().low()),
                                num(v.deltaCi().high()),
                                num(v.p()),
                                num(v.holm()),
                                Integer.toString(v.wins()),
                                Integer.toString(v.losses()),
                                num(v.diagnostics().queryCosine()),
                                num(v.diagnostics().documentCosine()),
                                num(v.diagnostics().top10Overlap()));
                List<String> quoted = new ArrayList<>();
                f.forEach(x -> quoted.add(Csv.field(x)));
                sb.append(String.join(",", quoted)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** A LaTeX tabular per dataset and model, ranx-style: best in bold, † significant (Holm). */
    public static String latex(ExperimentResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("% taew experiment ")
                .append(r.spec().name())
                .append("; needs \\usepackage{booktabs}\n");
        for (ExperimentResult.ModelResult m : r.results()) {
            sb.append("\\begin{table}[ht]\n\\centering\n\\begin{tabular}{lrrr}\n\\toprule\n");
            sb.append("Variant & ")
                    .append(tex(r.spec().measure().label()))
                    .append(" & $\\Delta$ & $p_\\mathrm{Holm}$ \\\\\n\\midrule\n");
            List<ExperimentResult.VariantResult> lb = m.leaderboard();
            for (int i = 0; i < lb.size(); i++) {
                ExperimentResult.VariantResult v = lb.get(i);
                String mean = String.format(Locale.ROOT, "%.4f", v.mean());
                boolean base = v.name().equals(m.baselineName());
                sb.append(tex(v.name()))
                        .append(base ? " (baseline)" : "")
                        .append(" & ")
                        .append(i == 0 ? "\\textbf{" + mean + "}" : mean)
                        .append(v.significant() && !base ? "$^{\\dagger}$" : "")
                        .append(" & ")
                        .append(base ? "--" : String.format(Locale.ROOT, "%+.4f", v.delta()))
                        .append(" & ")
                        .append(base ? "--" : p(v.holm()).replace("<", "$<$"))
                        .append(" \\\\\n");
            }
            sb.append("\\bottomrule\n\\end{tabular}\n\\caption{")
                    .append(tex(m.dataset() + ", " + Precision.displayName(m.model())))
                    .append(": instruction variants; $\\dagger$ differs from ")
                    .append(tex(m.baselineName()))
                    .append(" after Holm's adjustment ($")
                    .append(Significance.BELOW_ALPHA)
                    .append("$).}\n\\end{table}\n\n");
        }
        return sb.toString();
    }

    private static String tex(String s) {
        return s.replace("\\", "\\textbackslash{}")
                .replace("_", "\\_")
                .replace("%", "\\%")
                .replace("&", "\\&")
                .replace("#", "\\#");
    }

    // ---- experiment.json ----

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
            long runId) {}

    record JsonModel(
            String dataset,
            String split,
            String task,
            String model,
            String modelIdentity,
            String engine,
            String baseline,
            String templates,
            List<String> warnings,
            List<JsonVariant> leaderboard,
            ExperimentResult.Sensitivity sensitivity,
            ExperimentResult.Selection selection) {}

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

    private static JsonExperiment json(ExperimentResult r) {
        List<JsonModel> models = new ArrayList<>();
        for (ExperimentResult.ModelResult m : r.results()) {
            List<JsonVariant> vs = new ArrayList<>();
            for (ExperimentResult.VariantResult v : m.leaderboard()) {
                Map<String, Double> pq = new LinkedHashMap<>();
                for (int i = 0; i < m.queryIds().size(); i++) {
                    pq.put(m.queryIds().get(i), v.perQuery()[i]);
                }
                vs.add(
                        new JsonVariant(
                                v.name(),
                                v.instructions().query().standalone(),
                                v.instructions().document().standalone(),
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
                                v.runId()));
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
                            m.warnings(),
                            vs,
                            m.sensitivity(),
                            m.selection()));
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

    // ---- MTEB v2's experiments layout ----

    /** MTEB's measure names ({@code ndcg_at_10}) for ours. */
    static String mtebName(MetricId m) {
        return switch (m.kind()) {
            case NDCG_CUT -> "ndcg_at_" + m.k();
            case MAP_CUT -> "map_at_" + m.k();
            case RR_CUT -> "mrr_at_" + m.k();
            case RECALL -> "recall_at_" + m.k();
            case P -> "precision_at_" + m.k();
            case RECIP_RANK -> "mrr";
        };
    }

    private static List<Path> mteb(Path dir, ExperimentResult r) throws WorkbenchException {
        List<Path> files = new ArrayList<>();
        for (ExperimentResult.ModelResult m : r.results()) {
            // MTEB names a model folder org__name and a revision folder; ours: the model's name and
            // the first 12 characters of its identity (weights, tokenizer, pooling)
            Path revision =
                    dir.resolve(Precision.folderName(m.model()).replace("/", "__"))
                            .resolve(m.model().identity().substring(0, 12));
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("name", Precision.folderName(m.model()));
            meta.put("revision", m.model().identity().substring(0, 12));
            meta.put("similarity_fn_name", "cosine");
            meta.put("use_instructions", true);
            meta.put("max_tokens", m.model().lengthLimit().cuts() ? m.model().maxLength() : null);
            files.add(write(revision.resolve("model_meta.json"), MTEB_GSON.toJson(meta) + "\n"));
            for (ExperimentResult.VariantResult v : m.variants()) {
                Map<String, Object> score = new LinkedHashMap<>();
                score.put(mtebName(r.spec().measure()), v.mean());
                score.put("main_score", v.mean());
                score.put("hf_subset", "default");
                // a dataset folder does not say its language: none is claimed
                score.put("languages", List.of());
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("dataset_revision", null);
                task.put("task_name", m.dataset());
                task.put("mteb_version", null);
                task.put("scores", Map.of(m.split(), List.of(score)));
                task.put("evaluation_time", null);
                task.put("kg_co2_emissions", null);
                Map<String, Object> experiment = new LinkedHashMap<>(meta);
                experiment.put(
                        "experiment_kwargs",
                        Map.of(
                                "query_template",
                                v.instructions().query().standalone(),
                                "document_template",
                                v.instructions().document().standalone()));
                if (v.name().equals(ExperimentSpec.CARD)) {
                    // the model as its card says to use it is MTEB's default (non-experiment)
                    // result
                    files.add(
                            write(
                                    revision.resolve(m.dataset() + ".json"),
                                    MTEB_GSON.toJson(task) + "\n"));
                }
                Path folder = revision.resolve("experiments").resolve(v.name());
                files.add(
                        write(
                                folder.resolve(m.dataset() + ".json"),
                                MTEB_GSON.toJson(task) + "\n"));
                files.add(
                        write(
                                folder.resolve("model_meta.json"),
                                MTEB_GSON.toJson(experiment) + "\n"));
            }
        }
        return files;
    }
}
