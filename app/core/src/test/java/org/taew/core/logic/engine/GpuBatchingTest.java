package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.weights.NativeWeights;
import org.taew.core.testing.TinyModels;

class GpuBatchingTest {
    @TempDir Path dir;

    @Test
    void aBatchTakesHalfTheFreeMemoryWithinItsBounds() {
        // 1 GB free, 100,000 float32 values a token: 500 MB / 400 kB = 1,250 tokens
        assertThat(GpuBatching.tokenBudget(1_000_000_000L, 100_000, 4, 512)).isEqualTo(1250);
        // float16 halves what a token takes
        assertThat(GpuBatching.tokenBudget(1_000_000_000L, 100_000, 2, 512)).isEqualTo(2500);
        // never less than one text of the model's length, never more than the cap
        assertThat(GpuBatching.tokenBudget(10_000_000L, 100_000, 4, 512)).isEqualTo(512);
        assertThat(GpuBatching.tokenBudget(1L << 40, 100_000, 4, 512))
                .isEqualTo(GpuBatching.MAX_TOKENS);
    }

    @Test
    void onTheCpuTheOptionsStayAndLongerRowsTakeMorePerToken() throws Exception {
        try (NativeModel m =
                TinyModelsTest.open(NativeWeights.load(TinyModels.copy("qwen3", dir), null))) {
            assertThat(GpuBatching.options(EncoderOptions.DEFAULT, m, Device.cpu(), 64))
                    .isSameAs(EncoderOptions.DEFAULT);
            assertThat(m.activationFloatsPerToken(512))
                    .isGreaterThan(m.activationFloatsPerToken(64));
        }
    }
}
