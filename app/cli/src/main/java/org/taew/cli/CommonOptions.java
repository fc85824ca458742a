package org.taew.cli;

import java.nio.file.Path;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;
import picocli.CommandLine.Option;

/** Options every command shares, and the objects they lead to. */
final class CommonOptions {
    @Option(
            names = "--workspace",
            paramLabel = "DIR",
            description =
                    "Folder with instructions/ and datasets/ (default: found from the working directory).")
    Path workspace;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description =
                    "Where extracted models and the embedding cache live (default: $TAEW_HOME or"
                            + " ~/.local/share/taew).")
    Path home;

    @Option(
            names = "--device",
            paramLabel = "cpu|gpu|auto",
            description =
                    "Where to encode (default: cpu). gpu needs DJL's PyTorch engine with CUDA (README, GPU);"
                            + " auto takes a GPU when there is one.")
    ComputeChoice.Device device = ComputeChoice.Device.CPU;

    @Option(
            names = "--engine",
            paramLabel = "auto|onnx|native",
            description =
                    "onnx: ONNX Runtime (CPU); native: the BERT-family encoder on DJL's PyTorch engine"
                            + " (CPU or GPU; needs config.json, weights from model.safetensors or the ONNX"
                            + " file); auto (default): ONNX Runtime on the CPU, native on a GPU.")
    ComputeChoice.Engine engine = ComputeChoice.Engine.AUTO;

    @Option(
            names = "--half",
            description = "float16 weights and activations (native encoder on a GPU).")
    boolean half;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log what the engines do.")
    void verbose(boolean v) {
        if (v) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "info");
        }
    }

    Workspace workspace() throws WorkbenchException {
        return workspace != null ? Workspace.at(workspace) : Workspace.locate();
    }

    Path home() {
        if (home != null) {
            WorkbenchHome.set(home);
        }
        return WorkbenchHome.resolve();
    }

    ModelCatalog models() {
        return new ModelCatalog(home().resolve("models"));
    }

    DatasetCatalog datasets() throws WorkbenchException {
        return new DatasetCatalog(workspace().datasets());
    }

    InstructionLibrary instructions() throws WorkbenchException {
        return InstructionLibrary.load(workspace().instructions());
    }

    ProgressListener progress() {
        if (noProgress) {
            return ProgressListener.NONE;
        }
        return new ConsoleProgress(System.err, System.console() != null);
    }

    /** The model to use: the named one, or the first bundled model. */
    ModelSpec model(String name) throws WorkbenchException {
        ModelCatalog catalog = models();
        if (name == null) {
            name =
                    catalog.defaultModel()
                            .orElseThrow(
                                    () ->
                                            new WorkbenchException(
                                                    WorkbenchException.Kind.MODEL,
                                                    "No bundled model is on the class path; name a model"
                                                            + " folder with --model"))
                            .name();
        }
        return catalog.resolve(name);
    }

    Encoder openEncoder(ModelSpec model, EncoderOptions options) throws WorkbenchException {
        return Engines.openEncoder(model, options, computeChoice());
    }

    ComputeChoice computeChoice() {
        return new ComputeChoice(device, engine, half);
    }

    /** The embedding cache folder, or {@code null} without a cache. */
    Path cacheDir(boolean useCache) {
        return useCache ? home().resolve("embeddings") : null;
    }
}
