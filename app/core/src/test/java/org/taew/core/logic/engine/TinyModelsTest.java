package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.weights.BertWeights;
import org.taew.core.logic.weights.DecoderWeights;
import org.taew.core.logic.weights.NativeCheckpoint;
import org.taew.core.logic.weights.NativeWeights;
import org.taew.core.logic.weights.T5Weights;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.testing.TinyModels;
import org.taew.core.util.ProgressListener;

/**
 * Tiny random models of each architecture beyond BERT, written with their reference outputs by
 * {@code tools/tiny-models/make_tiny_*.py} (a forward pass written out independently in PyTorch):
 * the native encoder gives the same hidden states (to 1e-4) and, through the model folder's
 * sentence-transformers modules, the same sentence vectors (cosine ≥ 0.99999). Each fixture also
 * holds the vectors made with one detail wrong (rotary base, the {@code (1 + w)} norm, causal vs
 * bidirectional, padding side, pooling of the instruction, …): none of them passes the same check,
 * so the check would catch that mistake.
 */
class TinyModelsTest {
    private static final double AGREE = 0.99999;

    @TempDir Path dir;

    /** A copy of the fixture folder, so that nothing a test does touches the resources. */
    private Path folder(String arch) throws Exception {
        return TinyModels.copy(arch, dir);
    }

    static JsonObject reference(Path folder) throws Exception {
        return JsonParser.parseString(
                        Files.readString(folder.resolve("reference.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    private static long[] longs(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsLong();
        }
        return v;
    }

    private static float[] floats(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsFloat();
        }
        return v;
    }

    static List<PreparedText> texts(JsonObject ref) {
        List<PreparedText> texts = new ArrayList<>();
        for (JsonElement e : ref.getAsJsonArray("texts")) {
            JsonObject t = e.getAsJsonObject();
            boolean exclude = t.get("exclude_prompt").getAsBoolean();
            texts.add(
                    new PreparedText(
                            t.get("text").getAsString(),
                            exclude ? t.get("prompt").getAsString() : ""));
        }
        return texts;
    }

    static NativeModel open(NativeCheckpoint w) {
        return open(w, DataType.FLOAT32);
    }

    /** The model of a checkpoint on the CPU, computing in {@code type}. */
    static NativeModel open(NativeCheckpoint w, DataType type) {
        if (w instanceof T5Weights t) {
            return new NativeT5(t, Device.cpu(), type);
        }
        if (w instanceof DecoderWeights d) {
            return new NativeDecoder(d, Device.cpu(), type);
        }
        return new NativeBert((BertWeights) w, Device.cpu(), type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t5", "qwen3", "gemma3"})
    void theTokenizerGivesTheReferenceIds(String arch) throws Exception {
        Path f = folder(arch);
        JsonObject ref = reference(f);
        List<PreparedText> texts = texts(ref);
        try (HuggingFaceTokenizer tokenizer =
                HuggingFaceTokenizer.builder()
                        .optTokenizerPath(f.resolve("tokenizer.json"))
                        .optAddSpecialTokens(true)
                        .optPadding(false)
                        .optTruncation(false)
                        .build()) {
            for (int i = 0; i < texts.size(); i++) {
                assertThat(tokenizer.encode(texts.get(i).text()).getIds())
                        .as(texts.get(i).text())
                        .containsExactly(longs(ref.getAsJsonArray("input_ids").get(i)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"t5", "qwen3", "gemma3"})
    void hiddenStatesOfAPaddedBatchMatchTheReference(String arch) throws Exception {
        Path f = folder(arch);
        JsonObject ref = reference(f);
        JsonArray idRows = ref.getAsJsonArray("batch_input_ids");
        int rows = idRows.size();
        int len = idRows.get(0).getAsJsonArray().size();
        long[] ids = new long[rows * len];
        long[] mask = new long[rows * len];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(longs(idRows.get(r)), 0, ids, r * len, len);
            System.arraycopy(
                    longs(ref.getAsJsonArray("batch_attention_mask").get(r)),
                    0,
                    mask,
                    r * len,
                    len);
        }
        NativeCheckpoint w = NativeWeights.load(f, null);
        assertThat(w.architecture()).isIn("t5", "qwen3", "gemma3_text");
        float[] hidden;
        int h;
        try (NativeModel model = open(w);
                NDManager m = model.newBatchManager()) {
            assertThat(model.leftPadding())
                    .isEqualTo(ref.get("padding_side").getAsString().equals("left"));
            NDArray out = model.forward(m, ids, mask, new long[rows * len], rows, len);
            h = (int) out.getShape().get(2);
            hidden = out.toFloatArray();
        }
        JsonArray expected = ref.getAsJsonArray("batch_last_hidden_state");
        double worst = 0;
        int compared = 0;
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < len; t++) {
                if (mask[r * len + t] == 0) {
                    continue;
                }
                float[] want = floats(expected.get(r).getAsJsonArray().get(t));
                assertThat(want).hasSize(h);
                for (int d = 0; d < h; d++) {
                    worst = Math.max(worst, Math.abs(want[d] - hidden[(r * len + t) * h + d]));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(worst).as("largest difference to torch's hidden states").isLessThan(1e-4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t5", "qwen3", "gemma3"})
    void theModelFolderGivesTheReferenceVectorsAndNoBrokenVariantPasses(String arch)
            throws Exception {
        Path f = folder(arch);
        ModelSpec spec = ModelFolderReader.read(f);
        assertThat(spec.format()).isEqualTo("safetensors");
        assertReferenceVectors(spec, reference(f), "native");
    }

    /**
     * Encodes the reference texts with {@code spec} (on {@code engine}) in the length-sorted small
     * batches of the default and in one batch padded to the longest: the vectors agree with the
     * reference, and no broken variant does.
     */
    static void assertReferenceVectors(ModelSpec spec, JsonObject ref, String engine)
            throws Exception {
        for (EncoderOptions options :
                List.of(EncoderOptions.DEFAULT, new EncoderOptions(1 << 16, 256, 0, 1))) {
            Embeddings vectors;
            try (Encoder e = Engines.openEncoder(spec, options)) {
                assertThat(e.engine()).contains(engine);
                vectors = e.encode(texts(ref), ProgressListener.NONE).vectors();
            }
            double worst = minCosine(vectors, ref.getAsJsonArray("embeddings"));
            assertThat(worst)
                    .as(spec.name() + " on " + engine + ": vectors vs the reference")
                    .isGreaterThanOrEqualTo(AGREE);
            for (Map.Entry<String, JsonElement> broken : ref.getAsJsonObject("broken").entrySet()) {
                assertThat(minCosine(vectors, broken.getValue().getAsJsonArray()))
                        .as("the check catches " + broken.getKey())
                        .isLessThan(AGREE);
            }
        }
    }

    /** The smallest cosine between each encoded vector and its expected vector. */
    static double minCosine(Embeddings got, JsonArray expected) {
        assertThat(expected.size()).isEqualTo(got.rows());
        double worst = 1;
        for (int i = 0; i < got.rows(); i++) {
            float[] want = floats(expected.get(i));
            float[] have = got.row(i);
            assertThat(have).hasSize(want.length);
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int d = 0; d < want.length; d++) {
                dot += (double) want[d] * have[d];
                a += (double) want[d] * want[d];
                b += (double) have[d] * have[d];
            }
            worst = Math.min(worst, dot / Math.sqrt(a * b));
        }
        return worst;
    }
}
