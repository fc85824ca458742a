package org.taew.core.formats.parquet;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the value section of one data page into Java values, by the page's encoding and the
 * column's physical type: plain, dictionary indices, run-length booleans, delta and
 * byte-stream-split values; integers, reals, booleans, text and bytes as {@code ParquetFile.Kind}
 * describes them.
 */
final class PageValues {
    static final int PLAIN = 0;
    static final int PLAIN_DICTIONARY = 2;
    static final int RLE = 3;
    private static final int DELTA_BINARY_PACKED = 5;
    private static final int DELTA_LENGTH_BYTE_ARRAY = 6;
    private static final int DELTA_BYTE_ARRAY = 7;
    private static final int RLE_DICTIONARY = 8;
    private static final int BYTE_STREAM_SPLIT = 9;

    private static final String[] ENCODINGS = {
        "PLAIN",
        "GROUP_VAR_INT",
        "PLAIN_DICTIONARY",
        "RLE",
        "BIT_PACKED",
        "DELTA_BINARY_PACKED",
        "DELTA_LENGTH_BYTE_ARRAY",
        "DELTA_BYTE_ARRAY",
        "RLE_DICTIONARY",
        "BYTE_STREAM_SPLIT"
    };

    private PageValues() {}

    /**
     * The non-null values of a data page in the given encoding; {@code defined} holds the page's
     * definition levels, or null for a required column.
     */
    static Object[] decode(
            ByteBuffer data, int encoding, int n, int[] defined, Object[] dictionary, Leaf leaf)
            throws FormatError, Unsupported {
        int present = n;
        if (defined != null) {
            present = 0;
            for (int d : defined) {
                if (d > 1) {
                    throw new FormatError("a definition level of " + d + " in a flat column");
                }
                present += d;
            }
        }
        Object[] out =
                switch (encoding) {
                    case PLAIN -> plain(data, present, leaf);
                    case PLAIN_DICTIONARY, RLE_DICTIONARY -> dictionary(data, present, dictionary);
                    case RLE -> leaf.physical == Leaf.BOOLEAN ? rleBooleans(data, present) : null;
                    case DELTA_BINARY_PACKED ->
                            leaf.physical == Leaf.INT32 || leaf.physical == Leaf.INT64
                                    ? deltaIntegers(data, present, leaf)
                                    : null;
                    case DELTA_LENGTH_BYTE_ARRAY ->
                            leaf.physical == Leaf.BYTE_ARRAY
                                    ? bytes(Encodings.deltaLengthByteArray(data, present), leaf)
                                    : null;
                    case DELTA_BYTE_ARRAY ->
                            leaf.physical == Leaf.BYTE_ARRAY || leaf.physical == Leaf.FIXED
                                    ? bytes(Encodings.deltaByteArray(data, present), leaf)
                                    : null;
                    case BYTE_STREAM_SPLIT ->
                            width(leaf) > 0 && sameLength(data, present, width(leaf))
                                    ? plain(
                                            Encodings.byteStreamSplit(data, present, width(leaf)),
                                            present,
                                            leaf)
                                    : null;
                    default -> null;
                };
        if (out == null) {
            throw new Unsupported(
                    "is encoded as "
                            + encodingName(encoding)
                            + " for its "
                            + leaf.type
                            + " values, which the workbench does not read");
        }
        return out;
    }

    private static Object[] dictionary(ByteBuffer data, int present, Object[] dictionary)
            throws FormatError {
        Object[] out = new Object[present];
        if (present == 0) {
            return out;
        }
        if (dictionary == null) {
            throw new FormatError("a dictionary-encoded page comes without a dictionary");
        }
        int bitWidth = data.get() & 0xFF;
        int[] indices = Encodings.rleHybrid(data, bitWidth, present);
        for (int i = 0; i < present; i++) {
            if (indices[i] < 0 || indices[i] >= dictionary.length) {
                throw new FormatError(
                        "a dictionary index "
                                + indices[i]
                                + " of a dictionary of "
                                + dictionary.length);
            }
            out[i] = dictionary[indices[i]];
        }
        return out;
    }

    private static Object[] rleBooleans(ByteBuffer data, int present) throws FormatError {
        int length = data.getInt();
        if (length < 0 || length > data.remaining()) {
            throw new FormatError("run-length encoded booleans with a damaged length");
        }
        int[] bits = Encodings.rleHybrid(data, 1, present);
        Object[] out = new Object[present];
        for (int i = 0; i < present; i++) {
            out[i] = bits[i] == 1;
        }
        return out;
    }

    private static Object[] deltaIntegers(ByteBuffer data, int present, Leaf leaf)
            throws FormatError {
        long[] v = Encodings.deltaBinaryPacked(data);
        if (v.length < present) {
            throw new FormatError("a page holds " + v.length + " of its " + present + " values");
        }
        Object[] out = new Object[present];
        for (int i = 0; i < present; i++) {
            out[i] = integer(v[i], leaf);
        }
        return out;
    }

    /** A BYTE_STREAM_SPLIT page holds exactly its values' bytes. */
    private static boolean sameLength(ByteBuffer data, int present, int width) throws FormatError {
        if (data.remaining() != (long) present * width) {
            throw new FormatError(
                    "split byte streams of "
                            + data.remaining()
                            + " bytes for "
                            + present
                            + " values");
        }
        return true;
    }

    private static int width(Leaf leaf) {
        return switch (leaf.physical) {
            case Leaf.INT32, Leaf.FLOAT -> 4;
            case Leaf.INT64, Leaf.DOUBLE -> 8;
            case Leaf.FIXED -> leaf.typeLength;
            default -> -1;
        };
    }

    static String encodingName(int encoding) {
        return encoding >= 0 && encoding < ENCODINGS.length
                ? ENCODINGS[encoding]
                : "encoding " + encoding;
    }

    /** PLAIN values of the leaf's physical type, converted as the leaf says. */
    static Object[] plain(ByteBuffer in, int n, Leaf leaf) throws FormatError {
        return switch (leaf.physical) {
            case Leaf.BOOLEAN -> {
                boolean[] b = Encodings.plainBooleans(in, n);
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b[i];
                }
                yield out;
            }
            case Leaf.INT32 -> {
                need(in, 4L * n);
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    out[i] = integer(in.getInt(), leaf);
                }
                yield out;
            }
            case Leaf.INT64 -> {
                need(in, 8L * n);
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    out[i] = in.getLong();
                }
                yield out;
            }
            case Leaf.FLOAT -> {
                need(in, 4L * n);
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (double) in.getFloat();
                }
                yield out;
            }
            case Leaf.DOUBLE -> {
                need(in, 8L * n);
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    out[i] = in.getDouble();
                }
                yield out;
            }
            case Leaf.BYTE_ARRAY -> {
                byte[][] raw = new byte[n][];
                for (int i = 0; i < n; i++) {
                    int length = in.getInt();
                    if (length < 0 || length > in.remaining()) {
                        throw new FormatError("a value of " + length + " bytes runs past its page");
                    }
                    raw[i] = new byte[length];
                    in.get(raw[i]);
                }
                yield bytes(raw, leaf);
            }
            case Leaf.FIXED -> {
                need(in, (long) leaf.typeLength * n);
                byte[][] raw = new byte[n][];
                for (int i = 0; i < n; i++) {
                    raw[i] = new byte[leaf.typeLength];
                    in.get(raw[i]);
                }
                yield bytes(raw, leaf);
            }
            default -> throw new FormatError("values of physical type " + leaf.physical);
        };
    }

    private static void need(ByteBuffer in, long bytes) throws FormatError {
        if (bytes > in.remaining()) {
            throw new FormatError("a page holds fewer bytes than its values need");
        }
    }

    private static Object integer(long v, Leaf leaf) {
        return leaf.physical == Leaf.INT32
                ? leaf.unsigned32 ? (long) (int) v & 0xFFFFFFFFL : (long) (int) v
                : v;
    }

    private static Object[] bytes(byte[][] raw, Leaf leaf) throws FormatError {
        Object[] out = new Object[raw.length];
        if (!leaf.text) {
            System.arraycopy(raw, 0, out, 0, raw.length);
            return out;
        }
        CharsetDecoder utf8 =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int i = 0; i < raw.length; i++) {
            try {
                CharBuffer chars = utf8.decode(ByteBuffer.wrap(raw[i]));
                out[i] = chars.toString();
            } catch (CharacterCodingException e) {
                throw new FormatError("a text value is not valid UTF-8");
            }
        }
        return out;
    }
}
