package org.taew.desktop.util;

import java.util.HashMap;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** A debouncer on the FX thread's timeline: call it from the FX thread only. */
public final class FxDebouncer implements Debouncer {
    private final Duration delay;
    private final Map<String, PauseTransition> pending = new HashMap<>();

    public FxDebouncer(Duration delay) {
        this.delay = delay;
    }

    @Override
    public void schedule(String key, Runnable action) {
        PauseTransition p = pending.computeIfAbsent(key, k -> new PauseTransition(delay));
        p.stop();
        p.setOnFinished(e -> action.run());
        p.playFromStart();
    }
}
