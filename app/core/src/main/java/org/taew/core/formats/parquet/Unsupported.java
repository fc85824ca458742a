package org.taew.core.formats.parquet;

/** A valid file written in a way the workbench does not read; the message says which. */
final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
        super(message);
    }
}
