package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.weights.DType;
import org.taew.core.logic.weights.DenseLayer;
import org.taew.core.logic.weights.SafetensorsWriter;
import org.taew.core.model.Pooling;

/**
 * The sentence-transformers head on a hand-made batch of two rows, three positions and two
 * dimensions, against vectors computed by hand.
 */
class SentenceHeadTest {
    private static final Offset<Float> EPS = within(1e-6f);

    /** Row 0: three tokens (1,2) (3,4) (5,6); row 1: two tokens (2,0) (4,2), then padding. */
    private static final float[] RIGHT_PADDED = {1, 2, 3, 4, 5, 6, 2, 0, 4, 2, 9, 9};

    /** The same rows with row 1 padded on the left. */
    private static final float[] LEFT_PADDED = {1, 2, 3, 4, 5, 6, 9, 9, 2, 0, 4, 2};

    private static final long[] TOKENS_SHAPE = {2, 3, 2};
    private static final int[] TOKENS = {3, 2};

    @TempDir Path dir;

    private static float[][] vectors(
            SentenceHead head, float[] out, boolean left, int... excluded) {
        return head.vectors(out, TOKENS_SHAPE, left, TOKENS, excluded);
    }

    @Test
    void meanPoolingLeavesTheInstructionsTokensOutButNeverAllOfThem() {
        SentenceHead mean = new SentenceHead(Pooling.MEAN, List.of(), false);
        float[][] all = vectors(mean, RIGHT_PADDED, false, 0, 0);
        assertThat(all[0]).containsExactly(new float[] {3, 4}, EPS);
        assertThat(all[1]).containsExactly(new float[] {3, 1}, EPS);
        // row 0 without its first token: mean of (3,4) (5,6); row 1 would keep nothing: all count
        float[][] prompted = vectors(mean, RIGHT_PADDED, false, 1, 2);
        assertThat(prompted[0]).containsExactly(new float[] {4, 5}, EPS);
        assertThat(prompted[1]).containsExactly(new float[] {3, 1}, EPS);
        assertThat(vectors(mean, LEFT_PADDED, true, 0, 0)[1])
                .containsExactly(new float[] {3, 1}, EPS);
    }

    @Test
    void clsTakesTheFirstTokenAndLastTokenTheLastAfterLeftPadding() {
        float[][] cls =
                vectors(new SentenceHead(Pooling.CLS, List.of(), false), RIGHT_PADDED, false, 1, 1);
        assertThat(cls[0]).containsExactly(new float[] {1, 2}, EPS);
        assertThat(cls[1]).containsExactly(new float[] {2, 0}, EPS);
        float[][] last =
                vectors(
                        new SentenceHead(Pooling.LASTTOKEN, List.of(), false),
                        LEFT_PADDED,
                        true,
                        0,
                        0);
        assertThat(last[0]).containsExactly(new float[] {5, 6}, EPS);
        assertThat(last[1]).containsExactly(new float[] {4, 2}, EPS);
    }

    @Test
    void denseThenNormalizeFollowPooling() throws Exception {
        // W = [[1, 0], [1, 1]], b = (0, 1): (x, y) -> (x, x + y + 1)
        Files.writeString(dir.resolve("config.json"), "{\"in_features\": 2, \"out_features\": 2}");
        new SafetensorsWriter()
                .add("linear.weight", DType.F32, new long[] {2, 2}, new float[] {1, 0, 1, 1})
                .add("linear.bias", DType.F32, new long[] {2}, new float[] {0, 1})
                .write(dir.resolve("model.safetensors"));
        SentenceHead head = new SentenceHead(Pooling.MEAN, List.of(DenseLayer.read(dir)), true);
        float[][] v = vectors(head, RIGHT_PADDED, false, 1, 0);
        // (4, 5) -> (4, 10) / sqrt(116); (3, 1) -> (3, 5) / sqrt(34)
        float a = (float) Math.sqrt(116);
        float b = (float) Math.sqrt(34);
        assertThat(v[0]).containsExactly(new float[] {4 / a, 10 / a}, EPS);
        assertThat(v[1]).containsExactly(new float[] {3 / b, 5 / b}, EPS);
    }

    @Test
    void vectorsTheModelPooledItselfAreOnlyNormalizedAndZeroStaysZero() {
        SentenceHead head = new SentenceHead(Pooling.CLS, List.of(), true);
        float[][] v =
                head.vectors(
                        new float[] {3, 4, 0, 0}, new long[] {2, 2}, false, TOKENS, new int[2]);
        assertThat(v[0]).containsExactly(new float[] {0.6f, 0.8f}, EPS);
        assertThat(v[1]).containsExactly(new float[] {0, 0}, EPS);
    }
}
