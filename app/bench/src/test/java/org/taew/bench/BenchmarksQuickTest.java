package org.taew.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.core.testing.TinyModels;

/**
 * Every benchmark of taew-bench runs through in quick mode ({@code --quick}: tiny input, the CPU,
 * no network) and prints its figures: a benchmark the code has broken fails the build. In one JVM
 * ONNX Runtime's environment must be DJL's (it sets a thread pool), so lengths and gemm, which run
 * ONNX Runtime directly (their matmul peaks), come last.
 */
class BenchmarksQuickTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    gpu-check     | GPU part skipped
                    reeval        | Same re-evaluation without the cache (baseline)
                    native        | native / ONNX Runtime =
                    encoding      | of the GEMM bound:
                    experiment    | History:
                    search        | held-out
                    bm25          | BM25 / dense =
                    architectures | of matmul rate
                    tune          | workers x 1 thread
                    int8-speed    | the texts, not the instructions, are measured here
                    precision     | engines: fp32
                    bigcorpus     | documents checked, 0 errors
                    lengths       | Long documents, default options:
                    gemm          | ONNX Runtime one MatMul 256^3
                    """)
    void runsThroughInQuickMode(String benchmark, String lastFigures) throws Exception {
        String out = run(benchmark);
        assertThat(out).contains("Quick mode").contains(lastFigures);
    }

    /**
     * The ONNX precisions benchmark on the tiny Qwen3 fixture's exports (its real-shape mode needs
     * a Python with torch and onnxruntime to export, which the build does not have).
     */
    @Test
    void onnxPrecisionsRunsThroughOnAFolderWithExports(@TempDir Path dir) throws Exception {
        Path folder =
                TinyModels.withOnnx(
                        "qwen3",
                        dir,
                        Map.of(
                                "model.onnx",
                                "model.onnx",
                                "model_quantized.onnx",
                                "model_quantized.onnx",
                                "model_q4.onnx",
                                "model_q4.onnx"));
        String out = run("onnx-precisions", "--folder", folder.toString(), "--tokens", "200");
        assertThat(out)
                .contains("Quick mode")
                .contains("native fp32")
                .contains("ONNX Runtime int8")
                .contains("ONNX Runtime q4")
                .contains("worst cos vs native");
        assertThat(folder.resolve("model.safetensors"))
                .as("the linked view is gone, not its files")
                .exists();
    }

    /** Runs one benchmark in quick mode and returns what it printed. */
    static String run(String benchmark, String... options) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(List.of(benchmark, "--quick"));
            args.addAll(List.of(options));
            Benchmarks.main(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }
}
