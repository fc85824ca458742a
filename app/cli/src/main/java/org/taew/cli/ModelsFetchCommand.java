package org.taew.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.taew.core.logic.encoding.FetchedModels;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.hub.HubClient;
import org.taew.core.logic.hub.ModelFetcher;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taew models fetch ORG/NAME[@REVISION]}: a model from the Hugging Face Hub. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = {
            "Fetch a model from the Hugging Face Hub into <home>/models/ORG/NAME@COMMIT: the weights the"
                    + " workbench runs (ONNX, else model.safetensors; never pickle), tokenizer, configs and"
                    + " sentence-transformers modules, each checked against the Hub's size and SHA-256. An"
                    + " interrupted fetch resumes when run again; a half-fetched folder is never used.",
            "Then use it with --model ORG/NAME. HF_TOKEN (gated models) and HF_ENDPOINT are honoured."
                    + " Nothing is fetched unless asked."
        })
final class ModelsFetchCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "ORG/NAME[@REVISION]",
            description = "The model's Hub name, e.g. BAAI/bge-small-en-v1.5.")
    String name;

    @Option(
            names = "--precision",
            paramLabel = "fp32|int8|q4",
            description =
                    "Which weights to fetch (default: fp32; int8 takes onnx/model_quantized.onnx or the"
                            + " like, q4 onnx/model_q4.onnx; an external-data file beside it comes too).")
    Precision precision = Precision.FP32;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description =
                    "The Hub's address (default: $HF_ENDPOINT, else "
                            + HubClient.DEFAULT_ENDPOINT
                            + ").")
    String endpoint;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        HubClient env = HubClient.fromEnvironment(System.getenv());
        HubClient hub = endpoint == null ? env : new HubClient(endpoint, System.getenv("HF_TOKEN"));
        ModelCatalog catalog = common.models();
        FetchedModels.Spec parsed = FetchedModels.Spec.parse(name);
        ModelFetcher.Fetched f =
                ModelFetcher.fetch(hub, catalog.modelsDir(), parsed, precision, common.progress());
        w.printf(
                "%s %s@%s (%s, %d files, %s) %s %s%n",
                f.wasThere() ? "Already fetched:" : "Fetched",
                f.info().repo(),
                f.info().revision(),
                "commit " + FetchedModels.shortCommit(f.info().commit()),
                f.files().size(),
                ModelFetcher.size(f.bytes()),
                f.wasThere() ? "in" : "into",
                f.dir());
        w.println(
                "Use it with --model "
                        + f.info().repo()
                        + "@"
                        + FetchedModels.shortCommit(f.info().commit())
                        + (precision.draft() ? " --precision " + precision.label() : "")
                        + " (--model "
                        + f.info().repo()
                        + " takes the latest fetched)");
        w.flush();
        return ExitCodes.OK;
    }
}
