package org.taew.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.taew.core.util.ProgressListener;

/**
 * A progress bar on stderr: texts done, texts per second and time left. On a terminal it redraws
 * one line at most ten times a second; elsewhere (a log, CI) it prints one line per finished phase
 * that took noticeable time.
 */
final class ConsoleProgress implements ProgressListener {
    private static final int WIDTH = 28;
    private final PrintStream out;
    private final boolean interactive;
    private String label = "";
    private long max;
    private long done;
    private long started;
    private long lastDraw;

    ConsoleProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public synchronized void reset(String message, long max) {
        this.label = message;
        this.max = max;
        this.done = 0;
        this.started = System.nanoTime();
        this.lastDraw = 0;
    }

    @Override
    public synchronized void increment(long steps) {
        done += steps;
        long now = System.nanoTime();
        if (interactive && now - lastDraw > 100_000_000L) {
            lastDraw = now;
            out.print("\r" + line(now) + "\033[K");
            out.flush();
        }
    }

    @Override
    public synchronized void end() {
        long now = System.nanoTime();
        if (interactive) {
            out.print("\r\033[K");
            out.flush();
        }
        if ((now - started) > 1_000_000_000L) {
            out.println(line(now));
        }
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds;
        int filled = max == 0 ? WIDTH : (int) (WIDTH * Math.min(1.0, (double) done / max));
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta = rate > 0 && done < max ? "ETA " + clock((max - done) / rate) : clock(seconds);
        return String.format(
                Locale.ROOT,
                "%-28s [%s] %d/%d texts  %.0f texts/s  %s",
                label,
                bar,
                done,
                max,
                rate,
                eta);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
