package org.taew.core.logic.datasets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.taew.core.model.TextItem;

/**
 * One line of a BEIR {@code corpus.jsonl} or {@code queries.jsonl} as a record — the rules {@link
 * BeirReader} and the Spark job share: a JSON object with a non-empty {@code _id}, a {@code text}
 * (on the corpus, a document may have its words in the {@code title} alone), each a string or a
 * number taken as its text; the text is {@code title + " " + text}, stripped, and not empty.
 */
public final class BeirRecord {
    private BeirRecord() {}

    /** A line that is no record; the message says why, without file and line. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /**
     * The record of {@code line}.
     *
     * @param withTitle a corpus line: its {@code title} goes before the text
     */
    public static TextItem parse(String line, boolean withTitle) throws Malformed {
        JsonObject obj;
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) {
                throw new Malformed("expected a JSON object like {\"_id\": …, \"text\": …}");
            }
            obj = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new Malformed("is not valid JSON: " + conciseJsonError(e));
        }
        String id = field(obj, "_id", true);
        if (id.isBlank()) {
            throw new Malformed("\"_id\" is empty");
        }
        String text = field(obj, "text", !withTitle);
        String title = withTitle ? field(obj, "title", false) : "";
        String full = documentText(title, text);
        if (full.isEmpty()) {
            throw new Malformed(
                    "\""
                            + id
                            + "\" has no text"
                            + (withTitle ? " (title and text are both empty)" : ""));
        }
        return new TextItem(id, full);
    }

    /**
     * The text a BEIR record is embedded as: {@code title + " " + text}, stripped (a query, or a
     * document without a title, is its text). The one place this rule lives: the reader and the
     * Spark job both use it.
     */
    public static String documentText(String title, String text) {
        return ((title == null ? "" : title) + " " + text).strip();
    }

    /** The field as a string; "" when it is missing and not required. */
    private static String field(JsonObject obj, String name, boolean required) throws Malformed {
        JsonElement e = obj.get(name);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw new Malformed("missing field \"" + name + "\"");
            }
            return "";
        }
        if (!e.isJsonPrimitive()
                || !(e.getAsJsonPrimitive().isString() || e.getAsJsonPrimitive().isNumber())) {
            throw new Malformed("field \"" + name + "\" must be a string");
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.getAsString();
    }

    private static String conciseJsonError(JsonParseException e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int see = m.indexOf("\nSee ");
        return see > 0 ? m.substring(0, see) : m;
    }
}
