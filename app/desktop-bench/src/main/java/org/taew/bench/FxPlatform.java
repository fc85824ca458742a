package org.taew.bench;

import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;

/**
 * The JavaFX platform of the desktop benchmarks: started once per JVM (JavaFX cannot start twice),
 * kept running while the benchmarks open and close their windows, and ended once, by the entry
 * point, so that one JVM (a test's) can run several window benchmarks one after another.
 */
final class FxPlatform {
    private static boolean started;

    private FxPlatform() {}

    /** Starts JavaFX unless it runs already; returns once its thread does. */
    static synchronized void start() throws InterruptedException {
        if (started) {
            return;
        }
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Platform.setImplicitExit(false);
        started = true;
    }

    /** Ends JavaFX if {@link #start()} started it; it cannot start again in this JVM. */
    static synchronized void exit() {
        if (started) {
            Platform.exit();
        }
    }
}
