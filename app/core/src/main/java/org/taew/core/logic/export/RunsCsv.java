package org.taew.core.logic.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;

/**
 * The run history as CSV (docs/formats.md, "Run history"): one row per run with every measure's
 * mean, or one row per run, measure and query — what {@code taew runs export} and the desktop's
 * History tab write.
 */
public final class RunsCsv {
    private RunsCsv() {}

    /** One row per run: who, the data, the model, the templates, the settings, every mean. */
    public static String runs(List<RunRecord> runs) {
        StringBuilder sb = new StringBuilder();
        Set<String> measures = new LinkedHashSet<>();
        runs.forEach(r -> measures.addAll(r.scores().means().keySet()));
        List<String> header =
                new ArrayList<>(
                        List.of(
                                "id",
                                "created",
                                "evaluated",
                                "times",
                                "source",
                                "label",
                                "experiment",
                                "dataset",
                                "split",
                                "dataset_fingerprint",
                                "task",
                                "model",
                                "model_identity",
                                "engine",
                                "workbench_version",
                                "query_template",
                                "document_template",
                                "exclude_instruction_from_pooling",
                                "main_measure",
                                "depth",
                                "ignore_identical_ids"));
        header.addAll(measures);
        row(sb, header);
        for (RunRecord r : runs) {
            List<String> f =
                    new ArrayList<>(
                            List.of(
                                    Long.toString(r.id()),
                                    r.created().toString(),
                                    r.evaluated().toString(),
                                    Integer.toString(r.times()),
                                    r.origin().source(),
                                    r.origin().label(),
                                    r.origin().experiment() == null ? "" : r.origin().experiment(),
                                    r.data().name(),
                                    r.data().split(),
                                    r.data().fingerprint(),
                                    r.data().task(),
                                    r.model().name(),
                                    r.model().identity(),
                                    r.model().engine(),
                                    r.model().version(),
                                    r.templates().query(),
                                    r.templates().document(),
                                    Boolean.toString(r.templates().excludeInstructionFromPooling()),
                                    r.settings().mainMeasure(),
                                    Integer.toString(r.settings().depth()),
                                    Boolean.toString(r.settings().ignoreIdenticalIds())));
            for (String m : measures) {
                Double v = r.scores().means().get(m);
                f.add(v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.6f", v));
            }
            row(sb, f);
        }
        return sb.toString();
    }

    /**
     * {@code run_id,measure,query_id,value}: every per-query value of {@code runs}, which must be
     * read whole ({@link RunHistory#get}; a listing leaves the values out).
     */
    public static String perQuery(List<RunRecord> runs) {
        StringBuilder sb = new StringBuilder("run_id,measure,query_id,value\n");
        for (RunRecord r : runs) {
            for (Map.Entry<String, double[]> e : r.scores().perQuery().entrySet()) {
                for (int i = 0; i < e.getValue().length; i++) {
                    sb.append(r.id())
                            .append(',')
                            .append(Csv.field(e.getKey()))
                            .append(',')
                            .append(Csv.field(r.scores().queryIds().get(i)))
                            .append(',')
                            .append(e.getValue()[i])
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> fields) {
        sb.append(String.join(",", fields.stream().map(Csv::field).toList())).append('\n');
    }
}
