package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.weights.BertConfig;
import org.taew.core.logic.weights.BertWeights;
import org.taew.core.logic.weights.Tensor;

/**
 * A BERT-family encoder computed with DJL NDArray operations on the PyTorch engine: embeddings
 * (word + position + token type) and LayerNorm, then per layer masked multi-head self-attention and
 * the feed-forward block, each with its residual and LayerNorm (post-norm, as BERT, RoBERTa and
 * XLM-R). Returns the last hidden state; pooling and normalisation are the encoder's. Safe to call
 * from several threads: the weights are only read.
 */
final class NativeBert implements AutoCloseable {
    private record Linear(NDArray weight, NDArray bias) {
        NDArray apply(NDArray x) {
            return x.matMul(weight).add(bias);
        }
    }

    private record Norm(NDArray gamma, NDArray beta) {}

    private record Layer(
            Linear query,
            Linear key,
            Linear value,
            Linear attentionOut,
            Norm attentionNorm,
            Linear intermediate,
            Linear output,
            Norm outputNorm) {}

    private final BertConfig config;
    private final NDManager weights;
    private final NDArray wordEmbeddings;
    private final NDArray positionEmbeddings;
    private final NDArray typeEmbeddings;
    private final Norm embeddingNorm;
    private final List<Layer> layers = new ArrayList<>();
    private final float scale;
    private final boolean half;
    private final Device device;

    /**
     * @param half keep the weights and compute in float16 (for GPUs; the output is float32)
     */
    NativeBert(BertWeights w, Device device, boolean half) {
        this.config = w.config();
        this.half = half;
        this.device = device;
        this.weights = Engine.getEngine("PyTorch").newBaseManager(device);
        try {
            wordEmbeddings = array(w, "embeddings.word_embeddings.weight");
            positionEmbeddings = array(w, "embeddings.position_embeddings.weight");
            typeEmbeddings = array(w, "embeddings.token_type_embeddings.weight");
            embeddingNorm = norm(w, "embeddings.LayerNorm");
            for (int l = 0; l < config.layers(); l++) {
                String p = "encoder.layer." + l + ".";
                layers.add(
                        new Layer(
                                linear(w, p + "attention.self.query"),
                                linear(w, p + "attention.self.key"),
                                linear(w, p + "attention.self.value"),
                                linear(w, p + "attention.output.dense"),
                                norm(w, p + "attention.output.LayerNorm"),
                                linear(w, p + "intermediate.dense"),
                                linear(w, p + "output.dense"),
                                norm(w, p + "output.LayerNorm")));
            }
            scale = (float) (1 / Math.sqrt(config.headSize()));
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    private NDArray array(BertWeights w, String name) {
        Tensor t = w.get(name);
        NDArray a = weights.create(t.floats(), new Shape(t.shape()));
        if (!half) {
            return a;
        }
        NDArray h = a.toType(DataType.FLOAT16, false);
        a.close();
        return h;
    }

    /** Linear weights are kept {@code [in, out]}, so a layer is {@code x @ W + b}. */
    private Linear linear(BertWeights w, String prefix) {
        NDArray weight = array(w, prefix + ".weight");
        if (!w.inputMajor(prefix + ".weight")) {
            NDArray t = weight.transpose().duplicate();
            weight.close();
            weight = t;
        }
        return new Linear(weight, array(w, prefix + ".bias"));
    }

    private Norm norm(BertWeights w, String prefix) {
        return new Norm(array(w, prefix + ".weight"), array(w, prefix + ".bias"));
    }

    Device device() {
        return device;
    }

    boolean half() {
        return half;
    }

    /** A manager for one batch's arrays, on the weights' device. */
    NDManager newBatchManager() {
        return weights.newSubManager();
    }

    /**
     * The last hidden state {@code [batch, length, hidden]} of a right-padded batch.
     *
     * @param manager owns every array made on the way (close it after reading the result)
     */
    NDArray forward(
            NDManager manager, long[] ids, long[] mask, long[] types, int batch, int length) {
        int h = config.hiddenSize();
        int heads = config.heads();
        int hs = config.headSize();
        NDArray idArray = manager.create(ids, new Shape((long) batch * length));
        NDArray typeArray = manager.create(types, new Shape((long) batch * length));
        NDArray positions =
                manager.arange(config.positionOffset(), config.positionOffset() + length)
                        .toType(DataType.INT64, false);
        NDArray x =
                wordEmbeddings
                        .get(manager, new NDIndex("{}", idArray))
                        .add(typeEmbeddings.get(manager, new NDIndex("{}", typeArray)))
                        .reshape(batch, length, h)
                        .add(
                                positionEmbeddings
                                        .get(manager, new NDIndex("{}", positions))
                                        .expandDims(0));
        x = layerNorm(x, embeddingNorm);
        // 0 where a token may be attended to, a very large negative number at padding
        NDArray bias =
                manager.create(mask, new Shape(batch, 1, 1, length))
                        .toType(half ? DataType.FLOAT16 : DataType.FLOAT32, false)
                        .neg()
                        .add(1f)
                        .mul(half ? -65504f : -1e30f);
        for (Layer layer : layers) {
            NDArray q = heads(layer.query().apply(x), batch, length, heads, hs);
            NDArray k = heads(layer.key().apply(x), batch, length, heads, hs);
            NDArray v = heads(layer.value().apply(x), batch, length, heads, hs);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).add(bias);
            NDArray context =
                    scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, h);
            x = layerNorm(layer.attentionOut().apply(context).add(x), layer.attentionNorm());
            NDArray inner = activation(layer.intermediate().apply(x));
            x = layerNorm(layer.output().apply(inner).add(x), layer.outputNorm());
        }
        return half ? x.toType(DataType.FLOAT32, false) : x;
    }

    private static NDArray heads(NDArray x, int batch, int length, int heads, int hs) {
        return x.reshape(batch, length, heads, hs).transpose(0, 2, 1, 3);
    }

    private NDArray layerNorm(NDArray x, Norm n) {
        return LayerNorm.layerNorm(
                        x,
                        new Shape(config.hiddenSize()),
                        n.gamma(),
                        n.beta(),
                        (float) config.layerNormEps())
                .singletonOrThrow();
    }

    private NDArray activation(NDArray x) {
        return switch (config.hiddenAct()) {
            case "relu" -> x.maximum(0f);
            case "gelu_new", "gelu_pytorch_tanh" -> {
                // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
                NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
                yield x.mul(0.5f).mul(inner.tanh().add(1f));
            }
            // exact GELU: 0.5 x (1 + erf(x / sqrt 2))
            default -> x.mul(0.5f).mul(x.mul((float) (1 / Math.sqrt(2))).erf().add(1f));
        };
    }

    @Override
    public void close() {
        weights.close();
    }
}
