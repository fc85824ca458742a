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

    /**
     * Reads every line; an empty line, bytes that are not UTF-8 or an empty file name file and
     * line.
     */
    public static List<TextItem> read(Path file) throws WorkbenchException {
        List<TextItem> items = new ArrayList<>();
        try (StrictLines lines = new StrictLines(file)) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank()) {
                    throw lines.error("empty line; expected one text per line");
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
