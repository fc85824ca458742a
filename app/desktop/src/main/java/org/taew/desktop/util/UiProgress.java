package org.taew.desktop.util;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.taew.core.util.ProgressListener;

/**
 * Core progress, shown on the UI: a fraction and a line such as "task-aware queries 120/300 · 850
 * texts/s · about 0.2 s left". Called on the worker thread; at most one UI update is queued at a
 * time and at most ten are sent per second, so a fast encoder cannot flood the FX thread (each
 * update costs a layout and a frame).
 */
public final class UiProgress implements ProgressListener {
    private final Executor ui;
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile String phase = "";
    private volatile long max;
    private final AtomicLong done = new AtomicLong();
    private volatile long started;
    private volatile long lastSent;
    static final long MIN_INTERVAL_NANOS = 100_000_000L;

    public UiProgress(Executor ui) {
        this.ui = ui;
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    @Override
    public void reset(String message, long max) {
        this.phase = message;
        this.max = max;
        this.done.set(0);
        this.started = System.nanoTime();
        publish(true);
    }

    @Override
    public void increment(long steps) {
        done.addAndGet(steps); // encoder workers report from several threads
        publish(false);
    }

    @Override
    public void end() {
        done.set(max);
        publish(false);
    }

    /** Clears the bar (on the UI thread). */
    public void idle(String message) {
        phase = "";
        max = 0;
        done.set(0);
        fraction.set(0);
        text.set(message);
    }

    private void publish(boolean always) {
        long now = System.nanoTime();
        if (!always && now - lastSent < MIN_INTERVAL_NANOS) {
            return;
        }
        if (queued.compareAndSet(false, true)) {
            lastSent = now;
            ui.execute(
                    () -> {
                        queued.set(false);
                        long m = max;
                        long d = Math.min(done.get(), m);
                        fraction.set(m == 0 ? -1 : (double) d / m);
                        text.set(describe(phase, d, m, (System.nanoTime() - started) / 1e9));
                    });
        }
    }

    static String describe(String phase, long done, long max, double seconds) {
        StringBuilder sb = new StringBuilder(phase);
        sb.append(' ').append(done).append('/').append(max);
        if (done > 0 && seconds > 0.05) {
            double rate = done / seconds;
            sb.append(String.format(Locale.ROOT, " · %.0f texts/s", rate));
            if (done < max) {
                sb.append(String.format(Locale.ROOT, " · about %.1f s left", (max - done) / rate));
            }
        }
        return sb.toString();
    }
}
