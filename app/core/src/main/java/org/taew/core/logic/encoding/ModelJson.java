package org.taew.core.logic.encoding;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.taew.core.util.WorkbenchException;

/** The JSON files of a model folder: read as objects, their values looked up with defaults. */
final class ModelJson {
    /** The workbench's own descriptor of a model folder. */
    static final String DESCRIPTOR = "taew-model.json";

    private ModelJson() {}

    /** The file's JSON object, or null when there is no such file. */
    static JsonObject json(Path file) throws WorkbenchException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.MODEL, file + ": expected a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException | IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    file + ": not valid JSON (" + e.getMessage() + ")",
                    e);
        }
    }

    static String string(JsonObject o, String key, String fallback) {
        if (o == null || !o.has(key) || o.get(key).isJsonNull()) {
            return fallback;
        }
        return o.get(key).getAsString();
    }

    static boolean bool(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() && o.get(key).getAsBoolean();
    }
}
