package org.taew.core.logic.encoding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taew.core.model.PreparedText;
import org.taew.core.util.Hashing;

/**
 * Embeddings on disk, one append-only file per model identity, keyed by the SHA-256 of the exact
 * text the encoder saw (instruction applied) and of the part left out of pooling.
 *
 * <p>Why a file of our own rather than an embedded database: the data are fixed-size vectors under
 * fixed-size keys, written in batches and read in bulk. An append-only log of fixed-size records,
 * each with its own CRC32, needs no native library and no write-ahead log to be crash-safe: a
 * record cut short by a crash or a flipped byte fails its check and is simply computed again.
 * Layout (little-endian, documented in docs/formats.md):
 *
 * <pre>
 * header, 64 bytes: "TAEWEMB1" | version u32 = 1 | dim u32 | model identity, 32 bytes | 12 zero bytes | CRC32 u32
 * record:           key, 32 bytes | info i32 | dim × float32 | CRC32 u32 of the bytes before it
 * </pre>
 *
 * {@code info} holds the text's token count in its low 31 bits and "was truncated" in the sign bit,
 * so truncation can be reported for cached texts too. A later record with the same key supersedes
 * an earlier one.
 *
 * <p>One process writes a cache file at a time (an OS file lock); a second process that finds it
 * locked works without the cache and says so in the log. Within a process, one instance per file is
 * shared.
 */
public final class EmbeddingCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final byte[] MAGIC = "TAEWEMB1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    static final int HEADER_BYTES = 64;
    private static final Map<Path, EmbeddingCache> OPEN = new HashMap<>();

    /**
     * The thread every read, append and close of a cache file runs on: never interrupted, so no
     * cancel closes a channel under the cache.
     */
    private static final ExecutorService WRITER =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "taew-cache-writer");
                        t.setDaemon(true);
                        return t;
                    });

    /** A 256-bit key. */
    public record Key(long a, long b, long c, long d) {
        static Key of(byte[] bytes, int off) {
            ByteBuffer bb = ByteBuffer.wrap(bytes, off, 32).order(ByteOrder.LITTLE_ENDIAN);
            return new Key(bb.getLong(), bb.getLong(), bb.getLong(), bb.getLong());
        }

        void writeTo(ByteBuffer bb) {
            bb.putLong(a).putLong(b).putLong(c).putLong(d);
        }

        /** The key's 32 bytes, as the cache file and the vector exchange files hold them. */
        public byte[] bytes() {
            ByteBuffer bb = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            writeTo(bb);
            return bb.array();
        }

        /** The key of 32 bytes written by {@link #bytes()}. */
        public static Key ofBytes(byte[] bytes) {
            if (bytes.length != 32) {
                throw new IllegalArgumentException("a key has 32 bytes, not " + bytes.length);
            }
            return of(bytes, 0);
        }
    }

    /**
     * What opening found: records usable, records that failed their check, bytes cut from a torn
     * tail.
     */
    public record OpenReport(
            int records, int corruptRecords, long truncatedBytes, boolean replacedFile) {}

    private final Path file;
    private final int dim;
    private final int recordBytes;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<Key, Long> index = new HashMap<>();
    private final boolean replacedFile;
    private OpenReport report;
    private int users = 1;

    private EmbeddingCache(
            Path file, int dim, FileChannel channel, FileLock lock, boolean replacedFile) {
        this.file = file;
        this.dim = dim;
        this.recordBytes = 32 + 4 + 4 * dim + 4;
        this.channel = channel;
        this.lock = lock;
        this.replacedFile = replacedFile;
    }

    /** The key of a prepared text. */
    public static Key key(PreparedText text) {
        MessageDigest digest = Hashing.sha256();
        digest.update(ByteBuffer.allocate(4).putInt(text.pooledOutPrefix().length()).array());
        digest.update(text.text().getBytes(StandardCharsets.UTF_8));
        return Key.of(digest.digest(), 0);
    }

    /** The cache file for a model identity inside {@code dir}. */
    public static Path fileFor(Path dir, String identity) {
        return dir.resolve(identity.substring(0, 16) + ".emb");
    }

    /**
     * Opens (or creates) the cache of a model. Returns {@code null} when the file cannot be used by
     * this process (locked by another process, or not writable); the caller then works without a
     * cache.
     */
    public static synchronized EmbeddingCache open(Path dir, String identity, int dim) {
        Path file = fileFor(dir, identity).toAbsolutePath().normalize();
        EmbeddingCache shared = OPEN.get(file);
        if (shared != null) {
            shared.users++;
            return shared;
        }
        try {
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
                LOG.warn(
                        "Embedding cache {} is in use by another process; encoding without it",
                        file);
                return null;
            }
            byte[] identityBytes = HexFormat.of().parseHex(identity);
            boolean replaced = load(ch, file, identityBytes, dim);
            EmbeddingCache cache = new EmbeddingCache(file, dim, ch, lock, replaced);
            cache.scan();
            OPEN.put(file, cache);
            return cache;
        } catch (ClosedByInterruptException e) {
            // cancelled or quit while opening: not a fault of the file; the caller stops anyway
            Thread.currentThread().interrupt();
            LOG.debug("Opening embedding cache {} was interrupted", file);
            return null;
        } catch (IOException e) {
            LOG.warn(
                    "Embedding cache {} cannot be used ({}); encoding without it",
                    file,
                    e.toString());
            return null;
        }
    }

    /**
     * Checks the header; a file with a bad header is moved aside (kept for inspection) and a new
     * one started. Returns whether that happened.
     */
    private static boolean load(FileChannel ch, Path file, byte[] identity, int dim)
            throws IOException {
        boolean replaced = false;
        if (ch.size() > 0 && !headerMatches(ch, identity, dim)) {
            Path aside =
                    file.resolveSibling(
                            file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            Files.copy(file, aside);
            ch.truncate(0);
            replaced = true;
            LOG.warn(
                    "Embedding cache {} had a damaged header; moved it to {} and started afresh",
                    file,
                    aside);
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
        return replaced;
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

    /** Reads every record, indexes the good ones and cuts a torn tail. */
    private void scan() throws IOException {
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
                    index.put(Key.of(a, off), pos + off);
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
        if (corrupt > 0 || torn > 0) {
            LOG.warn(
                    "Embedding cache {}: {} damaged record(s) ignored, {} byte(s) of a torn record cut;"
                            + " those texts will be encoded again",
                    file,
                    corrupt,
                    torn);
        }
        report = new OpenReport(good, corrupt, torn, replacedFile);
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

    public OpenReport openReport() {
        return report;
    }

    public Path file() {
        return file;
    }

    public int dimension() {
        return dim;
    }

    public synchronized int size() {
        return index.size();
    }

    public synchronized boolean contains(Key key) {
        return index.containsKey(key);
    }

    /**
     * Copies the vector stored under {@code key} into {@code dest} at {@code offset} and returns
     * its info word, or returns {@code null} when the key is absent or its record fails its check
     * now.
     */
    public Integer get(Key key, float[] dest, int offset) {
        float[] row = new float[dim];
        Integer info = getAll(new Key[] {key}, row)[0];
        if (info != null) {
            System.arraycopy(row, 0, dest, offset, dim);
        }
        return info;
    }

    /**
     * Reads the vectors stored under {@code keys}: row {@code i} of {@code dest} ({@code dim}
     * floats at {@code i * dim}) for {@code keys[i]}, and returns each one's info word, {@code
     * null} where the key is absent or its record fails its check now. Like {@link #putAll}, the
     * reads run on the cache's own thread, which no cancel interrupts (an interrupted read would
     * close the shared channel); the caller's interrupt is kept.
     */
    public Integer[] getAll(Key[] keys, float[] dest) {
        try {
            return onWriter(() -> readAll(keys, dest));
        } catch (IOException e) {
            LOG.warn("Embedding cache {}: read failed ({}); encoding again", file, e.toString());
            return new Integer[keys.length];
        }
    }

    private synchronized Integer[] readAll(Key[] keys, float[] dest) {
        Integer[] infos = new Integer[keys.length];
        ByteBuffer buf = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < keys.length; i++) {
            Long pos = index.get(keys[i]);
            if (pos == null) {
                continue;
            }
            buf.clear();
            try {
                while (buf.hasRemaining()) {
                    if (channel.read(buf, pos + buf.position()) < 0) {
                        throw new IOException("record beyond the end of the file");
                    }
                }
            } catch (IOException e) {
                LOG.warn(
                        "Embedding cache {}: read failed ({}); encoding again", file, e.toString());
                index.remove(keys[i]);
                continue;
            }
            if (!intact(buf.array(), 0)) {
                LOG.warn("Embedding cache {}: a record failed its check; encoding it again", file);
                index.remove(keys[i]);
                continue;
            }
            buf.position(32);
            infos[i] = buf.getInt();
            buf.asFloatBuffer().get(dest, i * dim, dim);
        }
        return infos;
    }

    /**
     * Runs {@code work} on the cache's thread and waits for it without giving way to an interrupt;
     * the caller's interrupt is kept.
     */
    private static <T> T onWriter(Callable<T> work) throws IOException {
        Future<T> done = WRITER.submit(work);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Appends vectors: {@code keys[i]} ↦ {@code vectors[i*dim ..]} with {@code infos[i]}. The write
     * runs on the cache's own thread and this waits for it without giving way to an interrupt: a
     * cancel that interrupts an encoding thread while it stores a finished batch would otherwise
     * close the file channel (NIO closes an interruptible channel on interrupt) and lose the cache
     * for the rest of the process. The caller's interrupt is kept.
     */
    public void putAll(Key[] keys, int[] infos, float[] vectors) throws IOException {
        onWriter(
                () -> {
                    append(keys, infos, vectors);
                    return null;
                });
    }

    private synchronized void append(Key[] keys, int[] infos, float[] vectors) throws IOException {
        ByteBuffer buf =
                ByteBuffer.allocate(keys.length * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < keys.length; i++) {
            int start = buf.position();
            keys[i].writeTo(buf);
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
        for (int i = 0; i < keys.length; i++) {
            index.put(keys[i], end + (long) i * recordBytes);
        }
    }

    public static int info(int tokens, boolean truncated) {
        return (tokens & 0x7FFFFFFF) | (truncated ? 0x80000000 : 0);
    }

    public static int tokensOf(int info) {
        return info & 0x7FFFFFFF;
    }

    public static boolean truncatedOf(int info) {
        return info < 0;
    }

    @Override
    public void close() {
        synchronized (EmbeddingCache.class) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(file);
        }
        try {
            // after every append already queued, on the thread that does them
            onWriter(
                    () -> {
                        synchronized (this) {
                            channel.force(false);
                            lock.release();
                            channel.close();
                        }
                        return null;
                    });
        } catch (IOException e) {
            LOG.warn("Embedding cache {}: close failed ({})", file, e.toString());
        }
    }
}
