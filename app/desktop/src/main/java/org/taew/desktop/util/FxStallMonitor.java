package org.taew.desktop.util;

import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread is kept from running: a probe thread posts a tiny action every
 * {@code periodMillis} and records how late it ran. The longest delay is the longest stall a user
 * could feel as a frozen window.
 */
public final class FxStallMonitor implements AutoCloseable {
    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread probe;
    private volatile boolean running = true;

    public FxStallMonitor(long periodMillis) {
        probe =
                new Thread(
                        () -> {
                            while (running) {
                                long posted = System.nanoTime();
                                Object done = new Object();
                                boolean[] ran = {false};
                                Platform.runLater(
                                        () -> {
                                            long late = System.nanoTime() - posted;
                                            maxNanos.accumulateAndGet(late, Math::max);
                                            samples.incrementAndGet();
                                            synchronized (done) {
                                                ran[0] = true;
                                                done.notifyAll();
                                            }
                                        });
                                synchronized (done) {
                                    while (!ran[0] && running) {
                                        try {
                                            done.wait(50);
                                        } catch (InterruptedException e) {
                                            return;
                                        }
                                    }
                                }
                                try {
                                    Thread.sleep(periodMillis);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "fx-stall-probe");
        probe.setDaemon(true);
        probe.start();
    }

    /** Forgets what was measured so far. */
    public void reset() {
        maxNanos.set(0);
        samples.set(0);
    }

    public double maxStallMillis() {
        return maxNanos.get() / 1e6;
    }

    public long samples() {
        return samples.get();
    }

    @Override
    public void close() {
        running = false;
        probe.interrupt();
    }
}
