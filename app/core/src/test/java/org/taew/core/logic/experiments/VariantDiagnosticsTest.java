package org.taew.core.logic.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.taew.core.model.Embeddings;

class VariantDiagnosticsTest {
    private static final Embeddings FULL =
            new Embeddings(new float[] {0.6f, 0.8f, 0f, 0f, 0f, 0.6f, 0f, 0.8f}, 2, 4);

    @Test
    void meanRowCosineComparesEachRowWithTheSameRow() {
        Embeddings swapped =
                new Embeddings(new float[] {0f, 0.6f, 0f, 0.8f, 0.6f, 0.8f, 0f, 0f}, 2, 4);
        assertThat(VariantDiagnostics.meanRowCosine(FULL, FULL)).isCloseTo(1.0, within(1e-6));
        assertThat(VariantDiagnostics.meanRowCosine(FULL, swapped)).isCloseTo(0.48, within(1e-6));
        assertThat(VariantDiagnostics.meanRowCosine(new Embeddings(new float[0], 0, 4), FULL))
                .isNaN();
    }
}
