package org.taew.core.logic.encoding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * One embedding cache file on disk, held under an OS file lock: its header (checked, or written
 * afresh with the damaged file kept aside), its fixed-size records each with a CRC32 (scanned,
 * read, appended) and a torn tail cut. The layout is {@link EmbeddingCache}'s; which record holds
 * which key is the cache's business, not this file's.
 */
final class EmbeddingCacheFile {
    static final int HEADER_BYTES = 64;
    private static final byte[] MAGIC = "TAEWEMB1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private final int dim;
    private final int recordBytes;
    private final FileChannel channel;
    private final FileLock lock;
    private final Path aside;

    /** Receives each record that passes its check, as a scan finds it. */
    interface RecordSink {
        /** The record is the bytes of {@code a} from {@code off}; it lies at {@code pos}. */
        void intact(byte[] a, int off, long pos);
    }

    /** Writes the 32 bytes of the key of record {@code i} of an append. */
    interface KeyWriter {
        void write(int i, ByteBuffer into);
    }

    /**
     * What a scan found.
     *
     * @param records records that passed their check
     * @param corruptRecords records that failed it
     * @param truncatedBytes bytes of a torn last record, cut
     */
    record Scan(int records, int corruptRecords, long truncatedBytes) {}

    private EmbeddingCacheFile(int dim, FileChannel channel, FileLock lock, Path aside) {
        this.dim = dim;
        this.recordBytes = 32 + 4 + 4 * dim + 4;
        this.channel = channel;
        this.lock = lock;
        this.aside = aside;
    }

    /**
     * Opens (or creates) {@code file} and locks it. Returns {@code null} when another process holds
     * the lock. A file whose header does not match {@code identity} (hex) and {@code dim} is copied
     * aside ({@link #aside()}) and started afresh.
     */
    static EmbeddingCacheFile open(Path file, String identity, int dim) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            return null;
        }
        Path aside = load(ch, file, HexFormat.of().parseHex(identity), dim);
        return new EmbeddingCacheFile(dim, ch, lock, aside);
    }

    /**
     * Checks the header; a file with a bad header is copied aside (kept for inspection) and a new
     * one started. Returns where the old one went, or {@code null} when the header was good.
     */
    private static Path load(FileChannel ch, Path file, byte[] identity, int dim)
            throws IOException {
        Path aside = null;
        if (ch.size() > 0 && !headerMatches(ch, identity, dim)) {
            aside =
                    file.resolveSibling(
                            file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            Files.copy(file, aside);
            ch.truncate(0);
        }
        if (ch.size() == 0) {
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            h.put(MAGIC).putInt(VERSION).putInt(dim).put(identity);
            h.position(HEADER_BYTES - 4);
            CRC32 crc = new CRC32();
            crc.update(h.array(), 0, HEADER_BYTES - 4);
            h.putInt((int) crc.getValue());
            h.flip();
            ch.write(h, 0);
        }
        return aside;
    }

    private static boolean headerMatches(FileChannel ch, byte[] identity, int dim)
            throws IOException {
        if (ch.size() < HEADER_BYTES) {
            return false;
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(h, 0);
        byte[] b = h.array();
        CRC32 crc = new CRC32();
        crc.update(b, 0, HEADER_BYTES - 4);
        h.position(HEADER_BYTES - 4);
        if ((int) crc.getValue() != h.getInt()) {
            return false;
        }
        h.position(0);
        byte[] magic = new byte[8];
        h.get(magic);
        byte[] id = new byte[32];
        int version = h.getInt();
        int fileDim = h.getInt();
        h.get(id);
        return Arrays.equals(magic, MAGIC)
                && version == VERSION
                && fileDim == dim
                && Arrays.equals(id, identity);
    }

    /** Where a file with a damaged header was copied when it was opened; {@code null} if not. */
    Path aside() {
        return aside;
    }

    /** Bytes per record. */
    int recordBytes() {
        return recordBytes;
    }

    /** Reads every record, hands the good ones to {@code sink} and cuts a torn tail. */
    Scan scan(RecordSink sink) throws IOException {
        long size = channel.size();
        long usable = HEADER_BYTES + (size - HEADER_BYTES) / recordBytes * recordBytes;
        int good = 0;
        int corrupt = 0;
        int perChunk = Math.max(1, (1 << 20) / recordBytes);
        ByteBuffer buf = ByteBuffer.allocate(perChunk * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        long pos = HEADER_BYTES;
        while (pos < usable) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), usable - pos));
            while (buf.hasRemaining()) {
                if (channel.read(buf, pos + buf.position()) < 0) {
                    break;
                }
            }
            byte[] a = buf.array();
            int n = buf.position() / recordBytes;
            for (int r = 0; r < n; r++) {
                int off = r * recordBytes;
                if (intact(a, off)) {
                    sink.intact(a, off, pos + off);
                    good++;
                } else {
                    corrupt++;
                }
            }
            pos += (long) n * recordBytes;
        }
        long torn = size - usable;
        if (torn > 0) {
            channel.truncate(usable);
        }
        return new Scan(good, corrupt, torn);
    }

    /** CRC32 of the record at {@code off} without its last four bytes (where the CRC is kept). */
    private int checksum(byte[] a, int off) {
        CRC32 crc = new CRC32();
        crc.update(a, off, recordBytes - 4);
        return (int) crc.getValue();
    }

    /** Whether the record at {@code off} matches the CRC stored in its last four bytes. */
    private boolean intact(byte[] a, int off) {
        int stored =
                ByteBuffer.wrap(a, off + recordBytes - 4, 4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getInt();
        return checksum(a, off) == stored;
    }

    /** A buffer for {@link #read}: one record, little-endian. */
    ByteBuffer recordBuffer() {
        return ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads the record at {@code pos} into {@code buf} ({@link #recordBuffer()}); when it passes
     * its check, copies its vector into {@code dest} at {@code offset} and returns its info word,
     * otherwise returns {@code null} and leaves {@code dest} as it was.
     */
    Integer read(long pos, ByteBuffer buf, float[] dest, int offset) throws IOException {
        buf.clear();
        while (buf.hasRemaining()) {
            if (channel.read(buf, pos + buf.position()) < 0) {
                throw new IOException("record beyond the end of the file");
            }
        }
        if (!intact(buf.array(), buf.arrayOffset())) {
            return null;
        }
        buf.position(32);
        int info = buf.getInt();
        buf.asFloatBuffer().get(dest, offset, dim);
        return info;
    }

    /**
     * Appends {@code count} records at the end of the file: key {@code i} written by {@code keys},
     * {@code infos[i]}, the vector {@code vectors[i*dim ..]}. Returns the position of the first;
     * the others follow it, {@link #recordBytes()} apart.
     */
    long append(int count, KeyWriter keys, int[] infos, float[] vectors) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(count * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int start = buf.position();
            keys.write(i, buf);
            buf.putInt(infos[i]);
            for (int t = 0; t < dim; t++) {
                buf.putFloat(vectors[i * dim + t]);
            }
            buf.putInt(checksum(buf.array(), start));
        }
        buf.flip();
        long end = channel.size();
        long pos = end;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
        return end;
    }

    /** Forces what was written to the disk, releases the lock and closes the file. */
    void close() throws IOException {
        channel.force(false);
        lock.release();
        channel.close();
    }
}
