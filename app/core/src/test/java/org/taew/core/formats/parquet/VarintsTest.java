package org.taew.core.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The variable-length integers the footer, page headers and delta encodings are written in. */
class VarintsTest {
    @Test
    void anUnsignedLeb128NumberIsReadAndThePositionLeftAfterIt() throws Exception {
        ByteBuffer in = ByteBuffer.wrap(new byte[] {(byte) 0x96, 0x01, 0x05});
        assertThat(Varints.uleb(in)).isEqualTo(150);
        assertThat(in.position()).isEqualTo(2);
        assertThat(Varints.uleb(in)).isEqualTo(5);
    }

    @Test
    void aNumberLongerThanTenBytesIsDamage() {
        byte[] endless = new byte[11];
        Arrays.fill(endless, (byte) 0x80);
        assertThatThrownBy(() -> Varints.uleb(ByteBuffer.wrap(endless)))
                .isInstanceOf(FormatError.class)
                .hasMessageContaining("longer than 10 bytes");
    }

    @Test
    void zigzagAlternatesBetweenNonNegativeAndNegativeNumbers() {
        assertThat(Varints.zigzag(0)).isZero();
        assertThat(Varints.zigzag(1)).isEqualTo(-1);
        assertThat(Varints.zigzag(2)).isEqualTo(1);
        assertThat(Varints.zigzag(3)).isEqualTo(-2);
        assertThat(Varints.zigzag(0xFFFFFFFFFFFFFFFEL)).isEqualTo(Long.MAX_VALUE);
    }
}
