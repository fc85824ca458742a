package org.taew.core.logic.weights;

/** The weights of a model the native encoder runs, with the config that shapes them. */
public sealed interface NativeCheckpoint permits BertWeights, T5Weights, DecoderWeights {
    /** The {@code model_type} it was read as, e.g. {@code bert}, {@code t5}, {@code qwen3}. */
    String architecture();
}
