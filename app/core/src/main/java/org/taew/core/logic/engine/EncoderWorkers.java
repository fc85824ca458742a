package org.taew.core.logic.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.engine.EncoderRunner.Forward;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.ThreadPriority;
import org.taew.core.util.WorkbenchException;

/**
 * The encoder's worker threads, each with its own {@link Forward}: run a request's batches, stop on
 * cancel or on the first failure, and never outlive the request.
 */
final class EncoderWorkers implements AutoCloseable {
    private final List<Forward> forwards = new ArrayList<>();
    private final ExecutorService pool;

    /** One batch of a request, on the forward of the worker that takes it. */
    interface BatchTask {
        void run(Forward forward, int[] batch) throws WorkbenchException;
    }

    EncoderWorkers(EncoderRunner runner, EncoderOptions options) {
        int n = options.effectiveWorkers();
        for (int i = 0; i < n; i++) {
            forwards.add(runner.newForward());
        }
        this.pool =
                n == 1
                        ? null
                        : Executors.newFixedThreadPool(
                                n,
                                ThreadPriority.daemonThreads(
                                        "taew-encoder", options.belowNormalPriority()));
    }

    /** The first worker's forward, for work outside a request (the dimension probe). */
    Forward first() {
        return forwards.get(0);
    }

    /** Runs every batch: in order on the caller's thread with one worker, else in parallel. */
    void run(List<int[]> batches, BatchTask task) throws WorkbenchException {
        if (pool == null) {
            for (int[] b : batches) {
                ProgressListener.checkCancelled();
                task.run(forwards.get(0), b);
            }
        } else {
            runParallel(batches, task);
        }
    }

    /**
     * Each worker takes the next batch, longest first so that the last ones to finish are short; a
     * worker stops when the caller is interrupted (cancel) or another worker failed.
     */
    private void runParallel(List<int[]> batches, BatchTask task) throws WorkbenchException {
        AtomicInteger next = new AtomicInteger(batches.size() - 1);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Void>> running = new ArrayList<>();
        for (Forward forward : forwards) {
            running.add(
                    pool.submit(
                            () -> {
                                int b;
                                while (!stop.get() && (b = next.getAndDecrement()) >= 0) {
                                    task.run(forward, batches.get(b));
                                }
                                return null;
                            }));
        }
        try {
            for (Future<Void> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            stop.set(true);
            Thread.currentThread().interrupt();
            waitQuietly(running);
            throw WorkbenchException.cancelled();
        } catch (ExecutionException e) {
            stop.set(true);
            waitQuietly(running);
            if (e.getCause() instanceof WorkbenchException) {
                throw (WorkbenchException) e.getCause();
            }
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    "Encoding failed: " + e.getCause(),
                    e.getCause());
        }
    }

    /**
     * Waits until every worker has stopped (each finishes the batch it is in), even when the caller
     * is interrupted: a worker still inside the native session must not outlive the request, or a
     * close that follows would free the session under it. The interrupt is kept.
     */
    private static void waitQuietly(List<Future<Void>> running) {
        boolean interrupted = Thread.interrupted();
        for (Future<Void> f : running) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException ignored) {
                    // the first failure is the one reported
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the threads: each stops between batches; waits for one in a batch. */
    @Override
    public void close() {
        if (pool != null) {
            // workers stop between batches; wait for one in a batch before freeing the session
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
