package org.taew.core.logic.experiments;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.List;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;

/**
 * Writes an experiment file that {@link ExperimentReader} reads back to the same experiment: the
 * desktop's variants list, exported. Written atomically.
 */
public final class ExperimentWriter {
    /** JSON strings are YAML double-quoted scalars: every template survives as it is. */
    private static final Gson QUOTE = new GsonBuilder().disableHtmlEscaping().create();

    private ExperimentWriter() {}

    public static void write(Path file, ExperimentSpec spec) throws WorkbenchException {
        AtomicFiles.writeString(file, text(spec));
    }

    /** The file's text. */
    public static String text(ExperimentSpec spec) {
        StringBuilder sb =
                new StringBuilder(
                        "# An instruction experiment (docs/formats.md, \"Experiments\"), written by the"
                                + " Task-Aware Embedding Workbench.\n");
        sb.append("name: ").append(q(spec.name())).append('\n');
        sb.append("datasets: ").append(list(spec.datasets())).append('\n');
        if (!spec.models().isEmpty()) {
            sb.append("models: ").append(list(spec.models())).append('\n');
        }
        if (spec.task() != null) {
            sb.append("task: ").append(q(spec.task())).append('\n');
        }
        if (spec.split() != null) {
            sb.append("split: ").append(q(spec.split())).append('\n');
        }
        ExperimentSpec.Selection s = spec.selection();
        sb.append("selection: {dev: ")
                .append(s.useDev() ? q(s.devSplit()) : "none")
                .append(", folds: ")
                .append(s.folds())
                .append(", seed: ")
                .append(s.seed())
                .append("}\n");
        sb.append("measure: ").append(q(spec.measure().name())).append('\n');
        sb.append("baseline: ").append(spec.baseline().label()).append('\n');
        if (spec.hybrid() != null) {
            sb.append("hybrid: ").append(ExperimentHybrid.yaml(spec.hybrid())).append('\n');
        }
        if (!spec.dimensions().isEmpty()) {
            sb.append("dimensions: ")
                    .append(spec.dimensions().stream().map(String::valueOf).toList())
                    .append('\n');
        }
        ExperimentSpec.Search search = spec.search();
        // a file without variants is read back only with its search block (taew experiment search)
        if (!search.equals(ExperimentSpec.Search.DEFAULT) || spec.variants().isEmpty()) {
            sb.append("search: {candidates: ")
                    .append(search.candidates())
                    .append(search.budget() > 0 ? ", budget: " + search.budget() : "")
                    .append(search.rounds() > 0 ? ", rounds: " + search.rounds() : "")
                    .append(", corpus-encodes: ")
                    .append(search.corpusEncodes())
                    .append(", seed: ")
                    .append(search.seed())
                    .append("}\n");
        }
        sb.append(spec.variants().isEmpty() ? "variants: []\n" : "variants:\n");
        for (ExperimentSpec.Variant v : spec.variants()) {
            sb.append("  - name: ").append(q(v.name())).append('\n');
            if (!v.families().isEmpty()) {
                sb.append("    families: ").append(list(v.families())).append('\n');
            }
            sb.append("    query: ").append(q(v.instructions().query().standalone())).append('\n');
            sb.append("    document: ")
                    .append(q(v.instructions().document().standalone()))
                    .append('\n');
            if (v.instructions().excludeInstructionFromPooling()) {
                sb.append("    exclude_instruction_from_pooling: true\n");
            }
        }
        return sb.toString();
    }

    private static String q(String s) {
        return QUOTE.toJson(s);
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items.stream().map(ExperimentWriter::q).toList()) + "]";
    }
}
