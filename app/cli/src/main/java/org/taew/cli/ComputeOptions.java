package org.taew.cli;

import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.session.SessionRequest;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where and how texts are encoded: the options of every command that encodes. */
final class ComputeOptions {
    @Option(
            names = "--device",
            paramLabel = "cpu|gpu|auto",
            description =
                    "Where to encode (default: cpu). gpu needs DJL's PyTorch engine with CUDA (README, GPU);"
                            + " auto takes a GPU when there is one.")
    ComputeChoice.Device device = ComputeChoice.Device.CPU;

    @Option(
            names = "--engine",
            paramLabel = "auto|onnx|native",
            description =
                    "onnx: ONNX Runtime (CPU); native: the workbench's own encoder on DJL's PyTorch"
                            + " engine for BERT, RoBERTa, XLM-R, T5 (INSTRUCTOR), Qwen3 and Gemma 3"
                            + " (CPU or GPU; needs config.json, weights from model.safetensors or, for"
                            + " BERT-family models, the ONNX file); auto (default): ONNX Runtime for an"
                            + " ONNX model on the CPU, native for safetensors and on a GPU.")
    ComputeChoice.Engine engine = ComputeChoice.Engine.AUTO;

    @Option(
            names = "--half",
            description = "float16 weights and activations (native encoder on a GPU).")
    boolean half;

    @Option(
            names = "--precision",
            paramLabel = "fp32|int8|q4",
            description =
                    "The model's weights: fp32 (default); int8, its quantized ONNX file (the"
                            + " bundled models' int8 variants, or onnx/model_quantized.onnx and the like in"
                            + " a folder); or q4, its 4-bit ONNX file (onnx/model_q4.onnx). `taew models`"
                            + " lists what a folder has. int8 is faster on the CPU, q4 smaller; their"
                            + " results are marked as drafts to confirm in fp32.")
    Precision precision = Precision.FP32;

    @Option(
            names = "--batch-tokens",
            paramLabel = "N",
            defaultValue = "512",
            description = "Padded tokens per encoder batch (default: ${DEFAULT-VALUE}).")
    int batchTokens;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    int dimension;

    @Option(
            names = "--dim",
            paramLabel = "N",
            description =
                    "Matryoshka: keep the first N dimensions of each vector (after pooling and the"
                            + " model's Dense layers), normalised again (default: the model"
                            + " folder's truncate_dim when its config_sentence_transformers.json"
                            + " has one, else all; its full length reads such a folder uncut).")
    void dimension(int n) {
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--dim must be 1 or more, got " + n);
        }
        dimension = n;
    }

    @Option(
            names = "--no-cache",
            description = "Encode everything; do not read or write the embedding cache.")
    boolean noCache;

    ComputeChoice computeChoice() {
        return new ComputeChoice(device, engine, half);
    }

    EncoderOptions encoderOptions() {
        return new EncoderOptions(
                batchTokens,
                EncoderOptions.DEFAULT.maxBatchSize(),
                EncoderOptions.DEFAULT.intraOpThreads(),
                EncoderOptions.DEFAULT.workers());
    }

    /** These options on a request. */
    SessionRequest.Builder apply(SessionRequest.Builder b) {
        return b.optCompute(computeChoice())
                .optEncoder(encoderOptions())
                .optDimension(dimension)
                .optPrecision(precision)
                .optCache(!noCache);
    }
}
