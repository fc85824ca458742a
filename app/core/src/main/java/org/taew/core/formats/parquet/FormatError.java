package org.taew.core.formats.parquet;

/** The bytes are not what the parquet format prescribes; the message says where it broke. */
final class FormatError extends Exception {
    private static final long serialVersionUID = 1L;

    FormatError(String message) {
        super(message);
    }
}
