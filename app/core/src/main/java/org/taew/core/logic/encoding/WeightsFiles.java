package org.taew.core.logic.encoding;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.taew.core.util.WorkbenchException;

/**
 * Which weights file of a model folder runs: the one the descriptor names, else the usual names, or
 * a quantized ONNX file for int8. Pickle files are refused before any engine sees them.
 */
final class WeightsFiles {
    private WeightsFiles() {}

    /**
     * The precisions a model folder has weights of, without reading them: fp32 when it has its
     * usual model file, int8 or q4 when it has such a quantized ONNX file.
     */
    static List<Precision> precisions(Path dir) {
        List<Precision> out = new ArrayList<>();
        try {
            float32(dir, ModelJson.json(dir.resolve(ModelJson.DESCRIPTOR)));
            out.add(Precision.FP32);
        } catch (WorkbenchException e) {
            // no float32 file (or an unreadable descriptor, which reading the model will name)
        }
        for (Precision p : List.of(Precision.INT8, Precision.Q4)) {
            if (Precision.find(dir, p) != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The preferred file of {@code precision}, or a message naming what the folder has. */
    static Path variant(Path dir, Precision precision) throws WorkbenchException {
        Path file = Precision.find(dir, precision);
        if (file != null) {
            return file;
        }
        StringBuilder has = new StringBuilder();
        for (Precision.Variant v : Precision.variants(dir)) {
            has.append(has.length() == 0 ? "" : ", ")
                    .append(dir.relativize(v.file()))
                    .append(" (")
                    .append(v.precision())
                    .append(v.offered() ? "" : ", not offered: " + v.note())
                    .append(')');
        }
        throw new WorkbenchException(
                WorkbenchException.Kind.MODEL,
                dir
                        + " has no "
                        + precision.label()
                        + " weights: expected "
                        + expectedFiles(precision)
                        + " ("
                        + (has.length() == 0 ? "it has no ONNX file" : "it has " + has)
                        + ")");
    }

    /** The file names that hold weights of a quantized precision, as a message lists them. */
    static String expectedFiles(Precision precision) {
        return precision == Precision.Q4
                ? "onnx/model_q4.onnx (4-bit MatMulNBits weights)"
                : "onnx/model_quantized.onnx, onnx/model_int8.onnx, onnx/model_qint8_avx2.onnx or"
                        + " another quantized ONNX file";
    }

    /** The float32 weights: the descriptor's {@code model_file}, else the first usual name. */
    static Path float32(Path dir, JsonObject descriptor) throws WorkbenchException {
        String declared = ModelJson.string(descriptor, "model_file", null);
        if (declared != null) {
            Path p = dir.resolve(declared);
            if (!Files.isRegularFile(p)) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL,
                        dir.resolve(ModelJson.DESCRIPTOR)
                                + ": model_file \""
                                + declared
                                + "\" does not exist");
            }
            return p;
        }
        for (String candidate :
                new String[] {"model.onnx", "onnx/model.onnx", "model.pt", "model.safetensors"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                if (candidate.equals("model.pt")) {
                    requireTorchScript(p);
                }
                return p;
            }
        }
        if (Files.exists(dir.resolve("pytorch_model.bin"))) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    dir
                            + " holds only pytorch_model.bin, a pickle file: loading pickle can run arbitrary"
                            + " code, so the workbench refuses it. Save the weights as model.safetensors"
                            + " (save_pretrained(..., safe_serialization=True)) or export model.onnx.");
        }
        Path quantized = Precision.find(dir, Precision.INT8);
        Precision draft = Precision.INT8;
        if (quantized == null) {
            quantized = Precision.find(dir, Precision.Q4);
            draft = Precision.Q4;
        }
        throw new WorkbenchException(
                WorkbenchException.Kind.MODEL,
                dir
                        + " has no float32 model file: expected model.onnx, onnx/model.onnx, a"
                        + " TorchScript model.pt, or model.safetensors with config.json"
                        + (quantized == null
                                ? ""
                                : "; it has "
                                        + draft.label()
                                        + " weights ("
                                        + dir.relativize(quantized)
                                        + "): choose precision "
                                        + draft.label()
                                        + " (--precision "
                                        + draft.label()
                                        + ")"));
    }

    /**
     * A TorchScript archive is a zip whose record holds {@code code/} (the scripted module); a
     * {@code .pt} from {@code torch.save} holds only pickled data, and unpickling can run arbitrary
     * code, so it is refused before any engine sees it.
     */
    static void requireTorchScript(Path file) throws WorkbenchException {
        boolean code = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            code =
                    zip.stream()
                            .anyMatch(
                                    e -> {
                                        String n = e.getName();
                                        int slash = n.indexOf('/');
                                        return slash > 0 && n.startsWith("code/", slash + 1);
                                    });
        } catch (IOException e) {
            code = false; // not a zip: a legacy pickle file
        }
        if (!code) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    file
                            + " is not a TorchScript model (no code/ record inside): it is a pickle"
                            + " checkpoint from torch.save, and loading pickle can run arbitrary code,"
                            + " so the workbench refuses it. Save a TorchScript model (torch.jit.trace"
                            + " or DJL's converter), or the weights as model.safetensors.");
        }
    }
}
