package org.taew.core.logic.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.taew.core.util.WorkbenchException;

/**
 * Finds and reads the weights of a model folder for the native encoder: {@code model.safetensors}
 * when the folder has one, else the ONNX file's initializers; the shapes come from {@code
 * config.json}. Pickle checkpoints ({@code pytorch_model.bin}) are refused: unpickling can run
 * arbitrary code.
 */
public final class NativeWeights {
    private NativeWeights() {}

    public static BertWeights load(Path dir, Path onnxFile) throws WorkbenchException {
        Path configFile = dir.resolve("config.json");
        Path safetensors = dir.resolve("model.safetensors");
        try {
            if (!Files.isRegularFile(configFile)) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL,
                        dir
                                + " has no config.json; the native encoder takes the model's shapes"
                                + " (hidden size, heads, layers…) from it");
            }
            BertConfig config = BertConfig.read(configFile);
            if (Files.isRegularFile(safetensors)) {
                return BertWeights.fromSafetensors(
                        SafetensorsFile.read(safetensors), config, safetensors.toString());
            }
            if (onnxFile != null && Files.isRegularFile(onnxFile)) {
                return BertWeights.fromOnnx(OnnxModel.read(onnxFile), config, onnxFile.toString());
            }
            if (Files.isRegularFile(dir.resolve("pytorch_model.bin"))) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL,
                        dir.resolve("pytorch_model.bin")
                                + " is a pickle checkpoint, which the workbench does not load:"
                                + " unpickling can run arbitrary code. Convert it to"
                                + " model.safetensors (safetensors' convert script, or"
                                + " save_pretrained(..., safe_serialization=True))");
            }
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    dir
                            + " has neither model.safetensors nor an ONNX model for the native encoder");
        } catch (MalformedWeightsException e) {
            throw new WorkbenchException(WorkbenchException.Kind.MODEL, e.getMessage(), e);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot read the weights in " + dir + ": " + e.getMessage(),
                    e);
        }
    }
}
