package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.weights.T5Config;
import org.taew.core.logic.weights.T5Weights;
import org.taew.core.logic.weights.WeightSet;

/**
 * The encoder of T5 (INSTRUCTOR, GTR, sentence-T5) with DJL NDArrays on PyTorch: token embeddings
 * without positions; per block, RMS layer norm, self-attention whose scores are not scaled and get
 * a learned bias per relative-position bucket (block 0's table, shared by every block), residual;
 * RMS layer norm, the feed-forward (ReLU, or gated GELU with the tanh approximation), residual; a
 * final RMS layer norm.
 *
 * <p>Follows Raffel et al. 2020 ("Exploring the Limits of Transfer Learning with a Unified
 * Text-to-Text Transformer") and Hugging Face transformers' {@code modeling_t5.py} ({@code
 * T5Attention._relative_position_bucket} with {@code bidirectional=True} for the encoder).
 */
final class NativeT5 extends NativeTransformer {
    private record Block(
            NDArray q,
            NDArray k,
            NDArray v,
            NDArray o,
            NDArray attentionNorm,
            NDArray wi,
            NDArray wiGate,
            NDArray wo,
            NDArray feedForwardNorm) {}

    private final T5Config config;
    private final NDArray embeddings;
    private final NDArray relativeBias;
    private final NDArray finalNorm;
    private final List<Block> blocks = new ArrayList<>();

    NativeT5(T5Weights w, Device device, DataType type) {
        super(device, type);
        this.config = w.config();
        try {
            WeightSet s = w.weights();
            embeddings = weights.array(s.get(T5Weights.EMBEDDING));
            relativeBias = weights.array(s.get(T5Weights.RELATIVE_BIAS));
            finalNorm = weights.floats(s.get("encoder.final_layer_norm.weight"));
            for (int l = 0; l < config.layers(); l++) {
                String p = "encoder.block." + l + ".layer.";
                String ff = p + "1.DenseReluDense.";
                blocks.add(
                        new Block(
                                linear(s, p + "0.SelfAttention.q.weight"),
                                linear(s, p + "0.SelfAttention.k.weight"),
                                linear(s, p + "0.SelfAttention.v.weight"),
                                linear(s, p + "0.SelfAttention.o.weight"),
                                weights.floats(s.get(p + "0.layer_norm.weight")),
                                linear(s, ff + (config.gated() ? "wi_1" : "wi") + ".weight"),
                                config.gated() ? linear(s, ff + "wi_0.weight") : null,
                                linear(s, ff + "wo.weight"),
                                weights.floats(s.get(p + "1.layer_norm.weight"))));
            }
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    private NDArray linear(WeightSet s, String name) {
        return weights.matrix(s.get(name), false);
    }

    @Override
    public long activationFloatsPerToken(int length) {
        return 12L * config.dModel()
                + 20L * config.innerDim()
                + 4L * config.heads() * length
                + (config.gated() ? 12L : 8L) * config.dFf();
    }

    @Override
    public String architecture() {
        return "t5";
    }

    @Override
    public NDArray forward(
            NDManager m, long[] ids, long[] mask, long[] types, int batch, int length) {
        int heads = config.heads();
        float eps = (float) config.eps();
        NDArray x = lookup(m, embeddings, ids, batch, length);
        // [1, heads, len, len] bucket biases plus [batch, 1, 1, len] padding
        NDArray positionBias =
                relativeBias
                        .get(m, new NDIndex("{}", m.create(buckets(length))))
                        .reshape(length, length, heads)
                        .transpose(2, 0, 1)
                        .expandDims(0)
                        .add(
                                NativeOps.attentionBias(
                                        m,
                                        mask,
                                        batch,
                                        length,
                                        null,
                                        weights.type(),
                                        weights.masked()));
        for (Block b : blocks) {
            x = layer(m, x, in -> block(in, b, positionBias, batch, length));
        }
        return NativeOps.rmsNorm(x, finalNorm, eps).toType(DataType.FLOAT32, false);
    }

    /** One T5 block: attention with the position bias, then the feed-forward, each pre-normed. */
    private NDArray block(NDArray x, Block b, NDArray positionBias, int batch, int length) {
        int heads = config.heads();
        int dKv = config.dKv();
        float eps = (float) config.eps();
        NDArray in = NativeOps.rmsNorm(x, b.attentionNorm(), eps);
        NDArray q = NativeOps.heads(in.matMul(b.q()), batch, length, heads, dKv);
        NDArray k = NativeOps.heads(in.matMul(b.k()), batch, length, heads, dKv);
        NDArray v = NativeOps.heads(in.matMul(b.v()), batch, length, heads, dKv);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).add(positionBias);
        NDArray context =
                scores.softmax(-1)
                        .matMul(v)
                        .transpose(0, 2, 1, 3)
                        .reshape(batch, length, config.innerDim());
        NDArray y = x.add(context.matMul(b.o()));
        NDArray f = NativeOps.rmsNorm(y, b.feedForwardNorm(), eps);
        NDArray hidden = f.matMul(b.wi());
        if (b.wiGate() != null) {
            hidden = activation(f.matMul(b.wiGate())).mul(hidden);
        } else {
            hidden = activation(hidden);
        }
        return y.add(hidden.matMul(b.wo()));
    }

    private NDArray activation(NDArray x) {
        return switch (config.activation()) {
            case "relu" -> x.maximum(0f);
            case "gelu" -> NativeOps.geluExact(x);
            default -> NativeOps.geluTanh(x);
        };
    }

    /** The bucket of each (query i, key j) pair, row-major; relative position is j − i. */
    private long[] buckets(int length) {
        long[] b = new long[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = 0; j < length; j++) {
                b[i * length + j] = bucket(j - i, config.buckets(), config.maxDistance());
            }
        }
        return b;
    }

    /**
     * T5's bidirectional bucket: half the buckets for keys after the query; within a half, exact
     * distances below a quarter of the buckets, then logarithmic bins up to {@code maxDistance}.
     * Computed in float32 as PyTorch does.
     */
    static int bucket(int relative, int buckets, int maxDistance) {
        int half = buckets / 2;
        int result = relative > 0 ? half : 0;
        int n = Math.abs(relative);
        int maxExact = half / 2;
        if (n < maxExact) {
            return result + n;
        }
        float log = (float) Math.log((float) n / maxExact);
        float scaled = log / (float) Math.log((double) maxDistance / maxExact) * (half - maxExact);
        return result + Math.min(maxExact + (int) scaled, half - 1);
    }
}
