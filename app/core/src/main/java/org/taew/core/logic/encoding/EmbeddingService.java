package org.taew.core.logic.encoding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.Hashing;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * An encoder in front of the on-disk embedding cache: texts whose exact input (instruction applied)
 * was encoded before by the same model are read back; only the others are encoded, then stored.
 * Repeated texts in one request are encoded once.
 */
public final class EmbeddingService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingService.class);

    /**
     * What one request took.
     *
     * @param texts texts asked for
     * @param fromCache texts read from the cache (or repeated within the request)
     * @param encoded texts run through the model
     * @param truncated texts longer than the model's limit, cut (counted over all texts, cached or
     *     not)
     * @param tokensEncoded tokens run through the model
     * @param seconds wall time of the request
     */
    public record Report(
            int texts,
            int fromCache,
            int encoded,
            int truncated,
            long tokensEncoded,
            double seconds) {}

    /** Vectors in request order, and the report. */
    public record Result(Embeddings vectors, Report report) {}

    private final Encoder encoder;
    private final EmbeddingCache cache;

    /**
     * @param cacheDir where cache files live; {@code null} for no cache
     */
    public EmbeddingService(Encoder encoder, Path cacheDir) {
        this.encoder = encoder;
        this.cache =
                cacheDir == null
                        ? null
                        : EmbeddingCache.open(
                                cacheDir, cacheIdentity(encoder), encoder.dimension());
    }

    /**
     * The identity an encoder's vectors are cached under: the model's, or for an engine or setting
     * whose vectors differ from the reference engine's ({@link Encoder#cacheTag}), a hash of both,
     * so that such vectors get their own cache file and never mix with the reference ones.
     */
    public static String cacheIdentity(Encoder encoder) {
        String tag = encoder.cacheTag();
        String identity = encoder.model().identity();
        return tag.isEmpty() ? identity : Hashing.sha256Hex(identity + tag);
    }

    public ModelSpec model() {
        return encoder.model();
    }

    public Encoder encoder() {
        return encoder;
    }

    /** The cache in use, or {@code null} when encoding without one. */
    public EmbeddingCache cache() {
        return cache;
    }

    /**
     * Encodes texts. {@code progress} is reset to a phase named {@code label} of {@code
     * texts.size()} steps; cached texts count as done at once.
     */
    public Result encode(List<PreparedText> texts, String label, ProgressListener progress)
            throws WorkbenchException {
        long start = System.nanoTime();
        int dim = encoder.dimension();
        float[] out = new float[texts.size() * dim];
        progress.reset(label, texts.size());
        int truncated = 0;
        // distinct missing inputs → the positions that need them
        Map<EmbeddingCache.Key, List<Integer>> missing = new HashMap<>();
        List<PreparedText> toEncode = new ArrayList<>();
        List<EmbeddingCache.Key> toEncodeKeys = new ArrayList<>();
        int fromCache = 0;
        int repeats = 0;
        EmbeddingCache.Key[] keys = new EmbeddingCache.Key[texts.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = EmbeddingCache.key(texts.get(i));
        }
        // one bulk read, in input order straight into the result
        Integer[] cached = cache == null ? new Integer[keys.length] : cache.getAll(keys, out);
        for (int i = 0; i < texts.size(); i++) {
            EmbeddingCache.Key key = keys[i];
            List<Integer> waiting = missing.get(key);
            if (waiting != null) {
                waiting.add(i);
                repeats++;
                continue;
            }
            Integer info = cached[i];
            if (info != null) {
                fromCache++;
                if (EmbeddingCache.truncatedOf(info)) {
                    truncated++;
                }
            } else {
                List<Integer> positions = new ArrayList<>();
                positions.add(i);
                missing.put(key, positions);
                toEncode.add(texts.get(i));
                toEncodeKeys.add(key);
            }
        }
        progress.increment(fromCache + repeats);
        long tokens = 0;
        if (!toEncode.isEmpty()) {
            CacheAppender appender = new CacheAppender(toEncodeKeys);
            Encoder.Encoded encoded = encoder.encode(toEncode, progress, appender);
            float[] v = encoded.vectors().data();
            for (int j = 0; j < toEncode.size(); j++) {
                Encoder.TokenCount tc = encoded.tokens().get(j);
                tokens += tc.tokens();
                List<Integer> positions = missing.get(toEncodeKeys.get(j));
                for (int pos : positions) {
                    System.arraycopy(v, j * dim, out, pos * dim, dim);
                    if (tc.truncated()) {
                        truncated++;
                    }
                }
            }
        }
        progress.end();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(
                new Embeddings(out, texts.size(), dim),
                new Report(
                        texts.size(),
                        fromCache + repeats,
                        toEncode.size(),
                        truncated,
                        tokens,
                        seconds));
    }

    /**
     * Appends each finished batch to the cache at once, so that a request cancelled, failed or
     * killed part-way keeps what it finished: the next request encodes only the rest. A write that
     * fails is logged once and the request goes on without the cache.
     */
    private final class CacheAppender implements Encoder.BatchSink {
        private final List<EmbeddingCache.Key> keys;
        private volatile boolean failed;

        CacheAppender(List<EmbeddingCache.Key> keys) {
            this.keys = keys;
        }

        @Override
        public void accept(int[] positions, float[] vectors, List<Encoder.TokenCount> tokens) {
            if (cache == null || failed) {
                return;
            }
            EmbeddingCache.Key[] batchKeys = new EmbeddingCache.Key[positions.length];
            int[] infos = new int[positions.length];
            for (int i = 0; i < positions.length; i++) {
                batchKeys[i] = keys.get(positions[i]);
                Encoder.TokenCount tc = tokens.get(i);
                infos[i] = EmbeddingCache.info(tc.tokens(), tc.truncated());
            }
            try {
                cache.putAll(batchKeys, infos, vectors);
            } catch (IOException e) {
                failed = true;
                LOG.warn(
                        "Could not append to the embedding cache {}: {}",
                        cache.file(),
                        e.toString());
            }
        }
    }

    /** Closes the cache; the encoder belongs to the caller. */
    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
    }
}
