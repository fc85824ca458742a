package org.taew.installer;

/** A build step that cannot go on; the message says what and where. */
public final class BuildException extends Exception {
    private static final long serialVersionUID = 1L;

    public BuildException(String message) {
        super(message);
    }
}
