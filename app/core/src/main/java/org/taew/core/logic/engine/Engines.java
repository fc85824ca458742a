package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.retrieval.VectorSearch;
import org.taew.core.logic.weights.BertWeights;
import org.taew.core.logic.weights.DecoderWeights;
import org.taew.core.logic.weights.NativeCheckpoint;
import org.taew.core.logic.weights.NativeWeights;
import org.taew.core.logic.weights.T5Weights;
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

    /**
     * An encoder on the CPU with the engine that suits the model file (see {@link ComputeChoice}).
     */
    public static Encoder openEncoder(ModelSpec model, EncoderOptions options)
            throws WorkbenchException {
        return openEncoder(model, options, ComputeChoice.CPU);
    }

    /**
     * An encoder where {@code choice} says: ONNX Runtime (CPU), TorchScript or the native
     * BERT-family encoder on DJL's PyTorch engine (CPU or a CUDA GPU).
     */
    public static Encoder openEncoder(ModelSpec model, EncoderOptions options, ComputeChoice choice)
            throws WorkbenchException {
        boolean gpu = useGpu(choice.device());
        String format = model.format();
        boolean nativeEngine =
                switch (choice.engine()) {
                    case NATIVE -> true;
                    case ONNX -> false;
                    case AUTO ->
                            format.equals("safetensors") || (gpu && !format.equals("torchscript"));
                };
        if (!nativeEngine && format.equals("safetensors")) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    model.dir()
                            + " holds model.safetensors, which only the native encoder runs (--engine native)");
        }
        if (!nativeEngine && gpu && format.equals("onnx")) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "ONNX Runtime runs on the CPU here (its GPU build is not bundled); on a GPU use the native"
                            + " encoder (--engine native or auto)");
        }
        if (choice.halfPrecision() && !(gpu && nativeEngine)) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "Half precision is for the native encoder on a GPU (--device gpu --engine native)");
        }
        Precision precision = Precision.of(model);
        if (nativeEngine && precision != Precision.FP32) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "The "
                            + precision.label()
                            + " weights "
                            + model.weights().getFileName()
                            + " run in ONNX Runtime on the CPU (--device cpu --engine onnx); the native"
                            + " encoder computes in float32 or float16 (precision fp32)");
        }
        Device device = gpu ? Device.gpu() : Device.cpu();
        if (!nativeEngine) {
            return DjlEncoder.open(model, options, device);
        }
        NativeCheckpoint weights =
                NativeWeights.load(model.dir(), format.equals("onnx") ? model.weights() : null);
        NativeModel transformer;
        DataType type = computeType(weights, choice.halfPrecision());
        try {
            if (weights instanceof BertWeights b) {
                transformer = new NativeBert(b, device, type);
            } else if (weights instanceof T5Weights t) {
                transformer = new NativeT5(t, device, type);
            } else {
                transformer = new NativeDecoder((DecoderWeights) weights, device, type);
            }
        } catch (RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "PyTorch could not take the weights of "
                            + model.dir()
                            + " on "
                            + device
                            + ": "
                            + e.getMessage(),
                    e);
        }
        return DjlEncoder.openNative(
                model,
                GpuBatching.options(options, transformer, device, model.maxLength()),
                transformer);
    }

    /**
     * What the native encoder computes in: float32, or float16 with half precision. bfloat16 is not
     * offered: DJL 0.36's PyTorch bridge aborts the whole JVM converting an array to it (seen on
     * the CPU build). Gemma 3 and T5 are refused in float16: their activations overflow it
     * (EmbeddingGemma's card says so).
     */
    static DataType computeType(NativeCheckpoint weights, boolean half) throws WorkbenchException {
        if (!half) {
            return DataType.FLOAT32;
        }
        String a = weights.architecture();
        if (a.startsWith("gemma") || a.equals("t5")) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    (a.equals("t5")
                                    ? "T5 encoders (INSTRUCTOR, GTR) do not run in float16: their"
                                            + " feed-forward output overflows it (Hugging Face keeps"
                                            + " it in float32)."
                                    : "Gemma 3 models (EmbeddingGemma) do not run in float16: their"
                                            + " activations overflow it.")
                            + " Run without half precision (on a GPU float32 is still fast)");
        }
        return DataType.FLOAT16;
    }

    /**
     * The native BERT-family encoder on the CPU: the transformer computed with DJL NDArray
     * operations on the PyTorch engine, from {@code model.safetensors} or the ONNX file's weights.
     */
    public static Encoder openNativeEncoder(ModelSpec model, EncoderOptions options)
            throws WorkbenchException {
        return openEncoder(
                model,
                options,
                new ComputeChoice(ComputeChoice.Device.CPU, ComputeChoice.Engine.NATIVE, false));
    }

    private static boolean useGpu(ComputeChoice.Device device) throws WorkbenchException {
        if (device == ComputeChoice.Device.CPU) {
            return false;
        }
        int gpus = gpuCount();
        if (device == ComputeChoice.Device.AUTO) {
            return gpus > 0;
        }
        if (gpus == 0) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "--device gpu: DJL's PyTorch engine sees no CUDA GPU. It is running "
                            + describe(SEARCH_ENGINE)
                            + " from the CPU build bundled with the workbench. For an NVIDIA GPU, install"
                            + " libtorch 2.7.1 for CUDA 12.8 and start with PYTORCH_LIBRARY_PATH=<libtorch>/lib"
                            + " PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128 (README, \"GPU\")");
        }
        return true;
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
        return EngineNames.describe(engineName);
    }
}
