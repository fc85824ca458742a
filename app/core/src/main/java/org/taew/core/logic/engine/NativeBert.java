package org.taew.core.logic.engine;

import ai.djl.Device;
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

/**
 * A BERT-family encoder computed with DJL NDArray operations on the PyTorch engine: embeddings
 * (word + position + token type) and LayerNorm, then per layer masked multi-head self-attention and
 * the feed-forward block, each with its residual and LayerNorm (post-norm, as BERT, RoBERTa and
 * XLM-R). Returns the last hidden state; pooling and normalisation are the encoder's. Safe to call
 * from several threads: the weights are only read.
 */
final class NativeBert extends NativeTransformer {
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
    private final NDArray wordEmbeddings;
    private final NDArray positionEmbeddings;
    private final NDArray typeEmbeddings;
    private final Norm embeddingNorm;
    private final List<Layer> layers = new ArrayList<>();
    private final float scale;

    /**
     * @param type the compute type: float32, or a half type for GPUs (the output is float32)
     */
    NativeBert(BertWeights w, Device device, DataType type) {
        super(device, type);
        this.config = w.config();
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
        return weights.array(w.get(name));
    }

    /** Linear weights are kept {@code [in, out]}, so a layer is {@code x @ W + b}. */
    private Linear linear(BertWeights w, String prefix) {
        String name = prefix + ".weight";
        return new Linear(
                weights.matrix(w.get(name), w.inputMajor(name)), array(w, prefix + ".bias"));
    }

    private Norm norm(BertWeights w, String prefix) {
        return new Norm(array(w, prefix + ".weight"), array(w, prefix + ".bias"));
    }

    @Override
    public long activationFloatsPerToken(int length) {
        return 32L * config.hiddenSize()
                + 4L * config.heads() * length
                + 10L * config.intermediateSize();
    }

    @Override
    public String architecture() {
        return config.modelType();
    }

    /** The last hidden state {@code [batch, length, hidden]} of a right-padded batch. */
    @Override
    public NDArray forward(
            NDManager manager, long[] ids, long[] mask, long[] types, int batch, int length) {
        int h = config.hiddenSize();
        int heads = config.heads();
        int hs = config.headSize();
        NDArray positions =
                manager.arange(config.positionOffset(), config.positionOffset() + length)
                        .toType(DataType.INT64, false);
        NDArray x =
                lookup(manager, wordEmbeddings, ids, batch, length)
                        .add(lookup(manager, typeEmbeddings, types, batch, length))
                        .add(
                                positionEmbeddings
                                        .get(manager, new NDIndex("{}", positions))
                                        .expandDims(0));
        x = layerNorm(x, embeddingNorm);
        NDArray bias =
                NativeOps.attentionBias(
                        manager, mask, batch, length, null, weights.type(), weights.masked());
        for (Layer layer : layers) {
            x =
                    layer(
                            manager,
                            x,
                            in -> {
                                NDArray q =
                                        NativeOps.heads(
                                                layer.query().apply(in), batch, length, heads, hs);
                                NDArray k =
                                        NativeOps.heads(
                                                layer.key().apply(in), batch, length, heads, hs);
                                NDArray v =
                                        NativeOps.heads(
                                                layer.value().apply(in), batch, length, heads, hs);
                                NDArray scores =
                                        q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).add(bias);
                                NDArray context =
                                        scores.softmax(-1)
                                                .matMul(v)
                                                .transpose(0, 2, 1, 3)
                                                .reshape(batch, length, h);
                                NDArray y =
                                        layerNorm(
                                                layer.attentionOut().apply(context).add(in),
                                                layer.attentionNorm());
                                NDArray inner = activation(layer.intermediate().apply(y));
                                return layerNorm(
                                        layer.output().apply(inner).add(y), layer.outputNorm());
                            });
        }
        return half() ? x.toType(DataType.FLOAT32, false) : x;
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
            case "gelu_new", "gelu_pytorch_tanh" -> NativeOps.geluTanh(x);
            default -> NativeOps.geluExact(x);
        };
    }
}
