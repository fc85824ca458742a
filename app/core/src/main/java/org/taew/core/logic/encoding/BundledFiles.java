package org.taew.core.logic.encoding;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.Hashing;
import org.taew.core.util.WorkbenchException;

/**
 * The files of a bundled model copied out of their jars into its folder, each checked against its
 * SHA-256 once: a marker file remembers which files were checked (name, size, modification time),
 * so an intact folder is not copied again.
 */
final class BundledFiles {
    static final String VERIFIED_MARKER = ".taew-verified";

    private BundledFiles() {}

    /**
     * Copies the model's {@code files} (and, from the jars on the class path, its {@code variants}:
     * those already intact, or all of them when {@code variants}) into {@code dir} where they are
     * not intact.
     *
     * @param entry the model's entry of {@code bundled-models.json}
     * @return the marker text for the files now in the folder
     */
    static String copyVerified(Path dir, String artifact, JsonObject entry, boolean variants)
            throws WorkbenchException {
        StringBuilder marker = new StringBuilder();
        for (Map.Entry<String, JsonElement> f : entry.getAsJsonObject("files").entrySet()) {
            JsonObject spec = f.getValue().getAsJsonObject();
            Path target = dir.resolve(f.getKey());
            String expected = spec.get("sha256").getAsString();
            long size = spec.get("size").getAsLong();
            if (!verified(dir, target, size)) {
                copyChecked(artifact, "/" + spec.get("resource").getAsString(), target, expected);
            }
            marker.append(stamp(target)).append('\n');
        }
        // other precisions (int8), each from its own jar: taken when that jar is on the class path
        if (entry.has("variants")) {
            for (Map.Entry<String, JsonElement> f : entry.getAsJsonObject("variants").entrySet()) {
                JsonObject spec = f.getValue().getAsJsonObject();
                String resource = "/" + spec.get("resource").getAsString();
                if (BundledFiles.class.getResource(resource) == null) {
                    continue;
                }
                Path target = dir.resolve(f.getKey());
                boolean intact = verified(dir, target, spec.get("size").getAsLong());
                if (!intact && !variants) {
                    continue; // not asked for: left as it is
                }
                if (!intact) {
                    copyChecked(
                            spec.get("artifact").getAsString(),
                            resource,
                            target,
                            spec.get("sha256").getAsString());
                }
                marker.append(stamp(target)).append('\n');
            }
        }
        return marker.toString();
    }

    /** Writes {@code text} to {@code file} unless the file already holds exactly that. */
    static void writeIfChanged(Path file, String text) throws IOException, WorkbenchException {
        if (!Files.isRegularFile(file)
                || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            AtomicFiles.writeString(file, text);
        }
    }

    /**
     * A file counts as verified when the marker written after its checksum check still matches it.
     */
    private static boolean verified(Path dir, Path target, long size) {
        try {
            Path markerFile = dir.resolve(VERIFIED_MARKER);
            if (!Files.isRegularFile(target)
                    || Files.size(target) != size
                    || !Files.isRegularFile(markerFile)) {
                return false;
            }
            return Files.readAllLines(markerFile, StandardCharsets.UTF_8).contains(stamp(target));
        } catch (IOException e) {
            return false;
        }
    }

    private static String stamp(Path file) {
        try {
            return file.getFileName()
                    + " "
                    + Files.size(file)
                    + " "
                    + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return file.getFileName() + " ?";
        }
    }

    private static void copyChecked(String artifact, String resource, Path target, String expected)
            throws WorkbenchException {
        MessageDigest digest = Hashing.sha256();
        AtomicFiles.write(
                target,
                out -> {
                    try (InputStream in = BundledFiles.class.getResourceAsStream(resource);
                            OutputStream dout = new DigestOutputStream(out, digest)) {
                        if (in == null) {
                            throw new IOException("resource " + resource + " is missing");
                        }
                        in.transferTo(dout);
                    }
                    String actual = HexFormat.of().formatHex(digest.digest());
                    if (!actual.equals(expected)) {
                        throw new IOException(
                                "checksum mismatch for "
                                        + resource
                                        + " from "
                                        + artifact
                                        + ": SHA-256 "
                                        + actual
                                        + ", expected "
                                        + expected);
                    }
                });
    }
}
