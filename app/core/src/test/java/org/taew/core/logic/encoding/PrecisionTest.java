package org.taew.core.logic.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.engine.Engines;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

class PrecisionTest {
    @TempDir Path dir;

    private void touch(String... files) throws Exception {
        for (String f : files) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "weights stand-in " + f);
        }
    }

    @Test
    void hubFileNamesAreClassifiedAndTheGenericInt8FileIsPreferred() throws Exception {
        touch(
                "onnx/model.onnx",
                "onnx/model_qint8_avx2.onnx",
                "onnx/model_quantized.onnx",
                "onnx/model_fp16.onnx",
                "onnx/model_q4.onnx",
                "onnx/model_q4f16.onnx",
                "onnx/model_bnb4.onnx",
                "onnx/model_O2.onnx",
                "onnx/model_qint8_arm64.onnx",
                "onnx/decoder.onnx");
        List<Precision.Variant> v = Precision.variants(dir);
        assertThat(v)
                .extracting(x -> dir.relativize(x.file()).toString())
                .startsWith(
                        "onnx/model.onnx",
                        "onnx/model_quantized.onnx",
                        "onnx/model_qint8_avx2.onnx");
        assertThat(Precision.find(dir, Precision.INT8))
                .isEqualTo(dir.resolve("onnx/model_quantized.onnx"));
        assertThat(Precision.find(dir, Precision.FP32)).isEqualTo(dir.resolve("onnx/model.onnx"));
        assertThat(v)
                .filteredOn(x -> x.file().getFileName().toString().equals("model_fp16.onnx"))
                .singleElement()
                .satisfies(x -> assertThat(x.offered()).isFalse())
                .satisfies(x -> assertThat(x.precision()).isEqualTo("fp16"));
        assertThat(v)
                .filteredOn(Precision.Variant::offered)
                .extracting(x -> x.file().getFileName().toString())
                .as(
                        "fp16, 4-bit kinds other than q4, optimised graphs, ARM64 files here, unknown"
                                + " names: listed only")
                .containsExactly(
                        "model.onnx",
                        "model_quantized.onnx",
                        "model_qint8_avx2.onnx",
                        "model_q4.onnx");
        assertThat(Precision.find(dir, Precision.Q4)).isEqualTo(dir.resolve("onnx/model_q4.onnx"));
        assertThat(v)
                .filteredOn(x -> x.file().getFileName().toString().equals("model_q4f16.onnx"))
                .singleElement()
                .satisfies(x -> assertThat(x.note()).contains("take model_q4.onnx"));
        assertThat(Precision.ofWeights(Path.of("x/onnx/model_q4.onnx"))).isEqualTo(Precision.Q4);
        assertThat(Precision.parse("Q4")).isEqualTo(Precision.Q4);
        assertThat(Precision.ofWeights(Path.of("x/onnx/model_int8.onnx")))
                .isEqualTo(Precision.INT8);
        assertThat(Precision.ofWeights(Path.of("x/model.safetensors"))).isEqualTo(Precision.FP32);
    }

    @Test
    void aFolderWithoutTheAskedPrecisionSaysWhatItHas() throws Exception {
        touch("onnx/model_quantized.onnx", "onnx/model_fp16.onnx", "tokenizer.json");
        Files.writeString(dir.resolve("taew-model.json"), "{\"pooling\": \"mean\"}");
        assertThatThrownBy(() -> ModelFolderReader.read(dir))
                .hasMessageContaining("has no float32 model file")
                .hasMessageContaining("int8 weights (onnx/model_quantized.onnx)")
                .hasMessageContaining("--precision int8");
        ModelSpec int8 = ModelFolderReader.read(dir, Precision.INT8);
        assertThat(int8.weights()).isEqualTo(dir.resolve("onnx/model_quantized.onnx"));
        assertThat(Precision.displayName(int8)).endsWith(" (int8 draft)");
        assertThat(Precision.folderName(int8)).endsWith("@int8");

        Files.delete(dir.resolve("onnx/model_quantized.onnx"));
        touch("model.onnx");
        assertThatThrownBy(() -> ModelFolderReader.read(dir, Precision.INT8))
                .hasMessageContaining("has no int8 weights")
                .hasMessageContaining("onnx/model_fp16.onnx (fp16, not offered");
        assertThatThrownBy(() -> Precision.parse("int4"))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("expected fp32, int8 or q4");

        touch("onnx/model_q4.onnx");
        Files.delete(dir.resolve("model.onnx"));
        assertThatThrownBy(() -> ModelFolderReader.read(dir))
                .as("a folder with 4-bit weights only says so")
                .hasMessageContaining("q4 weights (onnx/model_q4.onnx)")
                .hasMessageContaining("--precision q4");
        ModelSpec q4 = ModelFolderReader.read(dir, Precision.Q4);
        assertThat(Precision.displayName(q4)).endsWith(" (q4 draft)");
        assertThat(Precision.folderName(q4)).endsWith("@q4");
        assertThat(ModelFolderReader.precisions(dir)).containsExactly(Precision.Q4);
    }

    @Test
    void bundledInt8WeightsAreTheirOwnModelWithVectorsCloseToFp32(@TempDir Path models)
            throws Exception {
        ModelCatalog catalog = new ModelCatalog(models);
        assertThat(catalog.bundled())
                .allSatisfy(
                        b ->
                                assertThat(b.precisions())
                                        .containsExactly(Precision.FP32, Precision.INT8));
        ModelSpec fp32 = catalog.resolve("e5-small-v2");
        Path quantized = models.resolve("e5-small-v2/onnx/model_quantized.onnx");
        assertThat(quantized).as("extracted only when asked for").doesNotExist();
        assertThat(catalog.precisions("e5-small-v2"))
                .containsExactly(Precision.FP32, Precision.INT8);
        ModelSpec int8 = catalog.resolve("e5-small-v2", Precision.INT8);
        assertThat(catalog.resolve("e5-small-v2").weights()).isEqualTo(fp32.weights());
        assertThat(quantized).as("kept by an fp32 resolve").exists();
        assertThat(int8.weights())
                .isEqualTo(models.resolve("e5-small-v2/onnx/model_quantized.onnx"));
        assertThat(Files.size(int8.weights())).isEqualTo(34014367L);
        assertThat(int8.identity())
                .as("vectors of different precisions never share a cache")
                .isNotEqualTo(fp32.identity());
        assertThat(catalog.resolve("e5-small-v2").identity()).isEqualTo(fp32.identity());
        assertThat(ModelFolderReader.precisions(fp32.dir()))
                .containsExactly(Precision.FP32, Precision.INT8);

        List<PreparedText> texts = new ArrayList<>();
        for (String t :
                List.of(
                        "query: how do I reset my password",
                        "passage: The printer on the third floor is out of toner again.",
                        "passage: Quarterly revenue rose 12% on strong subscription sales.")) {
            texts.add(PreparedText.plain(t));
        }
        Embeddings a;
        Embeddings b;
        try (Encoder enc = Engines.openEncoder(fp32, EncoderOptions.DEFAULT)) {
            a = enc.encode(texts, ProgressListener.NONE).vectors();
        }
        try (Encoder enc = Engines.openEncoder(int8, EncoderOptions.DEFAULT)) {
            assertThat(enc.engine()).endsWith(", int8 weights");
            assertThat(Precision.ofEngine(enc.engine())).isEqualTo(Precision.INT8);
            assertThat(Precision.ofEngine(Dimensions.engine(enc, 128)))
                    .as("a Matryoshka cut after the precision")
                    .isEqualTo(Precision.INT8);
            assertThat(Precision.ofEngine("OnnxRuntime 1.21.1 on CPU, first 128 dimensions"))
                    .isEqualTo(Precision.FP32);
            b = enc.encode(texts, ProgressListener.NONE).vectors();
        }
        for (int i = 0; i < texts.size(); i++) {
            double cos = a.dot(i, b, i);
            assertThat(cos).as("text %d", i).isGreaterThan(0.9).isLessThan(0.99999);
        }
        assertThatThrownBy(() -> Engines.openNativeEncoder(int8, EncoderOptions.DEFAULT))
                .hasMessageContaining("int8 weights model_quantized.onnx run in ONNX Runtime");

        // a damaged int8 file never stands in the way of fp32, and is repaired when int8 is asked
        try (RandomAccessFile raf = new RandomAccessFile(quantized.toFile(), "rw")) {
            raf.setLength(1000);
        }
        assertThat(catalog.resolve("e5-small-v2").identity()).isEqualTo(fp32.identity());
        assertThat(catalog.resolve("e5-small-v2", Precision.INT8).identity())
                .isEqualTo(int8.identity());
        assertThat(Files.size(quantized)).isEqualTo(34014367L);
    }
}
