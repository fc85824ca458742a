package org.taew.core.logic.production;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** Strings as they are written in the settings an export prints. */
final class Quoting {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Quoting() {}

    /**
     * A JSON string literal, which is also a Python one: double quotes, line breaks and other
     * control characters escaped.
     */
    static String json(String s) {
        return GSON.toJson(s);
    }

    /** A word for a POSIX shell: as it is when it is plain, else in single quotes. */
    static String shell(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
