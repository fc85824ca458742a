package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.weights.OnnxModel;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.testing.TinyModels;
import org.taew.core.util.ProgressListener;

/**
 * The Hub's kinds of ONNX export of the instruction-following architectures, written from the tiny
 * fixtures by the reference tools ({@code tools/tiny-models/export_onnx.py}: transformers' model
 * through {@code torch.onnx.export}, ONNX Runtime's transformer optimizer, its int8 and 4-bit
 * quantizers), laid out as onnx-community repositories keep them and run by ONNX Runtime through
 * the model-folder path: fp32 gives sentence-transformers' reference vectors and the native
 * encoder's (cosine ≥ 0.99999) — plain decoder and T5 exports, a graph of fused contrib operators,
 * weights in an external data file, a graph that pools inside — and int8 and q4 stay within a
 * stated cosine of fp32.
 */
class TinyOnnxExportsTest {
    private static final double AGREE = 0.99999;

    /**
     * How close the drafts' vectors stay to fp32 on the fixtures' texts: the smallest cosine
     * measured by the export script (ONNX Runtime in Python) less a margin. Random tiny weights
     * quantize worse than trained ones.
     */
    private static final double INT8_COSINE = 0.99;

    private static final double Q4_COSINE = 0.92;

    @TempDir Path dir;

    private static Map<String, String> files(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Embeddings encode(ModelSpec spec, List<PreparedText> texts, ComputeChoice c)
            throws Exception {
        try (Encoder e = Engines.openEncoder(spec, EncoderOptions.DEFAULT, c)) {
            return e.encode(texts, ProgressListener.NONE).vectors();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "qwen3, model.onnx",
        "qwen3, model_fused.onnx",
        "gemma3, model.onnx",
        "t5, model.onnx"
    })
    void theFp32ExportGivesTheReferenceVectorsAndTheNativeEncodersOnes(String arch, String file)
            throws Exception {
        Map<String, String> f = files(file, "model.onnx");
        if (arch.equals("gemma3")) {
            f.put("model.onnx_data", "model.onnx_data"); // the weights, outside the graph
        }
        Path folder = TinyModels.withOnnx(arch, dir, f);
        JsonObject ref = TinyModelsTest.reference(folder);
        ModelSpec spec = ModelFolderReader.read(folder);
        assertThat(spec.format()).isEqualTo("onnx");
        assertThat(spec.weights()).isEqualTo(folder.resolve("onnx/model.onnx"));
        TinyModelsTest.assertReferenceVectors(spec, ref, "OnnxRuntime");

        // the native encoder on the same weights (the fixture's safetensors)
        ModelSpec safetensors = ModelFolderReader.read(TinyModels.copy(arch, dir.resolve("st")));
        assertThat(safetensors.format()).isEqualTo("safetensors");
        List<PreparedText> texts = TinyModelsTest.texts(ref);
        ComputeChoice nativeCpu =
                new ComputeChoice(ComputeChoice.Device.CPU, ComputeChoice.Engine.NATIVE, false);
        assertThat(
                        encode(safetensors, texts, nativeCpu)
                                .worstRowCosine(encode(spec, texts, ComputeChoice.CPU)))
                .as("ONNX Runtime on the export vs the native encoder on the weights")
                .isGreaterThanOrEqualTo(AGREE);
    }

    @Test
    void theOptimizedGraphHoldsFusedContribOperators() throws Exception {
        Path folder = TinyModels.withOnnx("qwen3", dir, files("model_fused.onnx", "model.onnx"));
        List<String> ops =
                OnnxModel.read(folder.resolve("onnx/model.onnx")).nodes().stream()
                        .map(OnnxModel.Node::opType)
                        .toList();
        assertThat(ops)
                .as("the transformer optimizer's fused operators, which the test above runs")
                .containsAnyOf(
                        "SkipSimplifiedLayerNormalization",
                        "SimplifiedLayerNormalization",
                        "RotaryEmbedding",
                        "GroupQueryAttention",
                        "MultiHeadAttention");
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen3", "gemma3", "t5"})
    void int8AndQ4ExportsAreDraftsWithinTheirStatedCosineOfFp32(String arch) throws Exception {
        Map<String, String> f =
                files(
                        "model.onnx",
                        "model.onnx",
                        "model_quantized.onnx",
                        "model_quantized.onnx",
                        "model_q4.onnx",
                        "model_q4.onnx");
        if (arch.equals("gemma3")) {
            f.put("model.onnx_data", "model.onnx_data");
        }
        Path folder = TinyModels.withOnnx(arch, dir, f);
        assertThat(ModelFolderReader.precisions(folder))
                .containsExactly(Precision.FP32, Precision.INT8, Precision.Q4);
        List<PreparedText> texts = TinyModelsTest.texts(TinyModelsTest.reference(folder));
        Embeddings fp32 = encode(ModelFolderReader.read(folder), texts, ComputeChoice.CPU);
        for (Precision p : List.of(Precision.INT8, Precision.Q4)) {
            ModelSpec spec = ModelFolderReader.read(folder, p);
            assertThat(Precision.of(spec)).isEqualTo(p);
            assertThat(Precision.displayName(spec)).endsWith("(" + p.label() + " draft)");
            try (Encoder e = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
                assertThat(e.engine()).contains("OnnxRuntime").endsWith(p.engineSuffix());
                Embeddings v = e.encode(texts, ProgressListener.NONE).vectors();
                double worst = fp32.worstRowCosine(v);
                assertThat(worst)
                        .as(arch + " " + p.label() + " vs fp32")
                        .isGreaterThanOrEqualTo(p == Precision.INT8 ? INT8_COSINE : Q4_COSINE)
                        .as("quantized: not the fp32 graph again")
                        .isLessThan(0.9999999);
            }
        }
    }

    @Test
    void aGraphThatPoolsInsideGivesItsOwnVectorsAndRefusesToLeaveTheInstructionOut()
            throws Exception {
        Path folder = TinyModels.withOnnx("t5", dir, files("model_pooled.onnx", "model.onnx"));
        JsonObject ref = TinyModelsTest.reference(folder);
        List<PreparedText> all = TinyModelsTest.texts(ref);
        JsonArray expected = ref.getAsJsonArray("embeddings");
        List<PreparedText> texts = new ArrayList<>();
        JsonArray want = new JsonArray();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).pooledOutPrefix().isEmpty()) {
                texts.add(all.get(i));
                want.add(expected.get(i));
            }
        }
        assertThat(texts).hasSizeBetween(2, all.size() - 1);
        try (Encoder e =
                Engines.openEncoder(ModelFolderReader.read(folder), EncoderOptions.DEFAULT)) {
            assertThat(e.engine()).contains("OnnxRuntime").endsWith(", pooling in the graph");
            assertThat(
                            TinyModelsTest.minCosine(
                                    e.encode(texts, ProgressListener.NONE).vectors(), want))
                    .as("the graph's sentence_embedding vs sentence-transformers")
                    .isGreaterThanOrEqualTo(AGREE);
            // INSTRUCTOR-style texts leave the instruction out of mean pooling: token states needed
            assertThatThrownBy(() -> e.encode(all, ProgressListener.NONE))
                    .hasMessageContaining("pools inside its graph")
                    .hasMessageContaining("include_prompt false")
                    .hasMessageContaining("last_hidden_state");
        }
    }

    @Test
    void bothOutputsTakeTheFoldersModulesOrWithoutThemTheGraphsPooling() throws Exception {
        Path folder =
                TinyModels.withOnnx(
                        "gemma3",
                        dir,
                        files("model.onnx", "model.onnx", "model.onnx_data", "model.onnx_data"));
        JsonObject ref = TinyModelsTest.reference(folder);
        try (Encoder e =
                Engines.openEncoder(ModelFolderReader.read(folder), EncoderOptions.DEFAULT)) {
            assertThat(e.engine())
                    .as("modules.json declares the chain: token states and the folder's modules")
                    .doesNotContain("pooling in the graph");
        }
        // an export whose Dense layers live only in the graph (no modules.json)
        Files.delete(folder.resolve("modules.json"));
        Files.writeString(folder.resolve("taew-model.json"), "{\"pooling\": \"mean\"}");
        TinyModelsTest.assertReferenceVectors(
                ModelFolderReader.read(folder), ref, "pooling in the graph");
    }

    @Test
    void positionsCountRealTokensSoALeftPaddedRowStartsAtZero() {
        long[] mask = {0, 0, 1, 1, 1, 1, 1, 1};
        assertThat(ZooModelRunner.positions(mask, 2, 4)).containsExactly(1, 1, 0, 1, 0, 1, 2, 3);
    }

    @Test
    void aGenerationExportWithAKvCacheIsRefusedWithWhatToUseInstead() {
        assertThat(ZooModelRunner.refusal(List.of("input_ids", "attention_mask"), "m.onnx"))
                .isNull();
        assertThat(ZooModelRunner.refusal(List.of("input_ids", "past_key_values.0.key"), "m.onnx"))
                .contains("m.onnx is a text-generation export")
                .contains("past_key_values.0.key")
                .contains("feature-extraction");
    }
}
