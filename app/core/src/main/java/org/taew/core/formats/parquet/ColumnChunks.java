package org.taew.core.formats.parquet;

import static org.taew.core.formats.parquet.PageValues.PLAIN;
import static org.taew.core.formats.parquet.PageValues.PLAIN_DICTIONARY;
import static org.taew.core.formats.parquet.PageValues.RLE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.taew.core.formats.parquet.CompactThrift.Struct;

/**
 * Decodes one flat column chunk (its pages, one after another) into one Java value per row: reads
 * each page header and definition levels and places the page's values, which {@link PageValues}
 * decodes, into the rows that have one.
 */
final class ColumnChunks {
    private static final int DATA_PAGE = 0;
    private static final int DICTIONARY_PAGE = 2;
    private static final int DATA_PAGE_V2 = 3;

    private ColumnChunks() {}

    static Object[] decode(
            ByteBuffer chunk, int codec, long chunkValues, int rows, long unpackedSize, Leaf leaf)
            throws FormatError, Unsupported {
        PageCompression.checkSupported(codec);
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
                ByteBuffer plain = PageCompression.decompress(raw, codec, uncompressedSize);
                dictionary = PageValues.plain(plain, n, leaf);
            } else if (type == DATA_PAGE) {
                Struct d = header.struct(5);
                if (d == null) {
                    throw new FormatError("data page " + page + " has no header");
                }
                int n = checkCount(d.i32(1, -1), rows - filled, page);
                if (n == 0) {
                    continue; // a page without values: nothing to place
                }
                ByteBuffer data = PageCompression.decompress(raw, codec, uncompressedSize);
                int[] defined = null;
                if (leaf.optional) {
                    if (d.i32(3, RLE) != RLE) {
                        throw new Unsupported(
                                "has definition levels in "
                                        + PageValues.encodingName(d.i32(3, -1))
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
                                PageValues.decode(
                                        data, d.i32(2, -1), n, defined, dictionary, leaf));
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
                                ? PageCompression.decompress(rest, codec, valueBytes)
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
                                PageValues.decode(
                                        data, d.i32(4, -1), n, defined, dictionary, leaf));
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
}
