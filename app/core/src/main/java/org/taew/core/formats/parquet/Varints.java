package org.taew.core.formats.parquet;

import java.nio.ByteBuffer;

/**
 * The variable-length integers that Thrift's compact protocol and parquet's encodings share:
 * unsigned LEB128 and zigzag.
 */
final class Varints {
    private Varints() {}

    /**
     * Reads an unsigned LEB128 number at the buffer's position and leaves the position after it.
     */
    static long uleb(ByteBuffer in) throws FormatError {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.get() & 0xFF;
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new FormatError("a variable-length number longer than 10 bytes");
    }

    /** Undoes zigzag: 0, 1, 2, 3, … become 0, -1, 1, -2, …. */
    static long zigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }
}
