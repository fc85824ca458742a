package org.taew.core.logic.weights;

/** A weights file that cannot be read as what it claims to be; the message names the file. */
public final class MalformedWeightsException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedWeightsException(String message) {
        super(message);
    }
}
