package org.taew.core.logic.encoding;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The thread every read, append and close of an embedding cache file runs on: never interrupted, so
 * no cancel closes a channel under the cache (NIO closes an interruptible channel when the thread
 * using it is interrupted).
 */
final class EmbeddingCacheThread {
    private static final ExecutorService WRITER =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "taew-cache-writer");
                        t.setDaemon(true);
                        return t;
                    });

    private EmbeddingCacheThread() {}

    /**
     * Runs {@code work} on the cache's thread and waits for it without giving way to an interrupt;
     * the caller's interrupt is kept.
     */
    static <T> T run(Callable<T> work) throws IOException {
        Future<T> done = WRITER.submit(work);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
