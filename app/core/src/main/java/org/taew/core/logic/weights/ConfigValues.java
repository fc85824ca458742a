package org.taew.core.logic.weights;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reading Hugging Face's {@code config.json}: each bad value is one message naming file and key.
 */
final class ConfigValues {
    private ConfigValues() {}

    static JsonObject read(Path file) throws MalformedWeightsException {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new MalformedWeightsException(file + ": expected a JSON object");
            }
            return e.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            throw new MalformedWeightsException(
                    file + " cannot be read as JSON: " + e.getMessage());
        }
    }

    static boolean present(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull();
    }

    static int positive(JsonObject o, String key, String file) throws MalformedWeightsException {
        if (!o.has(key) || !o.get(key).isJsonPrimitive()) {
            throw new MalformedWeightsException(file + ": " + key + " is missing");
        }
        int v;
        try {
            v = o.get(key).getAsInt();
        } catch (NumberFormatException e) {
            throw new MalformedWeightsException(file + ": " + key + " must be a whole number");
        }
        if (v <= 0 || v > 1 << 20) {
            throw new MalformedWeightsException(file + ": " + key + " = " + v + " is out of range");
        }
        return v;
    }

    static int positive(JsonObject o, String key, int fallback, String file)
            throws MalformedWeightsException {
        return present(o, key) ? positive(o, key, file) : fallback;
    }

    static double number(JsonObject o, String key, double fallback, String file)
            throws MalformedWeightsException {
        if (!present(o, key)) {
            return fallback;
        }
        double v;
        try {
            v = o.get(key).getAsDouble();
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
            throw new MalformedWeightsException(file + ": " + key + " must be a number");
        }
        if (!Double.isFinite(v) || v <= 0) {
            throw new MalformedWeightsException(
                    file + ": " + key + " = " + v + " must be a positive number");
        }
        return v;
    }

    /** A string setting in lower case, or the fallback when absent. */
    static String string(JsonObject o, String key, String fallback) {
        return (present(o, key) && o.get(key).isJsonPrimitive())
                ? o.get(key).getAsString().toLowerCase(Locale.ROOT)
                : fallback;
    }

    static boolean bool(JsonObject o, String key, boolean fallback) {
        return (present(o, key) && o.get(key).isJsonPrimitive())
                ? o.get(key).getAsBoolean()
                : fallback;
    }

    /** Refuses a setting the native encoder does not implement, when it is set (not null/false). */
    static void refuseIfSet(JsonObject o, String key, String file, String why)
            throws MalformedWeightsException {
        if (!present(o, key)) {
            return;
        }
        JsonElement v = o.get(key);
        boolean off =
                v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && !v.getAsBoolean();
        if (!off) {
            throw new MalformedWeightsException(
                    file + ": " + key + " = " + v + " is not supported: " + why);
        }
    }
}
