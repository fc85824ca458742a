package org.taew.core.logic.weights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A T5 encoder's weights under Hugging Face's {@code T5EncoderModel} names: the token embedding
 * {@code shared.weight} (or its tied copy {@code encoder.embed_tokens.weight}), per block {@code
 * encoder.block.N.layer.0.SelfAttention.{q,k,v,o}} and {@code layer_norm}, {@code
 * layer.1.DenseReluDense.{wi | wi_0, wi_1, wo}} and {@code layer_norm}, the relative position bias
 * of block 0 and {@code encoder.final_layer_norm}. Linear weights are {@code [out, in]}, without
 * biases.
 */
public record T5Weights(T5Config config, WeightSet weights) implements NativeCheckpoint {
    public static final String EMBEDDING = "shared.weight";
    public static final String RELATIVE_BIAS =
            "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight";

    @Override
    public String architecture() {
        return "t5";
    }

    static T5Weights of(Map<String, Tensor> file, T5Config c, String what)
            throws MalformedWeightsException {
        Map<String, Tensor> named = WeightSet.stripped(file, List.of());
        if (!named.containsKey(EMBEDDING) && named.containsKey("encoder.embed_tokens.weight")) {
            named.put(EMBEDDING, named.get("encoder.embed_tokens.weight"));
        }
        long d = c.dModel();
        long inner = c.innerDim();
        long ff = c.dFf();
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put(EMBEDDING, new long[] {WeightSet.rows(named, EMBEDDING), d});
        s.put(RELATIVE_BIAS, new long[] {c.buckets(), c.heads()});
        for (int l = 0; l < c.layers(); l++) {
            String p = "encoder.block." + l + ".layer.";
            for (String x : List.of("q", "k", "v")) {
                s.put(p + "0.SelfAttention." + x + ".weight", new long[] {inner, d});
            }
            s.put(p + "0.SelfAttention.o.weight", new long[] {d, inner});
            s.put(p + "0.layer_norm.weight", new long[] {d});
            if (c.gated()) {
                s.put(p + "1.DenseReluDense.wi_0.weight", new long[] {ff, d});
                s.put(p + "1.DenseReluDense.wi_1.weight", new long[] {ff, d});
            } else {
                s.put(p + "1.DenseReluDense.wi.weight", new long[] {ff, d});
            }
            s.put(p + "1.DenseReluDense.wo.weight", new long[] {d, ff});
            s.put(p + "1.layer_norm.weight", new long[] {d});
        }
        s.put("encoder.final_layer_norm.weight", new long[] {d});
        return new T5Weights(
                c,
                WeightSet.check(
                        named,
                        s,
                        Set.of(),
                        what,
                        "the t5 encoder its config describes ("
                                + c.layers()
                                + " layers, d_model "
                                + d
                                + ")"));
    }
}
