package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taew.core.logic.encoding.FetchedModels;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.hub.ModelFetcher;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code taew models}: the bundled models and the local model folders. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        subcommands = ModelsFetchCommand.class,
        description =
                "List the available models; `models fetch ORG/NAME` fetches one from the Hugging Face Hub.")
final class ModelsCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        ModelCatalog catalog = common.models();
        w.println(
                "Bundled models (ONNX, run offline; extracted to "
                        + catalog.modelsDir()
                        + " on first use):");
        w.printf(
                Locale.ROOT,
                "  %-20s %-8s %-8s %-7s %-10s %s%n",
                "name",
                "family",
                "pooling",
                "tokens",
                "precision",
                "origin");
        for (ModelCatalog.BundledModel b : catalog.bundled()) {
            var e = b.entry();
            w.printf(
                    Locale.ROOT,
                    "  %-20s %-8s %-8s %-7d %-10s %s%s%n",
                    b.name(),
                    b.family(),
                    e.get("pooling").getAsString(),
                    e.get("max_length").getAsInt(),
                    String.join(",", b.precisions().stream().map(Precision::label).toList()),
                    b.origin(),
                    b.available() ? "" : "  [jar missing: " + b.artifact() + "]");
        }
        var local = catalog.localFolders();
        w.println();
        w.println(
                local.isEmpty()
                        ? "No other model folders under "
                                + catalog.modelsDir()
                                + ". Any folder in Hugging Face layout"
                                + " (model.onnx + tokenizer.json) can be given with --model PATH."
                        : "Model folders under " + catalog.modelsDir() + ":");
        for (Path p : local) {
            try {
                List<Precision> has = ModelFolderReader.precisions(p);
                ModelSpec m =
                        ModelFolderReader.read(
                                p,
                                has.contains(Precision.FP32) || has.isEmpty()
                                        ? Precision.FP32
                                        : has.get(0));
                w.printf(
                        Locale.ROOT,
                        "  %-20s %-8s %-8s %-7s %s%n",
                        m.name(),
                        m.family(),
                        m.pooling().label(),
                        m.lengthLimit().shortLabel(),
                        p);
                w.printf(
                        Locale.ROOT,
                        "      length limit: %s%s%n",
                        m.lengthLimit().describe(),
                        m.familyGuessed()
                                ? "; family \"" + m.family() + "\" guessed from the folder's name"
                                : "");
                FetchedModels.origin(p)
                        .ifPresent(
                                o ->
                                        w.printf(
                                                Locale.ROOT,
                                                "      fetched: %s@%s, commit %s, %s, %s%n",
                                                o.repo(),
                                                o.revision(),
                                                FetchedModels.shortCommit(o.commit()),
                                                ModelFetcher.size(o.bytes()),
                                                o.fetched()));
                for (Precision.Variant v : Precision.variants(p)) {
                    w.printf(
                            Locale.ROOT,
                            "      %-34s %s%s%n",
                            p.relativize(v.file()),
                            v.precision(),
                            v.offered() ? "" : " (not offered: " + v.note() + ")");
                }
            } catch (WorkbenchException ex) {
                w.printf(Locale.ROOT, "  %-20s unusable: %s%n", p.getFileName(), ex.getMessage());
            }
        }
        w.flush();
        return ExitCodes.OK;
    }
}
