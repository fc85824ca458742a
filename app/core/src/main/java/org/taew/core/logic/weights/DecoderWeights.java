package org.taew.core.logic.weights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Qwen3 or Gemma 3 model's weights under Hugging Face's names of the base model ({@code
 * Qwen3Model}, {@code Gemma3TextModel}; a leading {@code model.} is dropped): {@code embed_tokens},
 * per layer {@code layers.N.self_attn.{q,k,v,o}_proj}, {@code q_norm}, {@code k_norm}, {@code
 * mlp.{gate,up,down}_proj} and the layer's norms, and the final {@code norm}. Linear weights are
 * {@code [out, in]}, without biases.
 */
public record DecoderWeights(DecoderConfig config, WeightSet weights) implements NativeCheckpoint {
    @Override
    public String architecture() {
        return config.modelType();
    }

    /** The norms of one layer: Qwen3 has two, Gemma 3 four. */
    public static List<String> layerNorms(DecoderConfig c) {
        return c.gemma()
                ? List.of(
                        "input_layernorm",
                        "post_attention_layernorm",
                        "pre_feedforward_layernorm",
                        "post_feedforward_layernorm")
                : List.of("input_layernorm", "post_attention_layernorm");
    }

    static DecoderWeights of(Map<String, Tensor> file, DecoderConfig c, String what)
            throws MalformedWeightsException {
        Map<String, Tensor> named = WeightSet.stripped(file, List.of("model."));
        long h = c.hidden();
        long q = (long) c.heads() * c.headDim();
        long kv = (long) c.kvHeads() * c.headDim();
        long i = c.intermediate();
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put("embed_tokens.weight", new long[] {WeightSet.rows(named, "embed_tokens.weight"), h});
        for (int l = 0; l < c.layers(); l++) {
            String p = "layers." + l + ".";
            s.put(p + "self_attn.q_proj.weight", new long[] {q, h});
            s.put(p + "self_attn.k_proj.weight", new long[] {kv, h});
            s.put(p + "self_attn.v_proj.weight", new long[] {kv, h});
            s.put(p + "self_attn.o_proj.weight", new long[] {h, q});
            s.put(p + "self_attn.q_norm.weight", new long[] {c.headDim()});
            s.put(p + "self_attn.k_norm.weight", new long[] {c.headDim()});
            s.put(p + "mlp.gate_proj.weight", new long[] {i, h});
            s.put(p + "mlp.up_proj.weight", new long[] {i, h});
            s.put(p + "mlp.down_proj.weight", new long[] {h, i});
            for (String norm : layerNorms(c)) {
                s.put(p + norm + ".weight", new long[] {h});
            }
        }
        s.put("norm.weight", new long[] {h});
        return new DecoderWeights(
                c,
                WeightSet.check(
                        named,
                        s,
                        Set.of(),
                        what,
                        "the "
                                + c.modelType()
                                + " model its config describes ("
                                + c.layers()
                                + " layers, hidden size "
                                + h
                                + ")"));
    }
}
