package org.taew.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the option files in {@code jlink/}: options separated by white space, values with spaces in
 * single or double quotes, {@code #} to the end of the line a comment. The same files work as
 * {@code @file} arguments of jlink and jpackage (the documented Windows and macOS commands use them
 * so).
 */
public final class ArgFiles {
    private ArgFiles() {}

    public static List<String> read(Path file) throws BuildException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new BuildException("Cannot read the option file " + file + ": " + e.getMessage());
        }
    }

    static List<String> parse(String text, String source) throws BuildException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        int line = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\n') {
                    throw new BuildException(
                            source + ":" + quoteLine + ": the quote " + quote + " is not closed");
                } else {
                    cur.append(c);
                }
                continue;
            }
            if (c == '#' && cur == null) {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                quoteLine = line;
                if (cur == null) {
                    cur = new StringBuilder();
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new BuildException(
                    source + ":" + quoteLine + ": the quote " + quote + " is not closed");
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
