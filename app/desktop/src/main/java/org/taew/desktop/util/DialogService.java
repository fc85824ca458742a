package org.taew.desktop.util;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything that asks the user or tells them something in a window, behind one interface so that
 * view models can be tested with a recording fake.
 */
public interface DialogService {
    /** An error: a clear message, and the technical details in an expandable section. */
    void showError(String title, String message, Throwable details);

    void showInformation(String title, String message);

    /**
     * Information with a text to read and copy (settings, code): {@code message} above it, the text
     * selectable in a monospaced box.
     */
    default void showText(String title, String message, String text) {
        showInformation(title, message + "\n\n" + text);
    }

    /** Asks a yes/no question; true for {@code yes}. */
    boolean confirm(String title, String message, String yes, String no);

    Optional<String> askText(String title, String prompt, String initial);

    Optional<Path> chooseFolder(String title, Path initial);

    /** A file to read, of one of the {@code extensions} (without the dot). */
    Optional<Path> chooseOpenFile(String title, Path initialDir, String... extensions);

    /** A file to write; {@code extension} without the dot, e.g. {@code png}. */
    Optional<Path> chooseSaveFile(
            String title, Path initialDir, String initialName, String extension);
}
