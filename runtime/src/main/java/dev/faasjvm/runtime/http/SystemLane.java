package dev.faasjvm.runtime.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the blocking {@code /system/*} handlers on Jetty's pool, at most {@code limit} at once; the
 * rest wait in order, holding no thread, up to {@code maxWaiting}, and beyond that are refused.
 * Why: every other route ({@code /function/*}, {@code /healthz}) runs without blocking a pool
 * thread, so with this bound no number of admin requests can take the threads the server itself
 * needs to serve them (issue 10: 200 slow admin requests once stopped every route). Thread-safe.
 */
final class SystemLane {
    /** Blocking {@code /system/*} handlers that may run at once: well under Jetty's 200 threads. */
    static final int DEFAULT_LIMIT = 64;
    /** Admin requests that may wait for a place; beyond it they get 503. */
    static final int DEFAULT_MAX_WAITING = 4096;

    private final Executor pool;
    private final int limit;
    private final int maxWaiting;
    // Guarded by this.
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    SystemLane(Executor pool, int limit, int maxWaiting) {
        this.pool = pool;
        this.limit = limit;
        this.maxWaiting = maxWaiting;
    }

    /** Runs {@code task} now or once a place is free; false when too many already wait. */
    boolean submit(Runnable task) {
        synchronized (this) {
            if (running >= limit) {
                if (waiting.size() >= maxWaiting) {
                    return false;
                }
                waiting.add(task);
                return true;
            }
            running++;
        }
        try {
            pool.execute(() -> runThenNext(task));
            return true;
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running--;
            }
            return false;
        }
    }

    private void runThenNext(Runnable task) {
        Runnable next = task;
        while (next != null) {
            try {
                next.run();
            } finally {
                synchronized (this) {
                    next = waiting.poll();
                    if (next == null) {
                        running--;
                    }
                }
            }
        }
    }
}
