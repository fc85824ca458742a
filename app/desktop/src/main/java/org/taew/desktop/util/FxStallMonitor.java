package org.taew.desktop.util;

import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread is kept from running: a probe thread posts a tiny action every
 * {@code periodMillis} and records how late it ran. The longest delay is the longest stall a user
 * could feel as a frozen window. While a probe is late by more than 50 ms, the FX thread's stack is
 * sampled, so the longest stall comes with where the FX thread was during it.
 */
public final class FxStallMonitor implements AutoCloseable {
    private static final long SAMPLE_AFTER_NANOS = 50_000_000L;

    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread probe;
    private volatile boolean running = true;
    private volatile Thread fxThread;
    private volatile String worstStack = "";

    public FxStallMonitor(long periodMillis) {
        probe = new Thread(() -> loop(periodMillis), "fx-stall-probe");
        probe.setDaemon(true);
        probe.start();
    }

    private void loop(long periodMillis) {
        while (running) {
            long posted = System.nanoTime();
            Object done = new Object();
            boolean[] ran = {false};
            long[] late = {0};
            Platform.runLater(
                    () -> {
                        fxThread = Thread.currentThread();
                        late[0] = System.nanoTime() - posted;
                        samples.incrementAndGet();
                        synchronized (done) {
                            ran[0] = true;
                            done.notifyAll();
                        }
                    });
            StringBuilder seen = new StringBuilder();
            synchronized (done) {
                while (!ran[0] && running) {
                    try {
                        done.wait(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Thread fx = fxThread;
                    if (!ran[0] && fx != null && System.nanoTime() - posted > SAMPLE_AFTER_NANOS) {
                        seen.append("fx: ").append(top(fx.getStackTrace())).append('\n');
                        Thread r = renderer();
                        if (r != null) {
                            seen.append("  renderer: ").append(top(r.getStackTrace())).append('\n');
                        }
                    }
                }
            }
            if (late[0] > maxNanos.get()) {
                maxNanos.set(late[0]);
                worstStack = seen.toString();
            }
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Thread renderThread;

    /** JavaFX's render thread (QuantumRenderer), which the FX thread waits for at each pulse. */
    private Thread renderer() {
        if (renderThread == null) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("QuantumRenderer")) {
                    renderThread = t;
                }
            }
        }
        return renderThread;
    }

    private static String top(StackTraceElement[] st) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(12, st.length); i++) {
            sb.append(i == 0 ? "" : " < ")
                    .append(
                            st[i].getClassName()
                                    .substring(st[i].getClassName().lastIndexOf('.') + 1))
                    .append('.')
                    .append(st[i].getMethodName())
                    .append(':')
                    .append(st[i].getLineNumber());
        }
        return sb.toString();
    }

    /** Forgets what was measured so far. */
    public void reset() {
        maxNanos.set(0);
        samples.set(0);
        worstStack = "";
    }

    public double maxStallMillis() {
        return maxNanos.get() / 1e6;
    }

    public long samples() {
        return samples.get();
    }

    /** Where the FX thread was (sampled every 10 ms) during the longest stall, one line each. */
    public String worstStack() {
        return worstStack;
    }

    @Override
    public void close() {
        running = false;
        probe.interrupt();
    }
}
