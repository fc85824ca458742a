package org.taew.core.logic.weights;

import com.google.gson.JsonObject;

/**
 * The shapes and constants of a T5 encoder (INSTRUCTOR, GTR, sentence-T5), from Hugging Face's
 * {@code config.json} for {@code model_type} {@code t5}.
 *
 * @param gated {@code feed_forward_proj} {@code gated-*}: two input projections, one through the
 *     activation, multiplied (T5 v1.1, INSTRUCTOR); else one projection (original T5)
 * @param activation {@code relu}, {@code gelu} (exact) or {@code gelu_new} (the tanh approximation;
 *     {@code gated-gelu} means this one)
 */
public record T5Config(
        int dModel,
        int heads,
        int dKv,
        int layers,
        int dFf,
        boolean gated,
        String activation,
        int buckets,
        int maxDistance,
        double eps) {
    /** {@code num_heads × d_kv}, the width of queries, keys and values (not always d_model). */
    public int innerDim() {
        return heads * dKv;
    }

    static T5Config of(JsonObject o, String file) throws MalformedWeightsException {
        String proj = ConfigValues.string(o, "feed_forward_proj", "relu");
        boolean gated = proj.startsWith("gated-");
        String act = gated ? proj.substring("gated-".length()) : proj;
        if (proj.equals("gated-gelu")) {
            act = "gelu_new"; // Hugging Face maps T5 v1.1's "gated-gelu" to the tanh approximation
        }
        if (!act.equals("relu") && !act.equals("gelu") && !act.equals("gelu_new")) {
            throw new MalformedWeightsException(
                    file
                            + ": feed_forward_proj \""
                            + proj
                            + "\" is not supported (supported: relu, gelu, gelu_new, and gated-"
                            + " versions of each)");
        }
        return new T5Config(
                ConfigValues.positive(o, "d_model", file),
                ConfigValues.positive(o, "num_heads", file),
                ConfigValues.positive(o, "d_kv", file),
                ConfigValues.positive(o, "num_layers", file),
                ConfigValues.positive(o, "d_ff", file),
                gated,
                act,
                ConfigValues.positive(o, "relative_attention_num_buckets", 32, file),
                ConfigValues.positive(o, "relative_attention_max_distance", 128, file),
                ConfigValues.number(o, "layer_norm_epsilon", 1e-6, file));
    }
}
