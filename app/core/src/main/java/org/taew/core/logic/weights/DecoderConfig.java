package org.taew.core.logic.weights;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The shapes and constants of a decoder-style transformer used as an embedder: Qwen3 ({@code
 * model_type} {@code qwen3}, Qwen3-Embedding) and Gemma 3 ({@code gemma3_text}, EmbeddingGemma).
 * Both are pre-norm stacks of RMSNorm, grouped-query attention with per-head q/k norms and rotary
 * positions, and a gated MLP; Gemma 3 adds {@code (1 + w)} norms, the embedding scale √hidden,
 * norms after attention and MLP, local (sliding-window) layers with their own rotary base, and in
 * EmbeddingGemma bidirectional attention.
 *
 * @param gemma Gemma's conventions: {@code (1 + w)} RMSNorm, embeddings × √hidden, the four norms
 *     of a layer
 * @param activation of the gated MLP: {@code silu} (SwiGLU) or {@code gelu_pytorch_tanh} (GeGLU)
 * @param queryScale multiplies attention scores: {@code head_dim^-0.5}, or {@code
 *     query_pre_attn_scalar^-0.5} (Gemma)
 * @param ropeTheta the rotary base of full-attention layers
 * @param localRopeTheta the rotary base of sliding-window layers
 * @param window sliding layers let position i attend to j when {@code |i - j| < window}
 *     (bidirectional) or {@code 0 <= i - j < window} (causal)
 * @param sliding per layer, whether it is a sliding-window layer
 * @param bidirectional every position attends to every other (EmbeddingGemma); else causal
 */
public record DecoderConfig(
        String modelType,
        int hidden,
        int intermediate,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        double eps,
        boolean gemma,
        String activation,
        float queryScale,
        double ropeTheta,
        double localRopeTheta,
        int window,
        boolean[] sliding,
        boolean bidirectional) {
    public DecoderConfig {
        sliding = sliding.clone();
    }

    @Override
    public boolean[] sliding() {
        return sliding.clone();
    }

    public boolean sliding(int layer) {
        return sliding[layer];
    }

    static DecoderConfig qwen3(JsonObject o, String file) throws MalformedWeightsException {
        ConfigValues.refuseIfSet(o, "rope_scaling", file, "rotary scaling is not implemented");
        ConfigValues.refuseIfSet(
                o, "use_sliding_window", file, "Qwen3 sliding-window layers are not implemented");
        ConfigValues.refuseIfSet(o, "attention_bias", file, "biases on the attention projections");
        String act = ConfigValues.string(o, "hidden_act", "silu");
        if (!act.equals("silu")) {
            throw new MalformedWeightsException(
                    file + ": hidden_act \"" + act + "\" is not supported for qwen3 (silu)");
        }
        Sizes z = Sizes.read(o, file, 0);
        return new DecoderConfig(
                "qwen3",
                z.hidden(),
                z.intermediate(),
                z.layers(),
                z.heads(),
                z.kvHeads(),
                z.headDim(),
                z.eps(),
                false,
                act,
                (float) (1 / Math.sqrt(z.headDim())),
                ropeTheta(o, "full_attention", "rope_theta", 10_000, file),
                ropeTheta(o, "full_attention", "rope_theta", 10_000, file),
                0,
                new boolean[z.layers()],
                false);
    }

    static DecoderConfig gemma3(JsonObject o, String file) throws MalformedWeightsException {
        ConfigValues.refuseIfSet(o, "rope_scaling", file, "rotary scaling is not implemented");
        ConfigValues.refuseIfSet(
                o, "attn_logit_softcapping", file, "attention soft-capping is not implemented");
        String act = ConfigValues.string(o, "hidden_activation", "gelu_pytorch_tanh");
        if (!act.equals("gelu_pytorch_tanh")) {
            throw new MalformedWeightsException(
                    file
                            + ": hidden_activation \""
                            + act
                            + "\" is not supported for gemma3 (gelu_pytorch_tanh)");
        }
        Sizes z = Sizes.read(o, file, 256);
        boolean bidirectional = ConfigValues.bool(o, "use_bidirectional_attention", false);
        int window = ConfigValues.positive(o, "sliding_window", 4096, file);
        // Hugging Face's Gemma3TextConfig halves the window of a bidirectional model: a position
        // sees window / 2 positions on either side (masking_utils'
        // sliding_window_bidirectional_overlay with the bound window // 2 + 1, exclusive)
        int effective = bidirectional ? window / 2 + 1 : window;
        return new DecoderConfig(
                "gemma3_text",
                z.hidden(),
                z.intermediate(),
                z.layers(),
                z.heads(),
                z.kvHeads(),
                z.headDim(),
                z.eps(),
                true,
                act,
                (float) (1 / Math.sqrt(ConfigValues.number(o, "query_pre_attn_scalar", 256, file))),
                ropeTheta(o, "full_attention", "rope_theta", 1_000_000, file),
                ropeTheta(o, "sliding_attention", "rope_local_base_freq", 10_000, file),
                effective,
                gemmaLayerTypes(o, z.layers(), file),
                bidirectional);
    }

    /**
     * A rotary base: from {@code rope_parameters} as transformers 5 writes it (Gemma 3: one entry
     * per layer type), else the older top-level key. Only the default (unscaled) rotary is run.
     */
    private static double ropeTheta(
            JsonObject o, String layerType, String legacyKey, double fallback, String file)
            throws MalformedWeightsException {
        if (!ConfigValues.present(o, "rope_parameters")) {
            return ConfigValues.number(o, legacyKey, fallback, file);
        }
        JsonElement e = o.get("rope_parameters");
        if (!e.isJsonObject()) {
            throw new MalformedWeightsException(file + ": rope_parameters must be an object");
        }
        JsonObject p = e.getAsJsonObject();
        if (p.has(layerType) && p.get(layerType).isJsonObject()) {
            p = p.getAsJsonObject(layerType);
        }
        String type = ConfigValues.string(p, "rope_type", "default");
        if (!type.equals("default")) {
            throw new MalformedWeightsException(
                    file
                            + ": rope_parameters rope_type \""
                            + type
                            + "\" is not supported: only the default rotary is implemented");
        }
        return ConfigValues.number(p, "rope_theta", fallback, file);
    }

    private static boolean[] gemmaLayerTypes(JsonObject o, int layers, String file)
            throws MalformedWeightsException {
        boolean[] sliding = new boolean[layers];
        if (ConfigValues.present(o, "layer_types")) {
            JsonElement e = o.get("layer_types");
            JsonArray types = e.isJsonArray() ? e.getAsJsonArray() : null;
            if (types == null || types.size() != layers) {
                throw new MalformedWeightsException(
                        file + ": layer_types must list one type per layer (" + layers + ")");
            }
            for (int l = 0; l < layers; l++) {
                JsonElement te = types.get(l);
                String t = te.isJsonPrimitive() ? te.getAsString() : String.valueOf(te);
                if (!t.equals("sliding_attention") && !t.equals("full_attention")) {
                    throw new MalformedWeightsException(
                            file
                                    + ": layer_types["
                                    + l
                                    + "] = \""
                                    + t
                                    + "\", expected sliding_attention or full_attention");
                }
                sliding[l] = t.equals("sliding_attention");
            }
            return sliding;
        }
        // older configs: every sliding_window_pattern-th layer is global
        int pattern = ConfigValues.positive(o, "sliding_window_pattern", 6, file);
        for (int l = 0; l < layers; l++) {
            sliding[l] = (l + 1) % pattern != 0;
        }
        return sliding;
    }

    /** The sizes both architectures read the same way. */
    private record Sizes(
            int hidden,
            int heads,
            int kvHeads,
            int headDim,
            int layers,
            int intermediate,
            double eps) {
        /**
         * @param headDim the default head size, 0 for {@code hidden_size / num_attention_heads}
         */
        static Sizes read(JsonObject o, String file, int headDim) throws MalformedWeightsException {
            int hidden = ConfigValues.positive(o, "hidden_size", file);
            int heads = ConfigValues.positive(o, "num_attention_heads", file);
            int kvHeads = ConfigValues.positive(o, "num_key_value_heads", heads, file);
            if (heads % kvHeads != 0) {
                throw new MalformedWeightsException(
                        file
                                + ": num_attention_heads "
                                + heads
                                + " is not a multiple of num_key_value_heads "
                                + kvHeads);
            }
            return new Sizes(
                    hidden,
                    heads,
                    kvHeads,
                    ConfigValues.positive(
                            o, "head_dim", headDim == 0 ? hidden / heads : headDim, file),
                    ConfigValues.positive(o, "num_hidden_layers", file),
                    ConfigValues.positive(o, "intermediate_size", file),
                    ConfigValues.number(o, "rms_norm_eps", 1e-6, file));
        }
    }
}
