package org.taew.report.html;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;

/** Saves a report: one file, written whole or not at all. */
public final class HtmlReports {
    private HtmlReports() {}

    /**
     * Refuses a report path that cannot take an HTML page (a folder, another kind of file) before
     * any work is done.
     */
    public static void check(Path file) throws WorkbenchException {
        if (Files.isDirectory(file)) {
            throw WorkbenchException.badInput(
                    file
                            + " is a folder: give the report a file name, e.g. "
                            + file.resolve("report.html"));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".html") && !name.endsWith(".htm")) {
            throw WorkbenchException.badInput(
                    file + ": a report is an HTML page; give a file name ending in .html");
        }
    }

    /** Writes {@code html} as {@code file} (write, then rename); returns the file. */
    public static Path write(Path file, String html) throws WorkbenchException {
        check(file);
        AtomicFiles.writeString(file, html);
        return file;
    }
}
