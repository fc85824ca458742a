package org.taew.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A poor man's profiler of the FX thread ({@code -Dtaew.bench.sample=true}): every 5 ms it records
 * where the FX thread is, skipping idle waits, and prints the most frequent places at the end. Used
 * to find what keeps the FX thread busy when the stall probe reports a long stall.
 */
final class FxSampler {
    private final Map<String, Integer> counts = new HashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    FxSampler() {
        thread = new Thread(this::loop, "fx-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Thread fx = null;
        while (running) {
            if (fx == null) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().equals("JavaFX Application Thread")) {
                        fx = t;
                    }
                }
            }
            if (fx != null) {
                StackTraceElement[] st = fx.getStackTrace();
                if (st.length > 0 && !st[0].getMethodName().equals("_runLoop")) {
                    StringBuilder sb = new StringBuilder();
                    int n = 0;
                    for (StackTraceElement e : st) {
                        String c = e.getClassName();
                        if (n > 0
                                || c.startsWith("org.taew")
                                || c.startsWith("org.jfree")
                                || c.startsWith("com.sun.prism")
                                || c.startsWith("com.sun.javafx.tk")
                                || c.startsWith("javafx.scene.control")
                                || e.isNativeMethod()) {
                            sb.append(c.substring(c.lastIndexOf('.') + 1))
                                    .append('.')
                                    .append(e.getMethodName())
                                    .append(':')
                                    .append(e.getLineNumber())
                                    .append(" < ");
                            if (++n >= 7) {
                                break;
                            }
                        }
                    }
                    String key = sb.length() == 0 ? st[0].toString() : sb.toString();
                    synchronized (counts) {
                        counts.merge(key, 1, Integer::sum);
                    }
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void printTop(int n) {
        running = false;
        List<Map.Entry<String, Integer>> list;
        synchronized (counts) {
            list = new ArrayList<>(counts.entrySet());
        }
        list.sort((a, b) -> b.getValue() - a.getValue());
        System.out.println("FX thread samples (5 ms each), busiest places:");
        for (int i = 0; i < Math.min(n, list.size()); i++) {
            System.out.printf(
                    Locale.ROOT, "  %5d  %s%n", list.get(i).getValue(), list.get(i).getKey());
        }
    }
}
