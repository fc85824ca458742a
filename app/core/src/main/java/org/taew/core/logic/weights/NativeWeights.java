package org.taew.core.logic.weights;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.taew.core.util.WorkbenchException;

/**
 * Finds and reads the weights of a model folder for the native encoder: {@code model.safetensors}
 * when the folder has one, else the ONNX file's initializers; the shapes come from {@code
 * config.json}. Pickle checkpoints ({@code pytorch_model.bin}) are refused: unpickling can run
 * arbitrary code.
 */
public final class NativeWeights {
    private NativeWeights() {}

    /** The architectures the native encoder runs, by {@code model_type}. */
    public static final List<String> SUPPORTED =
            List.of("bert", "roberta", "xlm-roberta", "t5", "qwen3", "gemma3_text");

    public static NativeCheckpoint load(Path dir, Path onnxFile) throws WorkbenchException {
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
            JsonObject json = ConfigValues.read(configFile);
            String file = configFile.toString();
            String type = ConfigValues.string(json, "model_type", "");
            if (ConfigValues.present(json, "auto_map")) {
                throw new MalformedWeightsException(
                        file
                                + ": the model brings its own Python code (auto_map, trust_remote_code),"
                                + " which the workbench does not run. Supported architectures: "
                                + String.join(", ", SUPPORTED));
            }
            if (!SUPPORTED.contains(type)) {
                throw new MalformedWeightsException(
                        file
                                + ": model_type \""
                                + type
                                + "\" is not supported by the native encoder (supported: "
                                + String.join(", ", SUPPORTED)
                                + "); an ONNX export of it runs on ONNX Runtime");
            }
            boolean bert = BertConfig.SUPPORTED.contains(type);
            if (Files.isRegularFile(safetensors)) {
                Map<String, Tensor> tensors = SafetensorsFile.read(safetensors);
                String what = safetensors.toString();
                return switch (type) {
                    case "t5" -> T5Weights.of(tensors, T5Config.of(json, file), what);
                    case "qwen3" ->
                            DecoderWeights.of(tensors, DecoderConfig.qwen3(json, file), what);
                    case "gemma3_text" ->
                            DecoderWeights.of(tensors, DecoderConfig.gemma3(json, file), what);
                    default ->
                            BertWeights.fromSafetensors(tensors, BertConfig.of(json, file), what);
                };
            }
            if (bert && onnxFile != null && Files.isRegularFile(onnxFile)) {
                return BertWeights.fromOnnx(
                        OnnxModel.read(onnxFile), BertConfig.of(json, file), onnxFile.toString());
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
                            + " has neither model.safetensors nor an ONNX model for the native encoder"
                            + " (ONNX weights are read for BERT-family models only)");
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
