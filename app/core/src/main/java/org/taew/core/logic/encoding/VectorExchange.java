package org.taew.core.logic.encoding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.taew.core.formats.parquet.ParquetFile;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Vectors computed elsewhere (the Spark job, {@code taew-spark encode}), as parquet files that the
 * embedding cache takes in: one row per text, keyed exactly as the cache keys it. Columns:
 *
 * <ul>
 *   <li>{@value #KEY}: the cache key, 32 bytes (SHA-256 of the text the encoder saw, instruction
 *       applied, and of the part left out of pooling: {@link EmbeddingCache#key})
 *   <li>{@value #ID}: the query or document id
 *   <li>{@value #TEMPLATE}: the template applied ({@code "query: {text}"}, {@code "{text}"})
 *   <li>{@value #SIDE}: {@code query} or {@code document}
 *   <li>{@value #MODEL}: the identity the cache files vectors under ({@link
 *       EmbeddingService#cacheIdentity})
 *   <li>{@value #TOKENS}, {@value #TRUNCATED}: what the encoder counted
 *   <li>{@value #VECTOR}: the vector, float32 little-endian, as the encoder returned it
 * </ul>
 *
 * A folder is taken only when complete: Spark writes {@value #SUCCESS} last, after committing every
 * part.
 */
public final class VectorExchange {
    public static final String KEY = "key";
    public static final String ID = "id";
    public static final String TEMPLATE = "template";

    /** {@code query} or {@code document}: which side's template was applied. */
    public static final String SIDE = "side";

    public static final String MODEL = "model";
    public static final String TOKENS = "tokens";
    public static final String TRUNCATED = "truncated";
    public static final String VECTOR = "vector";

    /** The marker a finished Spark job writes into its output folder. */
    public static final String SUCCESS = "_SUCCESS";

    private static final int BATCH = 4096;

    private VectorExchange() {}

    /** {@code dim} floats from {@code offset} as little-endian bytes. */
    public static byte[] toBytes(float[] v, int offset, int dim) {
        ByteBuffer b = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < dim; i++) {
            b.putFloat(v[offset + i]);
        }
        return b.array();
    }

    /** Little-endian float32 bytes into {@code dest} from {@code offset}. */
    public static void fromBytes(byte[] bytes, float[] dest, int offset) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < bytes.length / 4; i++) {
            dest[offset + i] = b.getFloat();
        }
    }

    /**
     * What an import did.
     *
     * @param files parquet parts read
     * @param rows rows read
     * @param added vectors added to the cache
     * @param alreadyCached rows whose key the cache had (or that repeated one)
     */
    public record ImportReport(int files, long rows, long added, long alreadyCached) {}

    /** The parquet parts of a finished output folder, in name order; refused when unfinished. */
    public static List<Path> parts(Path dir) throws WorkbenchException {
        if (!Files.isDirectory(dir)) {
            throw WorkbenchException.badInput(dir + " is not a folder of vector files");
        }
        if (!Files.exists(dir.resolve(SUCCESS))) {
            throw WorkbenchException.badInput(
                    dir
                            + " has no "
                            + SUCCESS
                            + " marker: the job that wrote it did not finish (or it is not the"
                            + " output of taew-spark encode); nothing imported");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> parts =
                    files.filter(
                                    p -> {
                                        String n = p.getFileName().toString();
                                        return n.startsWith("part-") && n.endsWith(".parquet");
                                    })
                            .sorted()
                            .toList();
            if (parts.isEmpty()) {
                throw WorkbenchException.badInput(dir + " holds no part-*.parquet files");
            }
            return parts;
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds the vectors of a finished output folder to the cache of {@code service}'s model. Every
     * row must carry that model's identity and dimension: vectors of another model (or another
     * precision or engine) are refused, naming the file and row, before anything is added from that
     * file.
     */
    public static ImportReport importInto(
            Path dir, EmbeddingService service, ProgressListener progress)
            throws WorkbenchException {
        EmbeddingCache cache = service.cache();
        if (cache == null) {
            throw WorkbenchException.badInput(
                    "The embedding cache is off (--no-cache); there is nothing to import into");
        }
        String identity = cacheIdentity(service.encoder());
        int dim = cache.dimension();
        List<Path> parts = parts(dir);
        progress.reset("Importing vectors from " + dir, parts.size());
        long rows = 0;
        long added = 0;
        long already = 0;
        for (Path part : parts) {
            List<EmbeddingCache.Key> keys = new ArrayList<>();
            List<Integer> infos = new ArrayList<>();
            List<byte[]> vectors = new ArrayList<>();
            try (ParquetFile f = ParquetFile.open(part)) {
                ParquetFile.Rows r = f.rows(List.of(KEY, MODEL, TOKENS, TRUNCATED, VECTOR));
                while (r.next()) {
                    rows++;
                    Object model = r.get(1);
                    if (!identity.equals(model)) {
                        throw WorkbenchException.badInput(
                                part
                                        + ", row "
                                        + r.rowNumber()
                                        + ": vectors of model identity "
                                        + shortened(model)
                                        + ", but "
                                        + service.model().name()
                                        + " (as opened here) has "
                                        + shortened(identity)
                                        + "; encode with the same model folder, precision and"
                                        + " engine, or open that model here");
                    }
                    byte[] vector = bytesOf(r.get(4), part, r.rowNumber(), VECTOR);
                    if (vector.length != 4 * dim) {
                        throw WorkbenchException.badInput(
                                part
                                        + ", row "
                                        + r.rowNumber()
                                        + ": a vector of "
                                        + vector.length / 4
                                        + " dimensions; the model has "
                                        + dim);
                    }
                    byte[] key = bytesOf(r.get(0), part, r.rowNumber(), KEY);
                    if (key.length != 32) {
                        throw WorkbenchException.badInput(
                                part
                                        + ", row "
                                        + r.rowNumber()
                                        + ": a key of "
                                        + key.length
                                        + " bytes, not 32");
                    }
                    Object tokens = r.get(2);
                    Object truncated = r.get(3);
                    if (!(tokens instanceof Long t) || !(truncated instanceof Boolean cut)) {
                        throw WorkbenchException.badInput(
                                part
                                        + ", row "
                                        + r.rowNumber()
                                        + ": tokens or truncated is missing");
                    }
                    keys.add(EmbeddingCache.Key.ofBytes(key));
                    infos.add(EmbeddingCache.info((int) (long) t, cut));
                    vectors.add(vector);
                }
            }
            long[] counts = store(cache, keys, infos, vectors, dim);
            added += counts[0];
            already += counts[1];
            progress.increment(1);
        }
        progress.end();
        return new ImportReport(parts.size(), rows, added, already);
    }

    /** Adds what the cache lacks in batches; returns {added, already there or repeated}. */
    private static long[] store(
            EmbeddingCache cache,
            List<EmbeddingCache.Key> keys,
            List<Integer> infos,
            List<byte[]> vectors,
            int dim)
            throws WorkbenchException {
        long added = 0;
        long already = 0;
        Set<EmbeddingCache.Key> seen = new HashSet<>();
        List<Integer> batch = new ArrayList<>();
        for (int i = 0; i <= keys.size(); i++) {
            if (i < keys.size()) {
                EmbeddingCache.Key k = keys.get(i);
                if (!seen.add(k) || cache.contains(k)) {
                    already++;
                    continue;
                }
                batch.add(i);
            }
            if (batch.size() == BATCH || (i == keys.size() && !batch.isEmpty())) {
                EmbeddingCache.Key[] bk = new EmbeddingCache.Key[batch.size()];
                int[] bi = new int[batch.size()];
                float[] bv = new float[batch.size() * dim];
                for (int j = 0; j < batch.size(); j++) {
                    int at = batch.get(j);
                    bk[j] = keys.get(at);
                    bi[j] = infos.get(at);
                    fromBytes(vectors.get(at), bv, j * dim);
                }
                try {
                    cache.putAll(bk, bi, bv);
                } catch (IOException e) {
                    throw new WorkbenchException(
                            WorkbenchException.Kind.IO,
                            "Cannot write the embedding cache "
                                    + cache.file()
                                    + ": "
                                    + e.getMessage(),
                            e);
                }
                added += batch.size();
                batch.clear();
            }
        }
        return new long[] {added, already};
    }

    /** The identity vectors of this encoder are cached and exchanged under. */
    public static String cacheIdentity(Encoder encoder) {
        return EmbeddingService.cacheIdentity(encoder);
    }

    private static byte[] bytesOf(Object v, Path part, long row, String column)
            throws WorkbenchException {
        if (v instanceof byte[] b) {
            return b;
        }
        throw WorkbenchException.badInput(part + ", row " + row + ": " + column + " is not binary");
    }

    private static String shortened(Object identity) {
        String s = String.valueOf(identity);
        return s.length() > 16 ? s.substring(0, 16) + "…" : s;
    }
}
