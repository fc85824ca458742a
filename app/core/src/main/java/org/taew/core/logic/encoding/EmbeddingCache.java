package org.taew.core.logic.encoding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
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
 *
 * <p>This class is the cache's policy: which record holds which key, sharing, and what is logged.
 * The file itself (header, records, checks, lock) is {@code EmbeddingCacheFile}'s, and every read,
 * append and close runs on {@code EmbeddingCacheThread}.
 */
public final class EmbeddingCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    static final int HEADER_BYTES = EmbeddingCacheFile.HEADER_BYTES;
    private static final Map<Path, EmbeddingCache> OPEN = new HashMap<>();

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
    private final EmbeddingCacheFile data;
    private final Map<Key, Long> index = new HashMap<>();
    private OpenReport report;
    private int users = 1;

    private EmbeddingCache(Path file, int dim, EmbeddingCacheFile data) {
        this.file = file;
        this.dim = dim;
        this.data = data;
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
            EmbeddingCacheFile data = EmbeddingCacheFile.open(file, identity, dim);
            if (data == null) {
                LOG.warn(
                        "Embedding cache {} is in use by another process; encoding without it",
                        file);
                return null;
            }
            if (data.aside() != null) {
                LOG.warn(
                        "Embedding cache {} had a damaged header; moved it to {} and started afresh",
                        file,
                        data.aside());
            }
            EmbeddingCache cache = new EmbeddingCache(file, dim, data);
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

    /** Indexes the file's good records and says what was lost. */
    private void scan() throws IOException {
        EmbeddingCacheFile.Scan scan = data.scan((a, off, pos) -> index.put(Key.of(a, off), pos));
        if (scan.corruptRecords() > 0 || scan.truncatedBytes() > 0) {
            LOG.warn(
                    "Embedding cache {}: {} damaged record(s) ignored, {} byte(s) of a torn record cut;"
                            + " those texts will be encoded again",
                    file,
                    scan.corruptRecords(),
                    scan.truncatedBytes());
        }
        report =
                new OpenReport(
                        scan.records(),
                        scan.corruptRecords(),
                        scan.truncatedBytes(),
                        data.aside() != null);
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
            return EmbeddingCacheThread.run(() -> readAll(keys, dest));
        } catch (IOException e) {
            LOG.warn("Embedding cache {}: read failed ({}); encoding again", file, e.toString());
            return new Integer[keys.length];
        }
    }

    private synchronized Integer[] readAll(Key[] keys, float[] dest) {
        Integer[] infos = new Integer[keys.length];
        ByteBuffer buf = data.recordBuffer();
        for (int i = 0; i < keys.length; i++) {
            Long pos = index.get(keys[i]);
            if (pos == null) {
                continue;
            }
            Integer info;
            try {
                info = data.read(pos, buf, dest, i * dim);
            } catch (IOException e) {
                LOG.warn(
                        "Embedding cache {}: read failed ({}); encoding again", file, e.toString());
                index.remove(keys[i]);
                continue;
            }
            if (info == null) {
                LOG.warn("Embedding cache {}: a record failed its check; encoding it again", file);
                index.remove(keys[i]);
                continue;
            }
            infos[i] = info;
        }
        return infos;
    }

    /**
     * Appends vectors: {@code keys[i]} ↦ {@code vectors[i*dim ..]} with {@code infos[i]}. The write
     * runs on the cache's own thread and this waits for it without giving way to an interrupt: a
     * cancel that interrupts an encoding thread while it stores a finished batch would otherwise
     * close the file channel (NIO closes an interruptible channel on interrupt) and lose the cache
     * for the rest of the process. The caller's interrupt is kept.
     */
    public void putAll(Key[] keys, int[] infos, float[] vectors) throws IOException {
        EmbeddingCacheThread.run(
                () -> {
                    append(keys, infos, vectors);
                    return null;
                });
    }

    private synchronized void append(Key[] keys, int[] infos, float[] vectors) throws IOException {
        long end = data.append(keys.length, (i, into) -> keys[i].writeTo(into), infos, vectors);
        for (int i = 0; i < keys.length; i++) {
            index.put(keys[i], end + (long) i * data.recordBytes());
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
            EmbeddingCacheThread.run(
                    () -> {
                        synchronized (this) {
                            data.close();
                        }
                        return null;
                    });
        } catch (IOException e) {
            LOG.warn("Embedding cache {}: close failed ({})", file, e.toString());
        }
    }
}
