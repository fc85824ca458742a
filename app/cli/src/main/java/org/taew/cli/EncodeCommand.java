package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.datasets.TextLinesReader;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.export.NpyWriter;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Side;
import org.taew.core.model.TextItem;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taew encode}: embeddings to a NumPy file. */
@Command(
        name = "encode",
        mixinStandardHelpOptions = true,
        description = {
            "Encode a dataset's queries or documents, or a text file (one text per line), and write the vectors as"
                    + " a NumPy .npy file (float32, one row per text) with the ids beside it (<out>.ids.txt).",
        })
final class EncodeCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description = "Bundled model name or model folder.")
    String model;

    @Option(
            names = {"-d", "--dataset"},
            paramLabel = "DATASET",
            description = "Dataset name or BEIR folder.")
    String dataset;

    @Option(
            names = "--input",
            paramLabel = "FILE",
            description = "A UTF-8 text file, one text per line (ids are line numbers).")
    Path input;

    @Option(
            names = "--side",
            paramLabel = "SIDE",
            defaultValue = "document",
            description =
                    "query or document: which dataset texts, and which template (default: ${DEFAULT-VALUE}).")
    String side;

    @Option(
            names = {"-t", "--task"},
            paramLabel = "TASK",
            defaultValue = "retrieval",
            description =
                    "Task whose template is applied in task-aware mode (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "general",
            description = "general or task-aware (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--instructions", paramLabel = "FILE", description = "Instruction file to use.")
    Path instructions;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE.npy",
            required = true,
            description = "Output file.")
    Path output;

    @Mixin CacheOption cache;

    @Override
    public Integer call() throws WorkbenchException {
        if (!side.equals("query") && !side.equals("document")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--side must be query or document");
        }
        if (!mode.equals("general") && !mode.equals("task-aware")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--mode must be general or task-aware");
        }
        if ((dataset == null) == (input == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give either --dataset or --input");
        }
        Side s = side.equals("query") ? Side.QUERY : Side.DOCUMENT;
        List<TextItem> items = dataset != null ? fromDataset(s) : TextLinesReader.read(input);
        ModelSpec modelSpec = common.model(model);
        InstructionPair pair =
                mode.equals("general")
                        ? InstructionPair.GENERAL
                        : InstructionChoice.resolve(modelSpec, task, instructions, common)
                                .task
                                .instructions();
        List<PreparedText> texts = RetrievalEvaluation.prepare(items, pair, s);
        PrintWriter w = spec.commandLine().getOut();
        try (Encoder encoder = common.openEncoder(modelSpec, EncoderOptions.DEFAULT);
                EmbeddingService embedder = cache.embedder(encoder, common)) {
            EmbeddingService.Result result =
                    embedder.encode(texts, "encoding " + side + "s", common.progress());
            NpyWriter.write(output, result.vectors());
            StringBuilder ids = new StringBuilder();
            for (TextItem t : items) {
                ids.append(t.id()).append('\n');
            }
            Path idsFile = idsFile(output);
            AtomicFiles.writeString(idsFile, ids.toString());
            w.println(Reports.encoding("texts", result.report()));
            w.printf(
                    "Wrote %s (%d x %d float32) and %s%n",
                    output, result.vectors().rows(), result.vectors().dim(), idsFile);
        }
        w.flush();
        return ExitCodes.OK;
    }

    static Path idsFile(Path npy) {
        String name = npy.getFileName().toString().replaceFirst("\\.npy$", "");
        return npy.resolveSibling(name + ".ids.txt");
    }

    private List<TextItem> fromDataset(Side s) throws WorkbenchException {
        DatasetCatalog.Entry entry = common.datasets().resolve(dataset);
        if (entry.kind() != DatasetCatalog.Kind.RETRIEVAL) {
            throw WorkbenchException.badInput(
                    entry.path() + ": encode reads BEIR folders; for a pair file use --input");
        }
        RetrievalDataset data = BeirReader.read(entry.path(), null);
        return s == Side.QUERY ? data.queries() : data.documents();
    }
}
