package org.taew.desktop.instructions;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taew.core.model.TaskTemplates;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.Hashing;
import org.taew.core.util.WorkbenchException;

/**
 * Unsaved edits of an instruction file, kept beside it as {@code .NAME.autosave} (JSON) after every
 * pause in typing, so they survive a crash or a forced quit. Drafts are stored as typed, valid or
 * not. When the instructions folder cannot be written, the copy goes to the workbench home's {@code
 * autosave/} folder instead.
 */
final class AutosaveStore {
    private static final Logger LOG = LoggerFactory.getLogger(AutosaveStore.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** Drafts found for a file, and when they were written. */
    record Drafts(Map<String, TaskTemplates> tasks, Instant savedAt, Path location) {}

    private final Path fallbackDir;

    AutosaveStore(Path fallbackDir) {
        this.fallbackDir = fallbackDir;
    }

    Path besideFile(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".autosave");
    }

    Path fallbackFile(Path file) {
        String key =
                Hashing.sha256Hex(file.toAbsolutePath().normalize().toString()).substring(0, 16);
        return fallbackDir.resolve(file.getFileName() + "-" + key + ".autosave");
    }

    /**
     * Writes the drafts; an empty map removes the autosave. Returns where they were written.
     *
     * @param beside whether the copy may go beside {@code file} (not beside a model's prompts)
     */
    Path write(Path file, Map<String, TaskTemplates> drafts, boolean beside)
            throws WorkbenchException {
        if (drafts.isEmpty()) {
            delete(file);
            return null;
        }
        JsonObject root = new JsonObject();
        root.addProperty("file", file.getFileName().toString());
        root.addProperty("savedAt", Instant.now().toString());
        JsonObject tasks = new JsonObject();
        for (Map.Entry<String, TaskTemplates> e : drafts.entrySet()) {
            JsonObject t = new JsonObject();
            t.addProperty("query", e.getValue().query());
            t.addProperty("document", e.getValue().document());
            t.addProperty("instruction", e.getValue().instruction());
            t.addProperty(
                    "exclude_instruction_from_pooling",
                    e.getValue().excludeInstructionFromPooling());
            tasks.add(e.getKey(), t);
        }
        root.add("tasks", tasks);
        String json = GSON.toJson(root) + "\n";
        if (!beside) {
            Path fb = fallbackFile(file);
            AtomicFiles.writeString(fb, json);
            return fb;
        }
        Path besideFile = besideFile(file);
        try {
            AtomicFiles.writeString(besideFile, json);
            deleteQuietly(fallbackFile(file));
            return besideFile;
        } catch (WorkbenchException e) {
            LOG.warn("Cannot autosave beside {}: {}; using {}", file, e.getMessage(), fallbackDir);
            Path fb = fallbackFile(file);
            AtomicFiles.writeString(fb, json);
            return fb;
        }
    }

    /** The newer of the autosaves of {@code file}, if any can be read. */
    Optional<Drafts> read(Path file) throws WorkbenchException {
        Drafts best = null;
        for (Path p : new Path[] {besideFile(file), fallbackFile(file)}) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            Drafts d = parse(p);
            if (best == null || d.savedAt().isAfter(best.savedAt())) {
                best = d;
            }
        }
        return Optional.ofNullable(best);
    }

    void delete(Path file) {
        deleteQuietly(besideFile(file));
        deleteQuietly(fallbackFile(file));
    }

    private static Drafts parse(Path p) throws WorkbenchException {
        try {
            JsonObject root =
                    GSON.fromJson(Files.readString(p, StandardCharsets.UTF_8), JsonObject.class);
            Map<String, TaskTemplates> tasks = new LinkedHashMap<>();
            JsonObject t = root.getAsJsonObject("tasks");
            for (String name : t.keySet()) {
                JsonObject o = t.getAsJsonObject(name);
                tasks.put(
                        name,
                        new TaskTemplates(
                                o.get("query").getAsString(),
                                o.get("document").getAsString(),
                                o.has("instruction") ? o.get("instruction").getAsString() : "",
                                o.has("exclude_instruction_from_pooling")
                                        && o.get("exclude_instruction_from_pooling")
                                                .getAsBoolean()));
            }
            Instant at =
                    root.has("savedAt")
                            ? Instant.parse(root.get("savedAt").getAsString())
                            : Files.getLastModifiedTime(p).toInstant();
            return new Drafts(tasks, at, p);
        } catch (IOException
                | JsonParseException
                | IllegalStateException
                | NullPointerException
                | ClassCastException
                | DateTimeParseException e) {
            throw WorkbenchException.badInput(
                    p
                            + ": the autosaved edits cannot be read ("
                            + e.getMessage()
                            + "); the file is kept for you to look at");
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", p, e.getMessage());
        }
    }
}
