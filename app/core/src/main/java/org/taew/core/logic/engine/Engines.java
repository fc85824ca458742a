package org.taew.core.logic.engine;

import ai.djl.engine.Engine;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.retrieval.VectorSearch;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;

/**
 * The one place that knows DJL: opens encoders and the NDArray similarity search. Everything else
 * in the workbench sees only {@link Encoder} and {@link VectorSearch}.
 */
public final class Engines {
    /** The engine that runs similarity search. */
    public static final String SEARCH_ENGINE = "PyTorch";

    private Engines() {}

    static {
        // Never reach for the network: natives come from the jars on the class path.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    public static Encoder openEncoder(ModelSpec model, EncoderOptions options)
            throws WorkbenchException {
        if (model.format().equals("safetensors")) {
            return openNativeEncoder(model, options);
        }
        return DjlEncoder.open(model, options);
    }

    /**
     * The native BERT-family encoder: the transformer computed with DJL NDArray operations on the
     * PyTorch engine, from {@code model.safetensors} or the ONNX file's weights.
     */
    public static Encoder openNativeEncoder(ModelSpec model, EncoderOptions options)
            throws WorkbenchException {
        org.taew.core.logic.weights.BertWeights weights =
                org.taew.core.logic.weights.NativeWeights.load(
                        model.dir(), model.format().equals("onnx") ? model.weights() : null);
        NativeBert bert;
        try {
            bert = new NativeBert(weights, ai.djl.Device.cpu());
        } catch (RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "PyTorch could not take the weights of " + model.dir() + ": " + e.getMessage(),
                    e);
        }
        return DjlEncoder.openNative(model, options, bert);
    }

    public static VectorSearch vectorSearch() {
        return new DjlVectorSearch(SEARCH_ENGINE, DjlVectorSearch.MAX_BLOCK_SCORES);
    }

    /** A search with a small block size, so tests can cover the block merging on little data. */
    public static VectorSearch vectorSearch(int maxBlockScores) {
        return new DjlVectorSearch(SEARCH_ENGINE, maxBlockScores);
    }

    /** How many CUDA GPUs DJL's PyTorch engine sees (0 when none or when it cannot tell). */
    public static int gpuCount() {
        try {
            return Engine.getEngine(SEARCH_ENGINE).getGpuCount();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The name and version of an engine, for reports; e.g. {@code OnnxRuntime 1.21.1}. */
    public static String describe(String engineName) {
        try {
            Engine e = Engine.getEngine(engineName);
            return e.getEngineName() + " " + e.getVersion();
        } catch (RuntimeException e) {
            return engineName + " (unavailable: " + e.getMessage() + ")";
        }
    }
}
