package org.taew.core.formats.parquet;

import static org.taew.core.formats.parquet.Varints.uleb;
import static org.taew.core.formats.parquet.Varints.zigzag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Parquet's value and level encodings, as the format specification describes them: the RLE /
 * bit-packing hybrid (levels, dictionary indices, booleans), DELTA_BINARY_PACKED, the two delta
 * byte-array encodings and BYTE_STREAM_SPLIT. Every method reads from a little-endian buffer at its
 * position and leaves the position after what it read.
 */
final class Encodings {
    private Encodings() {}

    /** Reads {@code count} values of the RLE / bit-packing hybrid (no length prefix). */
    static int[] rleHybrid(ByteBuffer in, int bitWidth, int count) throws FormatError {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new FormatError("a bit width of " + bitWidth + " in run-length encoded data");
        }
        int[] out = new int[count];
        int filled = 0;
        int valueBytes = (bitWidth + 7) / 8;
        while (filled < count) {
            long header = uleb(in);
            if ((header & 1) == 0) {
                long run = header >>> 1;
                int value = 0;
                for (int i = 0; i < valueBytes; i++) {
                    value |= (in.get() & 0xFF) << (8 * i);
                }
                if (run == 0) {
                    throw new FormatError("a run of length zero in run-length encoded data");
                }
                int n = (int) Math.min(run, count - filled);
                Arrays.fill(out, filled, filled + n, value);
                filled += n;
            } else {
                long groups = header >>> 1;
                long bytes = groups * bitWidth;
                if (groups == 0 || bytes > Integer.MAX_VALUE) {
                    throw new FormatError("a bit-packed run of " + groups + " groups");
                }
                int n = (int) Math.min(groups * 8, count - filled);
                int start = in.position();
                int have = (int) Math.min(bytes, in.remaining());
                if ((long) n * bitWidth > 8L * have) {
                    throw new FormatError("a bit-packed run runs past the end of its page");
                }
                for (int j = 0; j < n; j++) {
                    out[filled + j] = (int) unpack(in, start, (long) j * bitWidth, bitWidth);
                }
                in.position(start + have);
                filled += n;
            }
        }
        return out;
    }

    /** Reads the {@code bitWidth} bits starting {@code bitOffset} bits after {@code start}. */
    private static long unpack(ByteBuffer in, int start, long bitOffset, int bitWidth) {
        long value = 0;
        int got = 0;
        long at = bitOffset;
        while (got < bitWidth) {
            int b = in.get(start + (int) (at >>> 3)) & 0xFF;
            int skip = (int) (at & 7);
            int take = Math.min(8 - skip, bitWidth - got);
            value |= (long) ((b >>> skip) & ((1 << take) - 1)) << got;
            got += take;
            at += take;
        }
        return value;
    }

    /** Reads DELTA_BINARY_PACKED values (INT32 ones wrap like INT64 ones and are cut after). */
    static long[] deltaBinaryPacked(ByteBuffer in) throws FormatError {
        long blockSize = uleb(in);
        long miniblocks = uleb(in);
        long total = uleb(in);
        long previous = zigzag(uleb(in));
        if (blockSize <= 0
                || blockSize % 128 != 0
                || miniblocks <= 0
                || blockSize % miniblocks != 0
                || (blockSize / miniblocks) % 32 != 0
                || blockSize > 1 << 20
                || miniblocks > 1024
                || total < 0
                || total > (in.remaining() + 1L) * blockSize) {
            throw new FormatError(
                    "a delta-encoded header with block size "
                            + blockSize
                            + ", "
                            + miniblocks
                            + " miniblocks and "
                            + total
                            + " values");
        }
        int perMiniblock = (int) (blockSize / miniblocks);
        long[] out = new long[(int) total];
        if (total == 0) {
            return out;
        }
        out[0] = previous;
        int read = 1;
        byte[] widths = new byte[(int) miniblocks];
        while (read < total) {
            long minDelta = zigzag(uleb(in));
            in.get(widths);
            for (int m = 0; m < miniblocks && read < total; m++) {
                int bitWidth = widths[m] & 0xFF;
                if (bitWidth > 64) {
                    throw new FormatError("a delta miniblock with a bit width of " + bitWidth);
                }
                int start = in.position();
                int bytes = perMiniblock * bitWidth / 8;
                if (bytes > in.remaining()) {
                    throw new FormatError("a delta miniblock runs past the end of its page");
                }
                for (int j = 0; j < perMiniblock && read < total; j++) {
                    long delta =
                            bitWidth == 0 ? 0 : unpack(in, start, (long) j * bitWidth, bitWidth);
                    previous = previous + minDelta + delta;
                    out[read++] = previous;
                }
                in.position(start + bytes);
            }
        }
        return out;
    }

    /**
     * Reads DELTA_LENGTH_BYTE_ARRAY: the lengths delta-encoded, then the bytes one after another.
     */
    static byte[][] deltaLengthByteArray(ByteBuffer in, int count) throws FormatError {
        long[] lengths = deltaBinaryPacked(in);
        if (lengths.length < count) {
            throw new FormatError(
                    "a page holds " + lengths.length + " lengths for " + count + " values");
        }
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (lengths[i] < 0 || lengths[i] > in.remaining()) {
                throw new FormatError("a value of " + lengths[i] + " bytes runs past its page");
            }
            out[i] = new byte[(int) lengths[i]];
            in.get(out[i]);
        }
        return out;
    }

    /** Reads DELTA_BYTE_ARRAY: each value is a prefix of the previous one plus a suffix. */
    static byte[][] deltaByteArray(ByteBuffer in, int count) throws FormatError {
        long[] prefixes = deltaBinaryPacked(in);
        byte[][] suffixes = deltaLengthByteArray(in, count);
        if (prefixes.length < count) {
            throw new FormatError(
                    "a page holds " + prefixes.length + " prefixes for " + count + " values");
        }
        byte[][] out = new byte[count][];
        byte[] previous = new byte[0];
        for (int i = 0; i < count; i++) {
            long prefix = prefixes[i];
            if (prefix < 0 || prefix > previous.length) {
                throw new FormatError(
                        "a prefix of " + prefix + " bytes of a " + previous.length + "-byte value");
            }
            byte[] v = new byte[(int) prefix + suffixes[i].length];
            System.arraycopy(previous, 0, v, 0, (int) prefix);
            System.arraycopy(suffixes[i], 0, v, (int) prefix, suffixes[i].length);
            out[i] = v;
            previous = v;
        }
        return out;
    }

    /**
     * Reads BYTE_STREAM_SPLIT: byte {@code k} of value {@code i} is at {@code k * count + i};
     * returns the values put back together, {@code width} bytes each, little-endian.
     */
    static ByteBuffer byteStreamSplit(ByteBuffer in, int count, int width) throws FormatError {
        long need = (long) count * width;
        if (need > in.remaining()) {
            throw new FormatError("split byte streams run past the end of their page");
        }
        byte[] out = new byte[(int) need];
        int base = in.position();
        for (int k = 0; k < width; k++) {
            for (int i = 0; i < count; i++) {
                out[i * width + k] = in.get(base + k * count + i);
            }
        }
        in.position(base + (int) need);
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads {@code count} booleans packed one bit each, least significant bit first. */
    static boolean[] plainBooleans(ByteBuffer in, int count) throws FormatError {
        int bytes = (count + 7) / 8;
        if (bytes > in.remaining()) {
            throw new FormatError("packed booleans run past the end of their page");
        }
        boolean[] out = new boolean[count];
        int base = in.position();
        for (int i = 0; i < count; i++) {
            out[i] = ((in.get(base + (i >>> 3)) >>> (i & 7)) & 1) == 1;
        }
        in.position(base + bytes);
        return out;
    }
}
