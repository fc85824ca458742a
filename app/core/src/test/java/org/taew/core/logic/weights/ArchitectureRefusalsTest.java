package org.taew.core.logic.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.testing.TinyModels;
import org.taew.core.util.WorkbenchException;

/**
 * Model folders the native encoder cannot run: one clear message each, naming what is supported.
 */
class ArchitectureRefusalsTest {
    @TempDir Path dir;
    private int copies;

    private Path withConfig(String arch, String key, String json) throws Exception {
        Path f = TinyModels.copy(arch, dir.resolve("copy-" + copies++));
        JsonObject c =
                JsonParser.parseString(Files.readString(f.resolve("config.json")))
                        .getAsJsonObject();
        c.add(key, JsonParser.parseString(json));
        Files.writeString(f.resolve("config.json"), c.toString());
        return f;
    }

    @Test
    void anUnknownArchitectureIsRefusedWithTheListOfSupportedOnes() throws Exception {
        Path f = withConfig("qwen3", "model_type", "\"mistral\"");
        assertThatThrownBy(() -> NativeWeights.load(f, null))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("model_type \"mistral\" is not supported")
                .hasMessageContaining("bert, roberta, xlm-roberta, t5, qwen3, gemma3_text");
    }

    @Test
    void aModelWithItsOwnCodeIsRefused() throws Exception {
        Path f = withConfig("gemma3", "auto_map", "{\"AutoModel\": \"modeling_x.XModel\"}");
        assertThatThrownBy(() -> NativeWeights.load(f, null))
                .hasMessageContaining("auto_map, trust_remote_code")
                .hasMessageContaining("Supported architectures: bert");
    }

    @Test
    void settingsTheEncoderDoesNotImplementAreRefusedByName() throws Exception {
        Path window = withConfig("qwen3", "use_sliding_window", "true");
        assertThatThrownBy(() -> NativeWeights.load(window, null))
                .hasMessageContaining("config.json: use_sliding_window = true is not supported");
        Path scaling =
                withConfig(
                        "gemma3", "rope_scaling", "{\"rope_type\": \"linear\", \"factor\": 8.0}");
        assertThatThrownBy(() -> NativeWeights.load(scaling, null))
                .hasMessageContaining("rope_scaling")
                .hasMessageContaining("not supported");
        Path ff = withConfig("t5", "feed_forward_proj", "\"gated-silu\"");
        assertThatThrownBy(() -> NativeWeights.load(ff, null))
                .hasMessageContaining("feed_forward_proj \"gated-silu\" is not supported");
    }

    @Test
    void transformersFiveRotarySettingsAreReadAndScaledRotaryRefused() throws Exception {
        Path f =
                withConfig(
                        "qwen3",
                        "rope_parameters",
                        "{\"rope_theta\": 5000.0, \"rope_type\": \"default\"}");
        JsonObject c =
                JsonParser.parseString(Files.readString(f.resolve("config.json")))
                        .getAsJsonObject();
        c.remove("rope_theta");
        Files.writeString(f.resolve("config.json"), c.toString());
        DecoderWeights w = (DecoderWeights) NativeWeights.load(f, null);
        assertThat(w.config().ropeTheta()).isEqualTo(5000.0);
        Path g =
                withConfig(
                        "gemma3",
                        "rope_parameters",
                        "{\"full_attention\": {\"rope_theta\": 7.0, \"rope_type\": \"default\"},"
                                + " \"sliding_attention\": {\"rope_theta\": 3.0, \"rope_type\": \"default\"}}");
        DecoderWeights gw = (DecoderWeights) NativeWeights.load(g, null);
        assertThat(gw.config().ropeTheta()).isEqualTo(7.0);
        assertThat(gw.config().localRopeTheta()).isEqualTo(3.0);
        Path yarn =
                withConfig(
                        "qwen3",
                        "rope_parameters",
                        "{\"rope_theta\": 1e6, \"rope_type\": \"yarn\"}");
        assertThatThrownBy(() -> NativeWeights.load(yarn, null))
                .hasMessageContaining("rope_type \"yarn\" is not supported");
    }

    @Test
    void aMissingOrMisshapenWeightIsNamed() throws Exception {
        Path f = withConfig("qwen3", "head_dim", "16");
        assertThatThrownBy(() -> NativeWeights.load(f, null))
                .hasMessageContaining("does not hold the qwen3 model its config describes")
                .hasMessageContaining(
                        "layers.0.self_attn.q_proj.weight is [48, 32], expected [64, 32]");
        Path t5 = TinyModels.copy("t5", dir.resolve("t5"));
        Map<String, Tensor> tensors =
                new LinkedHashMap<>(SafetensorsFile.read(t5.resolve("model.safetensors")));
        tensors.remove("encoder.final_layer_norm.weight");
        JsonObject c =
                JsonParser.parseString(Files.readString(t5.resolve("config.json")))
                        .getAsJsonObject();
        assertThatThrownBy(
                        () ->
                                T5Weights.of(
                                        tensors,
                                        T5Config.of(c, "config.json"),
                                        "model.safetensors"))
                .hasMessageContaining("missing: encoder.final_layer_norm.weight");
    }

    @Test
    void picklesInADenseModuleAndUnknownModulesAreRefused() throws Exception {
        Path f = TinyModels.copy("gemma3", dir);
        Files.move(f.resolve("2_Dense/model.safetensors"), f.resolve("2_Dense/pytorch_model.bin"));
        assertThatThrownBy(() -> ModelFolderReader.read(f))
                .hasMessageContaining("2_Dense/pytorch_model.bin is a pickle file");
        Path g = TinyModels.copy("qwen3", dir.resolve("g"));
        String modules = Files.readString(g.resolve("modules.json"));
        Files.writeString(
                g.resolve("modules.json"),
                modules.replace("sentence_transformers.models.Normalize", "custom_st.MyNormalize"));
        assertThatThrownBy(() -> ModelFolderReader.read(g))
                .hasMessageContaining(
                        "of type MyNormalize is not supported (supported: Transformer,"
                                + " Pooling, Dense, Normalize)");
    }

    @Test
    void theFoldersSentenceTransformersSettingsAreRead() throws Exception {
        var qwen = ModelFolderReader.read(TinyModels.copy("qwen3", dir));
        assertThat(qwen.pooling().label()).isEqualTo("lasttoken");
        assertThat(qwen.dense()).isEmpty();
        assertThat(qwen.normalize()).isTrue();
        assertThat(qwen.family()).isEqualTo("qwen3");
        var gemma = ModelFolderReader.read(TinyModels.copy("gemma3", dir));
        assertThat(gemma.dense()).containsExactly("2_Dense", "3_Dense");
        assertThat(gemma.prompts()).containsKey("query");
        assertThat(ModelFolderReader.claimsMatryoshka(gemma.dir())).isTrue();
        assertThat(ModelFolderReader.claimsMatryoshka(qwen.dir())).isFalse();
        // the Dense weights are part of the identity: other weights, another cache
        Path other = TinyModels.copy("gemma3", dir.resolve("other"));
        Map<String, Tensor> dense =
                SafetensorsFile.read(other.resolve("3_Dense/model.safetensors"));
        assertThat(dense).containsKey("linear.weight");
        Files.writeString(
                other.resolve("3_Dense/config.json"),
                Files.readString(other.resolve("3_Dense/config.json")).replace("}", " }"));
        assertThat(ModelFolderReader.read(other).identity()).isNotEqualTo(gemma.identity());
    }
}
