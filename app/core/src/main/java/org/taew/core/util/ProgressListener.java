package org.taew.core.util;

/**
 * Progress of a long operation, in the shape of DJL's {@code ai.djl.util.Progress}: {@link #reset}
 * announces a phase and its size, {@link #increment} advances it, {@link #end} closes it.
 * Implementations must be cheap and may be called from a worker thread.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE =
            new ProgressListener() {
                @Override
                public void reset(String message, long max) {}

                @Override
                public void increment(long steps) {}

                @Override
                public void end() {}
            };

    /** Starts a phase named {@code message} of {@code max} steps (texts, for encoding). */
    void reset(String message, long max);

    /** Advances the current phase. */
    void increment(long steps);

    /** Ends the current phase. */
    void end();

    /**
     * Throws {@link WorkbenchException} of kind CANCELLED when the current thread was interrupted.
     */
    static void checkCancelled() throws WorkbenchException {
        if (Thread.currentThread().isInterrupted()) {
            throw WorkbenchException.cancelled();
        }
    }
}
