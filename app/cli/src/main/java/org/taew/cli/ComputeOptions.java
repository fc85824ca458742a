package org.taew.cli;

import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.session.SessionRequest;
import picocli.CommandLine.Option;

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
                    "onnx: ONNX Runtime (CPU); native: the BERT-family encoder on DJL's PyTorch engine"
                            + " (CPU or GPU; needs config.json, weights from model.safetensors or the ONNX"
                            + " file); auto (default): ONNX Runtime on the CPU, native on a GPU.")
    ComputeChoice.Engine engine = ComputeChoice.Engine.AUTO;

    @Option(
            names = "--half",
            description = "float16 weights and activations (native encoder on a GPU).")
    boolean half;

    @Option(
            names = "--batch-tokens",
            paramLabel = "N",
            defaultValue = "512",
            description = "Padded tokens per encoder batch (default: ${DEFAULT-VALUE}).")
    int batchTokens;

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
        return b.optCompute(computeChoice()).optEncoder(encoderOptions()).optCache(!noCache);
    }
}
