package org.taew.desktop.session;

/** What the session is doing. */
public enum SessionState {
    /** Nothing runs; the numbers on screen are current. */
    IDLE,
    /** Reading a dataset and loading a model. */
    OPENING,
    /** Encoding, searching and measuring. */
    EVALUATING,
    /** Cancel was asked; the work stops at the next batch. */
    CANCELLING,
    /** The last open or evaluation failed (its dialog said why); the session waits for input. */
    FAILED;

    /** Whether work is running. */
    public boolean busy() {
        return this == OPENING || this == EVALUATING || this == CANCELLING;
    }
}
