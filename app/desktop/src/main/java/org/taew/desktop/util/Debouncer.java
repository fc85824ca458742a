package org.taew.desktop.util;

/**
 * Runs an action once a burst of calls has paused, e.g. re-evaluation after typing stops. The
 * application uses {@link FxDebouncer}; tests run the action at once.
 */
@FunctionalInterface
public interface Debouncer {
    /** Schedules {@code action}, replacing the one scheduled before under the same key. */
    void schedule(String key, Runnable action);

    /** Runs every action at once (tests). */
    Debouncer IMMEDIATE = (key, action) -> action.run();
}
