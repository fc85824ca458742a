package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.weights.BertConfig;
import org.taew.core.logic.weights.BertWeights;
import org.taew.core.logic.weights.SafetensorsFile;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;

/**
 * A tiny random BERT made by {@code tools/tiny-bert/make_tiny_bert.py} (Debian's python3-torch):
 * torch's own output, the written-out formula, the native encoder from {@code model.safetensors}
 * and the TorchScript {@code model.pt} on DJL's PyTorch engine all agree.
 */
class TinyBertTest {
    private static final String RESOURCES = "/org/taew/core/tiny-bert/";

    @TempDir Path dir;

    /** A model folder with the tiny model's shared files and the given weights file. */
    private Path folder(String name, String weightsFile) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f);
        for (String file :
                List.of("config.json", "tokenizer.json", "taew-model.json", weightsFile)) {
            try (InputStream in = TinyBertTest.class.getResourceAsStream(RESOURCES + file)) {
                Files.copy(in, f.resolve(file));
            }
        }
        return f;
    }

    private static JsonObject reference() throws Exception {
        try (InputStream in =
                TinyBertTest.class.getResourceAsStream(RESOURCES + "reference.json")) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
    }

    private static long[] row(JsonObject ref, String key, int r) {
        JsonArray a = ref.getAsJsonArray(key).get(r).getAsJsonArray();
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsLong();
        }
        return v;
    }

    private BertWeights weights(String modelType) throws Exception {
        Path f = folder("st-" + modelType, "model.safetensors");
        JsonObject cfg =
                JsonParser.parseString(Files.readString(f.resolve("config.json")))
                        .getAsJsonObject();
        cfg.addProperty("model_type", modelType);
        cfg.addProperty("pad_token_id", 1);
        Files.writeString(f.resolve("config.json"), cfg.toString());
        return BertWeights.fromSafetensors(
                SafetensorsFile.read(f.resolve("model.safetensors")),
                BertConfig.read(f.resolve("config.json")),
                "tiny");
    }

    @Test
    void theFormulaAndTheNativeEncoderGiveTorchsHiddenStates() throws Exception {
        JsonObject ref = reference();
        BertWeights w = weights("bert");
        FormulaBert formula = new FormulaBert(w);
        int rows = ref.getAsJsonArray("input_ids").size();
        int len = ref.getAsJsonArray("input_ids").get(0).getAsJsonArray().size();
        long[] ids = new long[rows * len];
        long[] mask = new long[rows * len];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row(ref, "input_ids", r), 0, ids, r * len, len);
            System.arraycopy(row(ref, "attention_mask", r), 0, mask, r * len, len);
        }
        float[] nat;
        try (NativeBert bert = new NativeBert(w, Device.cpu(), DataType.FLOAT32);
                NDManager m = bert.newBatchManager()) {
            NDArray hidden = bert.forward(m, ids, mask, new long[rows * len], rows, len);
            nat = hidden.toFloatArray();
        }
        int h = w.config().hiddenSize();
        double worstFormula = 0;
        double worstNative = 0;
        for (int r = 0; r < rows; r++) {
            long[] rowMask = row(ref, "attention_mask", r);
            double[][] f = formula.forward(row(ref, "input_ids", r), rowMask, new long[len]);
            JsonArray torchRow = ref.getAsJsonArray("last_hidden_state").get(r).getAsJsonArray();
            for (int t = 0; t < len; t++) {
                if (rowMask[t] == 0) {
                    continue; // padding: no model defines its output
                }
                JsonArray tok = torchRow.get(t).getAsJsonArray();
                for (int d = 0; d < h; d++) {
                    double torch = tok.get(d).getAsDouble();
                    worstFormula = Math.max(worstFormula, Math.abs(f[t][d] - torch));
                    worstNative =
                            Math.max(worstNative, Math.abs(nat[(r * len + t) * h + d] - torch));
                }
            }
        }
        assertThat(worstFormula).as("formula vs torch").isLessThan(1e-5);
        assertThat(worstNative).as("native vs torch").isLessThan(1e-5);
    }

    @Test
    void robertaPositionsStartAfterThePaddingIndex() throws Exception {
        BertWeights w = weights("roberta");
        assertThat(w.config().positionOffset()).isEqualTo(2);
        long[] ids = {2, 30, 31, 32, 3};
        long[] mask = {1, 1, 1, 1, 1};
        double[][] f = new FormulaBert(w).forward(ids, mask, new long[5]);
        float[] nat;
        try (NativeBert bert = new NativeBert(w, Device.cpu(), DataType.FLOAT32);
                NDManager m = bert.newBatchManager()) {
            nat = bert.forward(m, ids, mask, new long[5], 1, 5).toFloatArray();
        }
        double worst = 0;
        int h = w.config().hiddenSize();
        for (int t = 0; t < 5; t++) {
            for (int d = 0; d < h; d++) {
                worst = Math.max(worst, Math.abs(f[t][d] - nat[t * h + d]));
            }
        }
        assertThat(worst).isLessThan(1e-5);
        // and the offset matters: BERT's positions give other vectors
        double[][] asBert = new FormulaBert(weights("bert")).forward(ids, mask, new long[5]);
        assertThat(Math.abs(asBert[1][0] - f[1][0])).isGreaterThan(1e-3);
    }

    @Test
    void torchScriptAndTheNativeEncoderFromSafetensorsGiveTheSameVectors() throws Exception {
        ModelSpec ts = ModelFolderReader.read(folder("ts", "model.pt"));
        ModelSpec st = ModelFolderReader.read(folder("st", "model.safetensors"));
        assertThat(ts.format()).isEqualTo("torchscript");
        assertThat(st.format()).isEqualTo("safetensors");
        List<PreparedText> texts = new ArrayList<>();
        for (String t :
                List.of(
                        "how do i reset my vpn password",
                        "printer paper jam on the third floor",
                        "new employee leave days",
                        "an unknown zebra word",
                        "book a meeting room for the travel policy",
                        "a")) {
            texts.add(PreparedText.plain(t));
        }
        Embeddings fromTorchScript;
        Embeddings fromSafetensors;
        try (Encoder e = Engines.openEncoder(ts, EncoderOptions.DEFAULT)) {
            fromTorchScript = e.encode(texts, ProgressListener.NONE).vectors();
        }
        try (Encoder e = Engines.openEncoder(st, EncoderOptions.DEFAULT)) {
            fromSafetensors = e.encode(texts, ProgressListener.NONE).vectors();
        }
        for (int i = 0; i < texts.size(); i++) {
            assertThat(fromTorchScript.dot(i, fromSafetensors, i))
                    .as(texts.get(i).text())
                    .isGreaterThan(0.99999);
        }
        // distinct texts give distinct vectors: the model is not degenerate
        assertThat(fromSafetensors.dot(0, fromSafetensors, 1)).isLessThan(0.99);
    }
}
