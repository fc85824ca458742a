package org.taew.core.logic.encoding;

/**
 * Where and with what an encoder runs.
 *
 * @param device {@code AUTO} takes a CUDA GPU when DJL's PyTorch engine reports one, else the CPU
 * @param engine {@code AUTO} takes, on the CPU, ONNX Runtime for ONNX models (measured faster here,
 *     docs/benchmarks.md) and the native encoder for safetensors folders; on a GPU, the native
 *     encoder (ONNX Runtime's Java build here runs on the CPU only)
 * @param halfPrecision run the native encoder in float16 (GPU only; not Gemma 3, whose activations
 *     overflow it)
 */
public record ComputeChoice(Device device, Engine engine, boolean halfPrecision) {
    /** The default: the CPU, with the engine that suits the model file. */
    public static final ComputeChoice CPU = new ComputeChoice(Device.CPU, Engine.AUTO, false);

    /** The device asked for. */
    public enum Device {
        AUTO,
        CPU,
        GPU
    }

    /** The engine asked for. */
    public enum Engine {
        AUTO,
        /** ONNX Runtime through DJL (ONNX models), or PyTorch for a TorchScript model. */
        ONNX,
        /** The BERT-family encoder computed with DJL NDArrays on PyTorch. */
        NATIVE
    }

    /** A short tag of what changes vectors beyond the model (empty for the reference engine). */
    public static String cacheTag(boolean nativeEngine, boolean half) {
        return cacheTag(nativeEngine, half ? "float16" : "");
    }

    /**
     * The tag of the native encoder computing in {@code precision} ({@code float16}, {@code
     * bfloat16}, or empty for float32).
     */
    public static String cacheTag(boolean nativeEngine, String precision) {
        if (!nativeEngine) {
            return "";
        }
        return switch (precision) {
            case "" -> ";engine=native";
            case "float16" -> ";engine=native-fp16";
            default -> ";engine=native-" + precision;
        };
    }
}
