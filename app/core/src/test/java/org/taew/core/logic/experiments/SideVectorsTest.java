package org.taew.core.logic.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.evaluation.SideTemplate;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Side;

class SideVectorsTest {
    private static final ExperimentSpec.Variant GENERAL =
            new ExperimentSpec.Variant(
                    ExperimentSpec.GENERAL, InstructionPair.GENERAL, List.of(), 0);

    private static final Embeddings FULL =
            new Embeddings(new float[] {0.6f, 0.8f, 0f, 0f, 0f, 0.6f, 0f, 0.8f}, 2, 4);

    private static SideVectors vectors() {
        return new SideVectors(Map.of(SideTemplate.of(Side.QUERY, InstructionPair.GENERAL), FULL));
    }

    @Test
    void fullVectorsAreTheEncodedOnes() {
        assertThat(vectors().of(GENERAL, Side.QUERY)).isSameAs(FULL);
    }

    @Test
    void aDimensionIsCutOnceAndMadeUnitLengthAgain() {
        SideVectors v = vectors();
        Embeddings cut = v.of(GENERAL.at(2), Side.QUERY);
        assertThat(cut.rows()).isEqualTo(2);
        assertThat(cut.dim()).isEqualTo(2);
        assertThat(cut.dot(0, cut, 0)).isCloseTo(1.0, within(1e-6));
        assertThat(cut.dot(1, cut, 1)).isCloseTo(1.0, within(1e-6));
        assertThat(v.of(GENERAL.at(2), Side.QUERY)).isSameAs(cut);
    }
}
