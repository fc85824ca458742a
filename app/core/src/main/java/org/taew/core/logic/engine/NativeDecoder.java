package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.weights.DecoderConfig;
import org.taew.core.logic.weights.DecoderWeights;
import org.taew.core.logic.weights.WeightSet;

/**
 * Qwen3 and Gemma 3 as embedders, with DJL NDArrays on PyTorch. Each layer: RMSNorm, grouped-query
 * attention (queries, keys and values projected without bias, RMSNorm per head on queries and keys,
 * rotary positions, scaled dot products under the mask), residual; RMSNorm, gated MLP, residual; a
 * final RMSNorm. Gemma 3 also normalises the attention and MLP outputs before their residuals,
 * scales the embeddings by √hidden, uses {@code (1 + w)} norm weights, and gives its sliding-window
 * layers their own rotary base.
 *
 * <p>Follows Hugging Face transformers' {@code modeling_qwen3.py} and {@code modeling_gemma3.py}
 * (with {@code masking_utils.py} for the causal, bidirectional and sliding-window masks), and the
 * Qwen3 and Gemma 3 technical reports. Causal models are padded on the left so that the last
 * position of every row is its last token; rotary positions count from 0 at the left edge of the
 * batch, as Hugging Face's do without explicit position ids, which shifts every position of a row
 * by the same amount and so leaves the attention scores as they are.
 */
final class NativeDecoder extends NativeTransformer {
    private record Layer(
            NDArray q,
            NDArray k,
            NDArray v,
            NDArray o,
            NDArray qNorm,
            NDArray kNorm,
            NDArray gate,
            NDArray up,
            NDArray down,
            NDArray[] norms) {}

    private final DecoderConfig config;
    private final NDArray embeddings;
    private final NDArray finalNorm;
    private final List<Layer> layers = new ArrayList<>();

    NativeDecoder(DecoderWeights w, Device device, DataType type) {
        super(device, type);
        this.config = w.config();
        try {
            WeightSet s = w.weights();
            embeddings = weights.array(s.get("embed_tokens.weight"));
            finalNorm = norm(s, "norm.weight");
            List<String> normNames = DecoderWeights.layerNorms(config);
            for (int l = 0; l < config.layers(); l++) {
                String p = "layers." + l + ".";
                NDArray[] norms = new NDArray[normNames.size()];
                for (int n = 0; n < norms.length; n++) {
                    norms[n] = norm(s, p + normNames.get(n) + ".weight");
                }
                layers.add(
                        new Layer(
                                linear(s, p + "self_attn.q_proj.weight"),
                                linear(s, p + "self_attn.k_proj.weight"),
                                linear(s, p + "self_attn.v_proj.weight"),
                                linear(s, p + "self_attn.o_proj.weight"),
                                norm(s, p + "self_attn.q_norm.weight"),
                                norm(s, p + "self_attn.k_norm.weight"),
                                linear(s, p + "mlp.gate_proj.weight"),
                                linear(s, p + "mlp.up_proj.weight"),
                                linear(s, p + "mlp.down_proj.weight"),
                                norms));
            }
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    private NDArray linear(WeightSet s, String name) {
        return weights.matrix(s.get(name), false);
    }

    private NDArray norm(WeightSet s, String name) {
        return config.gemma() ? weights.floatsPlus(s.get(name), 1f) : weights.floats(s.get(name));
    }

    @Override
    public boolean leftPadding() {
        return !config.bidirectional();
    }

    @Override
    public long activationFloatsPerToken(int length) {
        long q = (long) config.heads() * config.headDim();
        long kv = (long) config.kvHeads() * config.headDim();
        return 12L * config.hidden()
                + 20 * q
                + 6 * kv
                + 4L * config.heads() * length
                + 12L * config.intermediate();
    }

    @Override
    public String architecture() {
        return config.modelType();
    }

    @Override
    public NDArray forward(
            NDManager m, long[] ids, long[] mask, long[] types, int batch, int length) {
        int h = config.hidden();
        int hd = config.headDim();
        float eps = (float) config.eps();
        NDArray x = lookup(m, embeddings, ids, batch, length);
        if (config.gemma()) {
            x = x.mul((float) Math.sqrt(h));
        }
        NDArray fullBias =
                NativeOps.attentionBias(
                        m,
                        mask,
                        batch,
                        length,
                        allowed(length, false),
                        weights.type(),
                        weights.masked());
        NDArray slidingBias = null;
        NDList globalRotary =
                NativeOps.rotaryTables(m, length, hd, config.ropeTheta(), weights.type());
        NDList localRotary = null;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            NDArray bias = fullBias;
            NDList rotary = globalRotary;
            if (config.sliding(l)) {
                if (slidingBias == null) {
                    slidingBias =
                            NativeOps.attentionBias(
                                    m,
                                    mask,
                                    batch,
                                    length,
                                    allowed(length, true),
                                    weights.type(),
                                    weights.masked());
                    localRotary =
                            NativeOps.rotaryTables(
                                    m, length, hd, config.localRopeTheta(), weights.type());
                }
                bias = slidingBias;
                rotary = localRotary;
            }
            NDArray layerBias = bias;
            NDList layerRotary = rotary;
            x = layer(m, x, in -> block(in, layer, layerBias, layerRotary, batch, length));
        }
        x = NativeOps.rmsNorm(x, finalNorm, eps);
        return x.toType(DataType.FLOAT32, false);
    }

    /** One layer: attention, then the MLP, each with its norms and residual. */
    private NDArray block(
            NDArray x, Layer layer, NDArray bias, NDList rotary, int batch, int length) {
        int hd = config.headDim();
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        float eps = (float) config.eps();
        NDArray in = NativeOps.rmsNorm(x, layer.norms()[0], eps);
        NDArray q =
                NativeOps.rmsNorm(
                                in.matMul(layer.q()).reshape(batch, length, heads, hd),
                                layer.qNorm(),
                                eps)
                        .transpose(0, 2, 1, 3);
        NDArray k =
                NativeOps.rmsNorm(
                                in.matMul(layer.k()).reshape(batch, length, kvHeads, hd),
                                layer.kNorm(),
                                eps)
                        .transpose(0, 2, 1, 3);
        NDArray v = NativeOps.heads(in.matMul(layer.v()), batch, length, kvHeads, hd);
        q = NativeOps.rotate(q, rotary);
        k = NativeOps.repeatHeads(NativeOps.rotate(k, rotary), heads / kvHeads);
        v = NativeOps.repeatHeads(v, heads / kvHeads);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(config.queryScale()).add(bias);
        NDArray context =
                scores.softmax(-1)
                        .matMul(v)
                        .transpose(0, 2, 1, 3)
                        .reshape(batch, length, (long) heads * hd);
        NDArray attention = context.matMul(layer.o());
        if (config.gemma()) {
            NDArray y = x.add(NativeOps.rmsNorm(attention, layer.norms()[1], eps));
            NDArray mlp = mlp(NativeOps.rmsNorm(y, layer.norms()[2], eps), layer);
            return y.add(NativeOps.rmsNorm(mlp, layer.norms()[3], eps));
        }
        NDArray y = x.add(attention);
        return y.add(mlp(NativeOps.rmsNorm(y, layer.norms()[1], eps), layer));
    }

    private NDArray mlp(NDArray x, Layer layer) {
        NDArray gate = x.matMul(layer.gate());
        NDArray act = config.gemma() ? NativeOps.geluTanh(gate) : NativeOps.silu(gate);
        return act.mul(x.matMul(layer.up())).matMul(layer.down());
    }

    /**
     * Which key each query may see, padding aside: causal or bidirectional, within the window on
     * sliding layers; null when every key is allowed.
     */
    private float[] allowed(int length, boolean sliding) {
        if (config.bidirectional() && (!sliding || config.window() >= length)) {
            return null;
        }
        float[] a = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = 0; j < length; j++) {
                int d = i - j;
                boolean ok = config.bidirectional() || d >= 0;
                if (sliding) {
                    ok &= Math.abs(d) < config.window();
                }
                a[i * length + j] = ok ? 1f : 0f;
            }
        }
        return a;
    }
}
