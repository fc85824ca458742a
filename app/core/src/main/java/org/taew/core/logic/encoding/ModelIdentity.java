package org.taew.core.logic.encoding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.taew.core.logic.weights.DenseLayer;
import org.taew.core.logic.weights.MalformedWeightsException;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.Hashing;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;

/**
 * A model's identity: a hash of every file and setting its vectors depend on, so that vectors are
 * cached and compared only between the same model. File hashes are remembered in the workbench
 * home.
 */
final class ModelIdentity {
    private ModelIdentity() {}

    /** What the Dense modules add to the model's identity: each one's config and weights. */
    static String dense(Path dir, List<String> dense) throws WorkbenchException {
        StringBuilder b = new StringBuilder();
        for (String d : dense) {
            Path folder = dir.resolve(d);
            try {
                b.append(";dense=")
                        .append(cachedSha256(folder.resolve("config.json")))
                        .append('/')
                        .append(cachedSha256(DenseLayer.weightsFile(folder)));
            } catch (MalformedWeightsException e) {
                throw new WorkbenchException(WorkbenchException.Kind.MODEL, e.getMessage(), e);
            }
        }
        return b.toString();
    }

    /**
     * SHA-256 of a file, remembered in the workbench home by path, size and modification time so
     * that large weights are hashed once.
     */
    static String cachedSha256(Path file) throws WorkbenchException {
        try {
            Path abs = file.toAbsolutePath().normalize();
            long size = Files.size(abs);
            long mtime = Files.getLastModifiedTime(abs).toMillis();
            Path memo =
                    WorkbenchHome.resolve()
                            .resolve("hashes")
                            .resolve(Hashing.sha256Hex(abs.toString()));
            String stamp = size + " " + mtime + " ";
            if (Files.isRegularFile(memo)) {
                String line = Files.readString(memo, StandardCharsets.UTF_8).strip();
                if (line.startsWith(stamp) && line.length() == stamp.length() + 64) {
                    return line.substring(stamp.length());
                }
            }
            String sha = Hashing.sha256Hex(abs);
            AtomicFiles.writeString(memo, stamp + sha + "\n");
            return sha;
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
