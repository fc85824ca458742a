package org.taew.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;

/**
 * The native encoder (BERT on DJL NDArrays, PyTorch engine) against ONNX Runtime on the same texts
 * and the same weights, in the same run: tokens per second on the CPU (and on a CUDA GPU when DJL
 * reports one), with the agreement of the vectors. Chooses nothing by itself; the defaults in
 * {@link ComputeChoice} follow what it printed (docs/benchmarks.md).
 */
final class NativeEngineBenchmark {
    private NativeEngineBenchmark() {}

    static void run(BenchTexts source) throws Exception {
        List<String> passages =
                source.passages(EncodingBenchmark.PASSAGES, EncodingBenchmark.PATTERN, 0);
        List<PreparedText> prepared = new ArrayList<>();
        for (String p : passages) {
            prepared.add(PreparedText.plain("passage: " + p));
        }
        ModelSpec spec = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2");
        System.out.printf(
                Locale.ROOT,
                "%n== Native encoder vs ONNX Runtime: e5-small-v2, %d passages ==%n",
                passages.size());
        long tokens;
        Embeddings reference;
        EncodingBenchmark.Result ort;
        try (Encoder e = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
            tokens =
                    e.countTokens(prepared.stream().map(PreparedText::text).toList()).stream()
                            .mapToLong(Encoder.TokenCount::tokens)
                            .sum();
            e.encode(prepared.subList(0, Math.min(64, prepared.size())), ProgressListener.NONE);
            ort =
                    EncodingBenchmark.time(
                            e.engine() + ", default options",
                            tokens,
                            () -> e.encode(prepared, ProgressListener.NONE));
            reference = e.encode(prepared, ProgressListener.NONE).vectors();
        }
        System.out.printf(Locale.ROOT, "Texts: %d tokens%n", tokens);
        List<EncodingBenchmark.Result> nativeRuns = new ArrayList<>();
        ComputeChoice cpuNative =
                new ComputeChoice(ComputeChoice.Device.CPU, ComputeChoice.Engine.NATIVE, false);
        // PyTorch threads each operator itself: one worker with its threads, or one worker per core
        for (EncoderOptions o :
                List.of(
                        new EncoderOptions(512, 64, 0, 1),
                        new EncoderOptions(2048, 64, 0, 1),
                        EncoderOptions.DEFAULT)) {
            try (Encoder e = Engines.openEncoder(spec, o, cpuNative)) {
                e.encode(prepared.subList(0, Math.min(64, prepared.size())), ProgressListener.NONE);
                String label =
                        String.format(
                                Locale.ROOT,
                                "native on CPU, %d worker(s), %d-token batches",
                                o.effectiveWorkers(),
                                o.batchTokenBudget());
                nativeRuns.add(
                        EncodingBenchmark.time(
                                label, tokens, () -> e.encode(prepared, ProgressListener.NONE)));
                Embeddings v = e.encode(prepared, ProgressListener.NONE).vectors();
                double min = 1;
                for (int i = 0; i < prepared.size(); i++) {
                    min = Math.min(min, reference.dot(i, v, i));
                }
                System.out.printf(
                        Locale.ROOT, "    lowest cosine to ONNX Runtime's vectors: %.7f%n", min);
            }
        }
        EncodingBenchmark.Result best = nativeRuns.get(0);
        for (EncodingBenchmark.Result r : nativeRuns) {
            if (r.seconds < best.seconds) {
                best = r;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "CPU: ONNX Runtime %.0f tok/s, native (best: %s) %.0f tok/s -> native / ONNX Runtime = %.2f%n",
                ort.tokensPerSecond(),
                best.name,
                best.tokensPerSecond(),
                best.tokensPerSecond() / ort.tokensPerSecond());
        if (Engines.gpuCount() > 0) {
            for (boolean half : new boolean[] {false, true}) {
                ComputeChoice gpu =
                        new ComputeChoice(
                                ComputeChoice.Device.GPU, ComputeChoice.Engine.NATIVE, half);
                try (Encoder e =
                        Engines.openEncoder(spec, new EncoderOptions(8192, 256, 0, 1), gpu)) {
                    e.encode(
                            prepared.subList(0, Math.min(64, prepared.size())),
                            ProgressListener.NONE);
                    EncodingBenchmark.Result r =
                            EncodingBenchmark.time(
                                    e.engine(),
                                    tokens,
                                    () -> e.encode(prepared, ProgressListener.NONE));
                    System.out.printf(
                            Locale.ROOT,
                            "GPU%s: %.0f tok/s = %.1f x ONNX Runtime on the CPU%n",
                            half ? " float16" : "",
                            r.tokensPerSecond(),
                            r.tokensPerSecond() / ort.tokensPerSecond());
                }
            }
        } else {
            System.out.println(
                    "GPU: none visible to DJL's PyTorch engine on this machine; not measured.");
        }
    }
}
