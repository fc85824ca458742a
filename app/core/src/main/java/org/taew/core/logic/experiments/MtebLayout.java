package org.taew.core.logic.experiments;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.model.MetricId;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;

/**
 * MTEB v2's experiments layout ({@code mteb/<model>/<revision>/experiments/<variant>/<task>.json}
 * with {@code model_meta.json}), so MTEB's result tooling can read the variants; the card's default
 * is also MTEB's default result.
 */
final class MtebLayout {
    /** MTEB's files keep their null fields. */
    private static final Gson MTEB_GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private MtebLayout() {}

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

    /** Writes the layout under {@code dir}; returns the files. */
    static List<Path> write(Path dir, ExperimentResult r) throws WorkbenchException {
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
            files.add(
                    writeFile(revision.resolve("model_meta.json"), MTEB_GSON.toJson(meta) + "\n"));
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
                            writeFile(
                                    revision.resolve(m.dataset() + ".json"),
                                    MTEB_GSON.toJson(task) + "\n"));
                }
                Path folder = revision.resolve("experiments").resolve(v.name());
                files.add(
                        writeFile(
                                folder.resolve(m.dataset() + ".json"),
                                MTEB_GSON.toJson(task) + "\n"));
                files.add(
                        writeFile(
                                folder.resolve("model_meta.json"),
                                MTEB_GSON.toJson(experiment) + "\n"));
            }
        }
        return files;
    }

    private static Path writeFile(Path file, String text) throws WorkbenchException {
        AtomicFiles.writeString(file, text);
        return file;
    }
}
