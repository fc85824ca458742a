package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.weights.DType;
import org.taew.core.logic.weights.OnnxModel;
import org.taew.core.logic.weights.SafetensorsWriter;
import org.taew.core.logic.weights.Tensor;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * A Hugging Face folder with {@code model.safetensors} (written here from e5-small-v2's ONNX
 * weights, under Hugging Face's names and {@code [out, in]} layout) runs on the native encoder and
 * gives ONNX Runtime's vectors; in half precision and bfloat16 within what their rounding allows.
 */
class NativeSafetensorsTest {
    @TempDir Path dir;

    /** e5-small-v2 as Hugging Face ships it: safetensors, config.json, tokenizer.json. */
    private Path hfFolder(ModelSpec e5, DType dtype) throws Exception {
        Path folder = dir.resolve("e5-" + dtype);
        Files.createDirectories(folder);
        OnnxModel onnx = OnnxModel.read(e5.weights());
        SafetensorsWriter w = new SafetensorsWriter();
        for (Map.Entry<String, Tensor> e : onnx.tensors().entrySet()) {
            if (e.getKey().startsWith("embeddings.") || e.getKey().startsWith("encoder.")) {
                if (e.getValue().dtype() == DType.F32) {
                    w.add(e.getKey(), dtype, e.getValue().shape(), e.getValue().floats());
                }
            }
        }
        for (OnnxModel.Node n : onnx.nodes()) {
            Tensor t = n.opType().equals("MatMul") ? onnx.tensors().get(n.inputs().get(1)) : null;
            if (t != null && n.name().endsWith("/MatMul")) {
                String name =
                        n.name()
                                .substring(1, n.name().length() - "/MatMul".length())
                                .replace('/', '.');
                long[] s = t.shape(); // [in, out] -> Hugging Face's [out, in]
                float[] v = t.floats();
                float[] tr = new float[v.length];
                for (int i = 0; i < s[0]; i++) {
                    for (int o = 0; o < s[1]; o++) {
                        tr[(int) (o * s[0] + i)] = v[(int) (i * s[1] + o)];
                    }
                }
                w.add("bert." + name + ".weight", dtype, new long[] {s[1], s[0]}, tr);
            }
        }
        w.write(folder.resolve("model.safetensors"));
        Files.copy(e5.dir().resolve("config.json"), folder.resolve("config.json"));
        Files.copy(e5.tokenizer(), folder.resolve("tokenizer.json"));
        Files.writeString(
                folder.resolve(ModelFolderReader.DESCRIPTOR),
                "{\"name\": \"e5-st\", \"family\": \"e5\", \"pooling\": \"mean\", \"normalize\": true,"
                        + " \"max_length\": 512}");
        return folder;
    }

    @ParameterizedTest
    @CsvSource({"F32, 0.99999", "F16, 0.9999", "BF16, 0.999"})
    void aSafetensorsFolderRunsNativelyAndMatchesOnnxRuntime(DType dtype, double atLeast)
            throws Exception {
        ModelSpec e5 = BundledModels.spec("e5-small-v2");
        ModelSpec st = ModelFolderReader.read(hfFolder(e5, dtype));
        assertThat(st.format()).isEqualTo("safetensors");
        List<PreparedText> texts = NativeEncoderTest.texts();
        Embeddings ort;
        Embeddings nat;
        try (Encoder reference = Engines.openEncoder(e5, EncoderOptions.DEFAULT)) {
            ort = reference.encode(texts, ProgressListener.NONE).vectors();
        }
        try (Encoder fromSafetensors = Engines.openEncoder(st, EncoderOptions.DEFAULT)) {
            nat = fromSafetensors.encode(texts, ProgressListener.NONE).vectors();
        }
        double worst = 1;
        for (int i = 0; i < texts.size(); i++) {
            worst = Math.min(worst, ort.dot(i, nat, i));
        }
        assertThat(worst)
                .as("lowest cosine with %s weights", dtype)
                .isGreaterThanOrEqualTo(atLeast);
    }

    @Test
    void aFolderMissingALayerSaysWhichTensorsAreMissing() throws Exception {
        Path folder = dir.resolve("broken");
        Files.createDirectories(folder);
        new SafetensorsWriter()
                .add(
                        "embeddings.word_embeddings.weight",
                        DType.F32,
                        new long[] {10, 384},
                        new float[3840])
                .write(folder.resolve("model.safetensors"));
        Files.copy(
                BundledModels.spec("e5-small-v2").dir().resolve("config.json"),
                folder.resolve("config.json"));
        Files.copy(BundledModels.spec("e5-small-v2").tokenizer(), folder.resolve("tokenizer.json"));
        Files.writeString(folder.resolve(ModelFolderReader.DESCRIPTOR), "{\"pooling\": \"mean\"}");
        ModelSpec spec = ModelFolderReader.read(folder);
        assertThatThrownBy(() -> Engines.openEncoder(spec, EncoderOptions.DEFAULT))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining(
                        "does not hold the bert encoder its config describes (12 layers, hidden size 384)")
                .hasMessageContaining("missing: embeddings.LayerNorm.bias");
    }

    @Test
    void pickleCheckpointsAreRefused() throws Exception {
        Path folder = dir.resolve("pickle");
        Files.createDirectories(folder);
        Files.write(
                folder.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, 'c', 'o', 's'});
        Files.copy(BundledModels.spec("e5-small-v2").tokenizer(), folder.resolve("tokenizer.json"));
        assertThatThrownBy(() -> ModelFolderReader.read(folder))
                .hasMessageContaining("pytorch_model.bin, a pickle file")
                .hasMessageContaining("model.safetensors");
        // a .pt that torch.save wrote (a zip of pickled data, no code/ record) is no TorchScript
        // model
        Path pt = folder.resolve("model.pt");
        try (var zip = new ZipOutputStream(Files.newOutputStream(pt))) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2});
            zip.closeEntry();
        }
        assertThatThrownBy(() -> ModelFolderReader.read(folder))
                .hasMessageContaining("model.pt is not a TorchScript model")
                .hasMessageContaining("arbitrary code");
    }
}
