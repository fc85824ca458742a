package org.taew.core.logic.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchException;

/** A UTF-8 text file with one text per line; each text's id is its line number. */
public final class TextLinesReader {
    private TextLinesReader() {}

    /** The option of {@code taew encode} that keeps empty lines as empty texts. */
    public static final String ALLOW_EMPTY = "--allow-empty";

    /**
     * Reads every line; an empty (or blank) line, bytes that are not UTF-8 or an empty file name
     * file and line.
     */
    public static List<TextItem> read(Path file) throws WorkbenchException {
        return read(file, false);
    }

    /**
     * Reads every line; with {@code allowEmpty} an empty or blank line is a text as it stands
     * (sentence-transformers encodes an empty string too), else it is refused: in a file of one
     * text per line it is more often a mistake than a text.
     */
    public static List<TextItem> read(Path file, boolean allowEmpty) throws WorkbenchException {
        List<TextItem> items = new ArrayList<>();
        try (StrictLines lines = new StrictLines(file)) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank() && !allowEmpty) {
                    throw lines.error(
                            "empty line; expected one text per line (to encode empty lines as"
                                    + " empty texts, as sentence-transformers does, pass "
                                    + ALLOW_EMPTY
                                    + ")");
                }
                items.add(new TextItem(Integer.toString(lines.lineNumber()), line));
            }
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + file, e);
        }
        if (items.isEmpty()) {
            throw WorkbenchException.badInput(file + ": no texts");
        }
        return items;
    }
}
