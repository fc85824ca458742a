package org.taew.core.logic.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/** The NDArray building blocks the native transformers share. */
final class NativeOps {
    private NativeOps() {}

    /**
     * RMS norm over the last axis, computed in float32: {@code x / sqrt(mean(x²) + eps) * w} (Zhang
     * and Sennrich 2019; T5, Qwen3, and Gemma with {@code w = 1 + weight}).
     */
    static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        boolean half = x.getDataType() != DataType.FLOAT32;
        NDArray f = half ? x.toType(DataType.FLOAT32, false) : x;
        NDArray y = f.div(f.square().mean(new int[] {-1}, true).add(eps).sqrt()).mul(weight);
        return half ? y.toType(x.getDataType(), false) : y;
    }

    /** GELU with the tanh approximation: {@code 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))}. */
    static NDArray geluTanh(NDArray x) {
        NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
        return x.mul(0.5f).mul(inner.tanh().add(1f));
    }

    /** Exact GELU: {@code 0.5 x (1 + erf(x / √2))}. */
    static NDArray geluExact(NDArray x) {
        return x.mul(0.5f).mul(x.mul((float) (1 / Math.sqrt(2))).erf().add(1f));
    }

    /** SiLU (swish): {@code x · sigmoid(x)}. */
    static NDArray silu(NDArray x) {
        return Activation.sigmoid(x).mul(x);
    }

    /** {@code [b, len, heads·size]} to {@code [b, heads, len, size]}. */
    static NDArray heads(NDArray x, int batch, int length, int heads, int size) {
        return x.reshape(batch, length, heads, size).transpose(0, 2, 1, 3);
    }

    /** {@code [b, kvHeads, len, size]} with each key/value head repeated for its query heads. */
    static NDArray repeatHeads(NDArray x, int repeats) {
        if (repeats == 1) {
            return x;
        }
        Shape s = x.getShape();
        return x.expandDims(2)
                .broadcast(s.get(0), s.get(1), repeats, s.get(2), s.get(3))
                .reshape(s.get(0), s.get(1) * repeats, s.get(2), s.get(3));
    }

    /**
     * Rotary position tables {@code [1, 1, length, dim]} for positions {@code 0 … length-1}: cos
     * and sin of {@code position · base^(-2i/dim)}, each frequency twice (the halves layout of
     * Hugging Face's {@code rotate_half}), computed in float32 as PyTorch does.
     */
    static NDList rotaryTables(NDManager m, int length, int dim, double base, DataType type) {
        int half = dim / 2;
        float[] inv = new float[half];
        for (int i = 0; i < half; i++) {
            inv[i] = (float) (1.0 / (float) Math.pow(base, (2.0 * i) / dim));
        }
        float[] cos = new float[length * dim];
        float[] sin = new float[length * dim];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < half; i++) {
                float angle = (float) p * inv[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * dim + i] = c;
                cos[p * dim + half + i] = c;
                sin[p * dim + i] = s;
                sin[p * dim + half + i] = s;
            }
        }
        Shape shape = new Shape(1, 1, length, dim);
        return new NDList(
                m.create(cos, shape).toType(type, false), m.create(sin, shape).toType(type, false));
    }

    /** {@code x·cos + rotate_half(x)·sin}, where rotate_half maps halves (a, b) to (−b, a). */
    static NDArray rotate(NDArray x, NDList tables) {
        long half = x.getShape().get(3) / 2;
        NDList parts = x.split(new long[] {half}, 3);
        NDArray rotated = NDArrays.concat(new NDList(parts.get(1).neg(), parts.get(0)), 3);
        return x.mul(tables.get(0)).add(rotated.mul(tables.get(1)));
    }

    /**
     * Attention bias {@code [batch, 1, length, length]}: 0 where a query may attend to a key, a
     * very large negative number elsewhere (padding keys, and what {@code allowed} forbids).
     *
     * @param allowed {@code [length · length]}, 1 where query i may see key j whatever the padding
     *     (null: all)
     */
    static NDArray attentionBias(
            NDManager m,
            long[] mask,
            int batch,
            int length,
            float[] allowed,
            DataType type,
            float masked) {
        NDArray keys =
                m.create(mask, new Shape(batch, 1, 1, length)).toType(DataType.FLOAT32, false);
        NDArray open =
                allowed == null
                        ? keys
                        : keys.mul(m.create(allowed, new Shape(1, 1, length, length)));
        return open.neg().add(1f).mul(masked).toType(type, false);
    }
}
