package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.weights.NativeCheckpoint;
import org.taew.core.logic.weights.NativeWeights;
import org.taew.core.testing.TinyModels;

/**
 * Half precision, a GPU's (PyTorch's CPU kernels compute float16 too, so it is checked here): the
 * hidden states stay close to float32's, and Gemma 3, whose activations overflow float16, is
 * refused.
 */
class HalfPrecisionTest {
    @TempDir Path dir;

    @Test
    void float16IsTheHalfTypeExceptForGemma() throws Exception {
        NativeCheckpoint qwen = NativeWeights.load(TinyModels.copy("qwen3", dir), null);
        assertThat(Engines.computeType(qwen, false)).isEqualTo(DataType.FLOAT32);
        assertThat(Engines.computeType(qwen, true)).isEqualTo(DataType.FLOAT16);
        NativeCheckpoint gemma = NativeWeights.load(TinyModels.copy("gemma3", dir), null);
        assertThat(Engines.computeType(gemma, false)).isEqualTo(DataType.FLOAT32);
        assertThatThrownBy(() -> Engines.computeType(gemma, true))
                .hasMessageContaining("do not run in float16");
    }

    @Test
    void float16HiddenStatesStayCloseToFloat32() throws Exception {
        for (String arch : new String[] {"qwen3", "t5"}) {
            NativeCheckpoint w = NativeWeights.load(TinyModels.copy(arch, dir.resolve(arch)), null);
            long[] ids = {5, 10, 11, 12, 13, 14, 15, 1, 6, 20, 21, 1, 0, 0, 0, 0};
            long[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
            float[] full = hidden(w, DataType.FLOAT32, ids, mask);
            float[] half = hidden(w, DataType.FLOAT16, ids, mask);
            int h = full.length / ids.length;
            for (int tok = 0; tok < ids.length; tok++) {
                if (mask[tok] == 0) {
                    continue;
                }
                double dot = 0;
                double a = 0;
                double b = 0;
                for (int d = 0; d < h; d++) {
                    dot += (double) full[tok * h + d] * half[tok * h + d];
                    a += (double) full[tok * h + d] * full[tok * h + d];
                    b += (double) half[tok * h + d] * half[tok * h + d];
                }
                assertThat(dot / Math.sqrt(a * b)).as(arch + " token " + tok).isGreaterThan(0.999);
            }
        }
    }

    private static float[] hidden(NativeCheckpoint w, DataType type, long[] ids, long[] mask) {
        try (NativeModel m = TinyModelsTest.open(w, type);
                NDManager batch = m.newBatchManager()) {
            assertThat(m.precision()).isEqualTo(type == DataType.FLOAT16 ? "float16" : "");
            return m.forward(batch, ids, mask, new long[ids.length], 2, ids.length / 2)
                    .toFloatArray();
        }
    }
}
