package org.taew.core.util.parquet;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.taew.core.util.parquet.CompactThrift.FormatError;
import org.taew.core.util.parquet.CompactThrift.Struct;
import org.taew.core.util.parquet.ParquetFile.Leaf;

/** Decodes one flat column chunk (its pages, one after another) into one Java value per row. */
final class ColumnChunks {
    private static final int DATA_PAGE = 0;
    private static final int DICTIONARY_PAGE = 2;
    private static final int DATA_PAGE_V2 = 3;

    private static final int PLAIN = 0;
    private static final int PLAIN_DICTIONARY = 2;
    private static final int RLE = 3;
    private static final int DELTA_BINARY_PACKED = 5;
    private static final int DELTA_LENGTH_BYTE_ARRAY = 6;
    private static final int DELTA_BYTE_ARRAY = 7;
    private static final int RLE_DICTIONARY = 8;
    private static final int BYTE_STREAM_SPLIT = 9;

    private static final String[] CODECS = {
        "uncompressed", "snappy", "gzip", "LZO", "Brotli", "LZ4 (Hadoop framing)", "zstd", "LZ4"
    };
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

    private ColumnChunks() {}

    /** A valid file written in a way the workbench does not read; the message says which. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    static Object[] decode(
            ByteBuffer chunk, int codec, long chunkValues, int rows, long unpackedSize, Leaf leaf)
            throws FormatError, Unsupported {
        if (codec < 0 || codec >= CODECS.length || codec == 3 || codec == 4 || codec == 5) {
            throw new Unsupported(
                    "is compressed with "
                            + (codec >= 0 && codec < CODECS.length
                                    ? CODECS[codec]
                                    : "codec " + codec)
                            + ", which the workbench does not read (it reads snappy, gzip, zstd, LZ4"
                            + " and uncompressed pages)");
        }
        if (chunkValues != rows) {
            throw new FormatError(
                    "it holds " + chunkValues + " values for the row group's " + rows + " rows");
        }
        Object[] out = new Object[rows];
        Object[] dictionary = null;
        int filled = 0;
        int page = 0;
        while (filled < rows) {
            page++;
            Struct header = CompactThrift.readStruct(chunk);
            int type = header.i32(1, -1);
            int uncompressedSize = header.i32(2, -1);
            int compressedSize = header.i32(3, -1);
            if (compressedSize < 0 || compressedSize > chunk.remaining() || uncompressedSize < 0) {
                throw new FormatError("page " + page + " runs past the end of the column");
            }
            if (unpackedSize > 0 && uncompressedSize > unpackedSize) {
                throw new FormatError(
                        "page " + page + " says it unpacks to more bytes than its whole column");
            }
            ByteBuffer raw =
                    chunk.slice(chunk.position(), compressedSize).order(ByteOrder.LITTLE_ENDIAN);
            chunk.position(chunk.position() + compressedSize);
            if (type == DICTIONARY_PAGE) {
                Struct d = header.struct(7);
                int n = d == null ? -1 : d.i32(1, -1);
                int encoding = d == null ? -1 : d.i32(2, PLAIN);
                if (n < 0 || (encoding != PLAIN && encoding != PLAIN_DICTIONARY)) {
                    throw new FormatError("its dictionary page is not plain-encoded");
                }
                ByteBuffer plain = decompress(raw, codec, uncompressedSize);
                dictionary = plain(plain, n, leaf);
            } else if (type == DATA_PAGE) {
                Struct d = header.struct(5);
                if (d == null) {
                    throw new FormatError("data page " + page + " has no header");
                }
                int n = checkCount(d.i32(1, -1), rows - filled, page);
                if (n == 0) {
                    continue; // a page without values: nothing to place
                }
                ByteBuffer data = decompress(raw, codec, uncompressedSize);
                int[] defined = null;
                if (leaf.optional) {
                    if (d.i32(3, RLE) != RLE) {
                        throw new Unsupported(
                                "has definition levels in "
                                        + encodingName(d.i32(3, -1))
                                        + ", which the workbench does not read");
                    }
                    int length = data.getInt();
                    if (length < 0 || length > data.remaining()) {
                        throw new FormatError("page " + page + " has damaged definition levels");
                    }
                    defined =
                            Encodings.rleHybrid(
                                    data.slice(data.position(), length)
                                            .order(ByteOrder.LITTLE_ENDIAN),
                                    1,
                                    n);
                    data.position(data.position() + length);
                }
                filled =
                        place(
                                out,
                                filled,
                                n,
                                defined,
                                values(data, d.i32(2, -1), n, defined, dictionary, leaf));
            } else if (type == DATA_PAGE_V2) {
                Struct d = header.struct(8);
                if (d == null) {
                    throw new FormatError("data page " + page + " has no header");
                }
                int n = checkCount(d.i32(1, -1), rows - filled, page);
                if (n == 0) {
                    continue;
                }
                int nulls = d.i32(2, -1);
                int definitionBytes = d.i32(5, 0);
                int repetitionBytes = d.i32(6, 0);
                if (definitionBytes < 0
                        || repetitionBytes < 0
                        || definitionBytes + repetitionBytes > raw.remaining()) {
                    throw new FormatError("page " + page + " has damaged level lengths");
                }
                int[] defined = null;
                if (leaf.optional) {
                    defined =
                            Encodings.rleHybrid(
                                    raw.slice(repetitionBytes, definitionBytes)
                                            .order(ByteOrder.LITTLE_ENDIAN),
                                    1,
                                    n);
                }
                ByteBuffer rest =
                        raw.slice(
                                        repetitionBytes + definitionBytes,
                                        raw.remaining() - repetitionBytes - definitionBytes)
                                .order(ByteOrder.LITTLE_ENDIAN);
                int valueBytes = uncompressedSize - repetitionBytes - definitionBytes;
                // parquet-java writes an empty, uncompressed section for a page of nulls only
                ByteBuffer data =
                        d.bool(7, true) && valueBytes > 0 && rest.hasRemaining()
                                ? decompress(rest, codec, valueBytes)
                                : rest;
                int present = defined == null ? n : count(defined);
                if (nulls >= 0 && present != n - nulls) {
                    throw new FormatError(
                            "page "
                                    + page
                                    + " says it holds "
                                    + nulls
                                    + " nulls, its levels "
                                    + (n - present));
                }
                filled =
                        place(
                                out,
                                filled,
                                n,
                                defined,
                                values(data, d.i32(4, -1), n, defined, dictionary, leaf));
            }
            // index pages and unknown page types hold no values: skipped
            if (filled < rows && !chunk.hasRemaining()) {
                throw new FormatError(
                        "it ends after " + filled + " of the row group's " + rows + " values");
            }
        }
        return out;
    }

    private static int checkCount(int n, int left, int page) throws FormatError {
        if (n < 0 || n > left) {
            throw new FormatError(
                    "page " + page + " holds " + n + " values where " + left + " remain");
        }
        return n;
    }

    private static int count(int[] defined) {
        int c = 0;
        for (int d : defined) {
            c += d == 1 ? 1 : 0;
        }
        return c;
    }

    /** Puts the page's non-null values into the rows whose definition level says they have one. */
    private static int place(Object[] out, int filled, int n, int[] defined, Object[] values)
            throws FormatError {
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (defined == null || defined[i] == 1) {
                out[filled + i] = values[k++];
            }
        }
        return filled + n;
    }

    private static Object[] values(
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

    private static String encodingName(int encoding) {
        return encoding >= 0 && encoding < ENCODINGS.length
                ? ENCODINGS[encoding]
                : "encoding " + encoding;
    }

    /** PLAIN values of the leaf's physical type, converted as the leaf says. */
    private static Object[] plain(ByteBuffer in, int n, Leaf leaf) throws FormatError {
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
        if (leaf.kind != ParquetFile.Kind.TEXT) {
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

    private static ByteBuffer decompress(ByteBuffer in, int codec, int size)
            throws FormatError, Unsupported {
        if (codec == 0) {
            return in.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
        if (size < 0) {
            throw new FormatError("a page with a negative size");
        }
        byte[] src = new byte[in.remaining()];
        in.duplicate().get(src);
        byte[] out = new byte[size];
        try {
            int n;
            if (codec == 2) {
                n = gunzip(src, out);
            } else {
                Decompressor d =
                        switch (codec) {
                            case 1 -> new SnappyDecompressor();
                            case 6 -> new ZstdDecompressor();
                            case 7 -> new Lz4Decompressor();
                            default -> throw new Unsupported("is compressed with codec " + codec);
                        };
                n = d.decompress(src, 0, src.length, out, 0, size);
            }
            if (n != size) {
                throw new FormatError(
                        "a page unpacks to " + n + " bytes where its header says " + size);
            }
        } catch (RuntimeException | IOException e) {
            throw new FormatError("a " + CODECS[codec] + " page cannot be unpacked");
        }
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int gunzip(byte[] src, byte[] out) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(src))) {
            int n = in.readNBytes(out, 0, out.length);
            if (in.read() >= 0) {
                return out.length + 1;
            }
            return n;
        }
    }
}
