package org.taew.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the OS scheduling priority of the calling thread, for background work that must not starve
 * a user interface. Java's own thread priorities are ignored on Linux, so this asks the kernel
 * directly: the thread's id comes from {@code /proc/thread-self}, and {@code renice} raises its
 * nice value (allowed to any user for their own threads). Elsewhere, or when that fails, the thread
 * keeps its priority and the reason is logged once at debug level.
 */
public final class ThreadPriority {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadPriority.class);

    /** Nice value for background work: CFS then gives a nice-0 thread about ten times its share. */
    public static final int BACKGROUND_NICE = 10;

    private ThreadPriority() {}

    /**
     * Daemon threads named {@code name} that lower their own priority before running their work, or
     * keep it when {@code background} is false.
     */
    public static ThreadFactory daemonThreads(String name, boolean background) {
        return r -> {
            Thread t =
                    new Thread(
                            () -> {
                                if (background) {
                                    lowerCurrentThread();
                                }
                                r.run();
                            },
                            name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Returns whether the priority was lowered. */
    public static boolean lowerCurrentThread() {
        Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self)) {
            LOG.debug("No /proc/thread-self: thread priority left as it is");
            return false;
        }
        try {
            String target = Files.readSymbolicLink(self).toString(); // <pid>/task/<tid>
            String tid = target.substring(target.lastIndexOf('/') + 1);
            Process p =
                    new ProcessBuilder("renice", "-n", Integer.toString(BACKGROUND_NICE), "-p", tid)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot lower the thread priority: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
