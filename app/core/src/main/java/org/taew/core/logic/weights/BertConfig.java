package org.taew.core.logic.weights;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The shapes and constants of a BERT-family encoder, from Hugging Face's {@code config.json}.
 *
 * @param positionOffset where position ids start: 0 for BERT; {@code pad_token_id + 1} for RoBERTa
 *     and XLM-R, whose positions count from after the padding index
 */
public record BertConfig(
        String modelType,
        int hiddenSize,
        int heads,
        int layers,
        int intermediateSize,
        String hiddenAct,
        double layerNormEps,
        int maxPositions,
        int typeVocabSize,
        int positionOffset) {
    /** The architectures the native encoder runs. */
    public static final Set<String> SUPPORTED = Set.of("bert", "roberta", "xlm-roberta");

    private static final Set<String> ACTIVATIONS =
            Set.of("gelu", "gelu_new", "gelu_pytorch_tanh", "relu");

    public int headSize() {
        return hiddenSize / heads;
    }

    public boolean roberta() {
        return !modelType.equals("bert");
    }

    public static BertConfig read(Path file) throws MalformedWeightsException {
        return of(ConfigValues.read(file), file.toString());
    }

    static BertConfig of(JsonObject o, String file) throws MalformedWeightsException {
        String type = o.has("model_type") ? o.get("model_type").getAsString() : "";
        if (!SUPPORTED.contains(type)) {
            throw new MalformedWeightsException(
                    file
                            + ": model_type \""
                            + type
                            + "\" is not supported by the native encoder (supported: bert, roberta,"
                            + " xlm-roberta); use the ONNX Runtime engine for this model");
        }
        int hidden = positive(o, "hidden_size", file);
        int heads = positive(o, "num_attention_heads", file);
        if (hidden % heads != 0) {
            throw new MalformedWeightsException(
                    file
                            + ": hidden_size "
                            + hidden
                            + " is not a multiple of num_attention_heads "
                            + heads);
        }
        String act =
                o.has("hidden_act")
                        ? o.get("hidden_act").getAsString().toLowerCase(Locale.ROOT)
                        : "gelu";
        if (!ACTIVATIONS.contains(act)) {
            throw new MalformedWeightsException(
                    file
                            + ": hidden_act \""
                            + act
                            + "\" is not supported (supported: "
                            + ACTIVATIONS
                            + ")");
        }
        boolean roberta = !type.equals("bert");
        int pad =
                o.has("pad_token_id") && !o.get("pad_token_id").isJsonNull()
                        ? o.get("pad_token_id").getAsInt()
                        : 1;
        return new BertConfig(
                type,
                hidden,
                heads,
                positive(o, "num_hidden_layers", file),
                positive(o, "intermediate_size", file),
                act,
                o.has("layer_norm_eps") ? o.get("layer_norm_eps").getAsDouble() : 1e-12,
                positive(o, "max_position_embeddings", file),
                o.has("type_vocab_size") ? o.get("type_vocab_size").getAsInt() : 2,
                roberta ? pad + 1 : 0);
    }

    private static int positive(JsonObject o, String key, String file)
            throws MalformedWeightsException {
        return ConfigValues.positive(o, key, file);
    }
}
