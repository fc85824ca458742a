package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taew.core.logic.datasets.TextLinesReader;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.export.NpyWriter;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Mode;
import org.taew.core.model.PreparedText;
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

    @Mixin DatasetOptions datasetOptions;

    @Mixin ModelOption modelOption;

    @Mixin InstructionOptions instructionOptions;

    @Mixin ComputeOptions compute;

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            paramLabel = "FILE",
            description =
                    "A UTF-8 text file, one text per line (ids are line numbers), instead of --dataset.")
    Path input;

    @Option(
            names = TextLinesReader.ALLOW_EMPTY,
            description =
                    "With --input: an empty or blank line is a text (encoded as it stands, as"
                            + " sentence-transformers encodes \"\"), not a mistake to refuse.")
    boolean allowEmpty;

    @Option(
            names = "--side",
            paramLabel = "SIDE",
            defaultValue = "document",
            converter = SideConverter.class,
            description =
                    "query or document: which dataset texts, and which template (default: ${DEFAULT-VALUE}).")
    Side side;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "general",
            converter = ModeChoice.Converter.class,
            description = "general or task-aware (default: ${DEFAULT-VALUE}).")
    ModeChoice mode;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE.npy",
            required = true,
            description = "Output file.")
    Path output;

    @Override
    public Integer call() throws WorkbenchException {
        if (mode == ModeChoice.BOTH) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--mode must be general or task-aware for encode");
        }
        if ((datasetOptions.dataset == null) == (input == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give either --dataset or --input");
        }
        if (allowEmpty && input == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    TextLinesReader.ALLOW_EMPTY
                            + " applies to --input (a dataset's texts are"
                            + " checked by its reader)");
        }
        SessionRequest.Builder b = SessionRequest.builder().optModes(mode.modes);
        datasetOptions.apply(b);
        modelOption.apply(b);
        instructionOptions.apply(b);
        compute.apply(b);
        SessionSetup setup;
        List<TextItem> items;
        if (input != null) {
            items = TextLinesReader.read(input, allowEmpty);
            setup = common.resolver().resolveWithoutDataset(b.build());
        } else {
            setup = common.resolver().resolve(b.build());
            if (setup.isSts()) {
                throw WorkbenchException.badInput(
                        setup.dataset().path()
                                + ": encode reads BEIR folders; for a pair file use --input");
            }
            items =
                    side == Side.QUERY
                            ? setup.retrieval().queries()
                            : setup.retrieval().documents();
        }
        InstructionPair pair = setup.modes().values().iterator().next();
        List<PreparedText> texts = RetrievalEvaluation.prepare(items, pair, side);
        PrintWriter w = spec.commandLine().getOut();
        String what = side == Side.QUERY ? "queries" : "documents";
        try (EvaluationSession session = EvaluationSession.open(setup, false)) {
            EmbeddingService.Result result =
                    session.embedder().encode(texts, "encoding " + what, common.progress());
            NpyWriter.write(output, result.vectors());
            StringBuilder ids = new StringBuilder();
            for (TextItem t : items) {
                ids.append(t.id()).append('\n');
            }
            Path idsFile = idsFile(output);
            AtomicFiles.writeString(idsFile, ids.toString());
            w.println(Reports.encoding("texts", result.report()));
            Reports.printTemplateSource(
                    w, setup.modes().containsKey(Mode.TASK_AWARE), setup.templateSource());
            w.printf(
                    "Wrote %s (%d x %d float32) and %s%n",
                    output, result.vectors().rows(), result.vectors().dim(), idsFile);
        }
        w.flush();
        return ExitCodes.OK;
    }

    /** {@code --side}: query or document. */
    static final class SideConverter implements CommandLine.ITypeConverter<Side> {
        @Override
        public Side convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "query" -> Side.QUERY;
                case "document" -> Side.DOCUMENT;
                default ->
                        throw new CommandLine.TypeConversionException(
                                "--side must be query or document, not '" + value + "'");
            };
        }
    }

    static Path idsFile(Path npy) {
        String name = npy.getFileName().toString().replaceFirst("\\.npy$", "");
        return npy.resolveSibling(name + ".ids.txt");
    }
}
