package org.taew.core.logic.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
    @TempDir Path dir;

    @Test
    void readsF32F16AndBf16Exactly() throws Exception {
        Path f = dir.resolve("model.safetensors");
        float[] values = {1f, -2.5f, 0.33325195f, 65504f, 6.1035156e-05f, 0f};
        new SafetensorsWriter()
                .add("a.f32", DType.F32, new long[] {2, 3}, values)
                .add("b.f16", DType.F16, new long[] {6}, values)
                .add(
                        "c.bf16",
                        DType.BF16,
                        new long[] {3, 2},
                        new float[] {1f, -2.5f, 0.5f, 256f, -0.0078125f, 3f})
                .write(f);

        Map<String, Tensor> t = SafetensorsFile.read(f);

        assertThat(t.get("a.f32").shape()).containsExactly(2, 3);
        assertThat(t.get("a.f32").floats()).containsExactly(values);
        // every value above is exactly representable in half precision, the last two as
        // (sub)normals
        assertThat(t.get("b.f16").floats()).containsExactly(values);
        assertThat(t.get("c.bf16").floats())
                .containsExactly(1f, -2.5f, 0.5f, 256f, -0.0078125f, 3f);
    }

    @Test
    void halfPrecisionSubnormalsInfinityAndNanWiden() {
        assertThat(Float.intBitsToFloat(Tensor.halfToFloatBits((short) 0x0001)))
                .isEqualTo(5.9604645e-8f);
        assertThat(Float.intBitsToFloat(Tensor.halfToFloatBits((short) 0x7c00)))
                .isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float.intBitsToFloat(Tensor.halfToFloatBits((short) 0xfc00)))
                .isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Float.intBitsToFloat(Tensor.halfToFloatBits((short) 0x7e00))).isNaN();
        assertThat(Float.intBitsToFloat(Tensor.halfToFloatBits((short) 0x8000))).isEqualTo(-0f);
    }

    @Test
    void aHeaderLongerThanTheFileIsRefusedWithoutAllocatingIt() throws Exception {
        Path f = dir.resolve("lying.safetensors");
        SafetensorsWriter.raw(f, 1L << 62, "{}", 0);
        assertThatThrownBy(() -> SafetensorsFile.read(f))
                .isInstanceOf(MalformedWeightsException.class)
                .hasMessageContaining(
                        "lying.safetensors: the header claims 4611686018427387904 bytes");
    }

    @Test
    void aTruncatedFileIsReportedNotReadPastItsEnd() throws Exception {
        Path whole = dir.resolve("whole.safetensors");
        new SafetensorsWriter().add("w", DType.F32, new long[] {4, 4}, new float[16]).write(whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> SafetensorsFile.read(cut))
                .isInstanceOf(MalformedWeightsException.class)
                .hasMessageContaining("w has data_offsets outside the file's 54 data bytes");
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafetensorsFile.read(tiny)).hasMessageContaining("too short");
    }

    @Test
    void shapesOffsetsAndDtypesAreChecked() throws Exception {
        String[][] cases = {
            {
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",
                "w has 8 bytes for 3 values of F32"
            },
            {
                "{\"w\":{\"dtype\":\"I8\",\"shape\":[8],\"data_offsets\":[0,8]}}",
                "w has dtype \"I8\""
            },
            {
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                "overlapping"
            },
            {
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}",
                "impossible shape"
            },
            {
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}",
                "data_offsets outside"
            },
            {"{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", "w has no data_offsets list"},
            {"[1,2]", "the header is not a JSON object"},
            {"{not json", "the header is not valid JSON"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("case.safetensors");
            SafetensorsWriter.raw(f, c[0].getBytes(StandardCharsets.UTF_8).length, c[0], 8);
            assertThatThrownBy(() -> SafetensorsFile.read(f))
                    .as(c[0])
                    .isInstanceOf(MalformedWeightsException.class)
                    .hasMessageContaining(c[1]);
        }
    }
}
