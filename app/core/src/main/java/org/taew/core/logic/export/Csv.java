package org.taew.core.logic.export;

/** RFC 4180 quoting. */
public final class Csv {
    private Csv() {}

    public static String field(String s) {
        if (s.indexOf(',') < 0
                && s.indexOf('"') < 0
                && s.indexOf('\n') < 0
                && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
