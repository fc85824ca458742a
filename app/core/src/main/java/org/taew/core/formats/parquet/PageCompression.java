package org.taew.core.formats.parquet;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPInputStream;

/** Unpacks compressed pages: snappy, gzip, zstd and LZ4; refuses the codecs the workbench lacks. */
final class PageCompression {
    private static final String[] CODECS = {
        "uncompressed", "snappy", "gzip", "LZO", "Brotli", "LZ4 (Hadoop framing)", "zstd", "LZ4"
    };

    private PageCompression() {}

    /** Refuses a chunk compressed with a codec the workbench does not read, naming it. */
    static void checkSupported(int codec) throws Unsupported {
        if (codec < 0 || codec >= CODECS.length || codec == 3 || codec == 4 || codec == 5) {
            throw new Unsupported(
                    "is compressed with "
                            + (codec >= 0 && codec < CODECS.length
                                    ? CODECS[codec]
                                    : "codec " + codec)
                            + ", which the workbench does not read (it reads snappy, gzip, zstd, LZ4"
                            + " and uncompressed pages)");
        }
    }

    /** Unpacks a page to {@code size} bytes; an uncompressed page is returned as it is. */
    static ByteBuffer decompress(ByteBuffer in, int codec, int size)
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
