package org.taew.core.logic.encoding;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.taew.core.util.WorkbenchException;

/**
 * How models fetched from the Hugging Face Hub are named and laid out under the models folder:
 * {@code ORG/NAME@COMMIT} (the commit's first 12 characters), each with {@value #RECORD}; fetches
 * in progress under {@value #PARTIAL}, never taken for a model.
 */
public final class FetchedModels {
    /** What a fetched folder records about its origin (repository, revision, commit, files). */
    public static final String RECORD = "taew-fetched.json";

    /** Where fetches in progress live, under the models folder. */
    public static final String PARTIAL = ".partial";

    private static final Pattern SPEC =
            Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)/([A-Za-z0-9][A-Za-z0-9._-]*)(?:@(.+))?");

    private FetchedModels() {}

    /** {@code ORG/NAME[@REVISION]}, parsed; the revision is {@code main} when not given. */
    public record Spec(String repo, String revision) {
        public static Spec parse(String text) throws WorkbenchException {
            Matcher m = SPEC.matcher(text.strip());
            if (!m.matches()) {
                throw WorkbenchException.badInput(
                        "\""
                                + text
                                + "\" is not a Hub model name: expected ORG/NAME or ORG/NAME@REVISION, e.g."
                                + " BAAI/bge-small-en-v1.5");
            }
            return new Spec(
                    m.group(1) + "/" + m.group(2), m.group(3) == null ? "main" : m.group(3));
        }

        /** The organisation, the part before the slash. */
        public String org() {
            return repo.substring(0, repo.indexOf('/'));
        }

        /** The name, the part after the slash. */
        public String name() {
            return repo.substring(repo.indexOf('/') + 1);
        }
    }

    /** What {@value #RECORD} says: where a folder came from, and its files' bytes. */
    public record Origin(String repo, String revision, String commit, long bytes, String fetched) {}

    /**
     * The origin of a fetched folder, or empty when it was not fetched (or its record is broken).
     */
    public static Optional<Origin> origin(Path dir) {
        Path record = dir.resolve(RECORD);
        if (!Files.isRegularFile(record)) {
            return Optional.empty();
        }
        try {
            JsonObject o =
                    JsonParser.parseString(Files.readString(record, StandardCharsets.UTF_8))
                            .getAsJsonObject();
            long bytes = 0;
            for (JsonElement f : o.getAsJsonArray("files")) {
                bytes += Math.max(0, f.getAsJsonObject().get("size").getAsLong());
            }
            return Optional.of(
                    new Origin(
                            o.get("repo").getAsString(),
                            o.get("revision").getAsString(),
                            o.get("commit").getAsString(),
                            bytes,
                            o.has("fetched") ? o.get("fetched").getAsString() : ""));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The folder a fetched commit of {@code repo} lives in. */
    public static Path folder(Path modelsDir, String repo, String commit) {
        Spec s = new Spec(repo, commit);
        return modelsDir.resolve(s.org()).resolve(s.name() + "@" + shortCommit(commit));
    }

    /** Where a fetch of that commit is downloaded before it is moved into place. */
    public static Path partialFolder(Path modelsDir, String repo, String commit) {
        return modelsDir
                .resolve(PARTIAL)
                .resolve(repo.replace("/", "__") + "@" + shortCommit(commit));
    }

    /** A commit's first 12 characters, as folder names use it. */
    public static String shortCommit(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
