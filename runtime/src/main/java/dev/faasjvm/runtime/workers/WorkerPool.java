package dev.faasjvm.runtime.workers;

import dev.faasjvm.runtime.accounting.FunctionAccount;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool of one replica: an executor whose tasks run on the runtime's shared {@link Workers},
 * each on a thread that is named after the replica and counts its CPU time to the function while
 * it runs them. A thread is started whenever a task would otherwise wait, so a task never waits
 * for a busy one. Shutting it down refuses new tasks, runs those given, and ends every thread
 * that ever ran one of its tasks (once it is done with what it is running), so that nothing the
 * function left in a thread's thread-locals outlives the replica. Thread-safe.
 */
public final class WorkerPool implements Executor {
    private final Workers workers;
    private final String threadName;
    private final FunctionAccount account;
    private final Runnable onEnter;
    /** Tasks given and not yet finished, plus threads that served the pool and are alive. */
    private final AtomicInteger claims = new AtomicInteger();
    private final Set<Carrier> carriers = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile boolean shutdown;

    WorkerPool(Workers workers, String threadName, FunctionAccount account, Runnable onEnter) {
        this.workers = workers;
        this.threadName = threadName;
        this.account = account;
        this.onEnter = onEnter;
    }

    /** Runs the task on one of the shared threads, starting one if none is free. */
    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("The replica's pool has been shut down");
        }
        claims.incrementAndGet();
        try {
            workers.submit(new Job(this, task));
        } catch (RejectedExecutionException e) {
            release();
            throw e;
        }
    }

    /**
     * Runs the tasks already given, then ends every thread that served the pool; takes no new
     * task. Must not race with {@link #execute}: the replica calls it only once its calls have drained.
     */
    public void shutdown() {
        shutdown = true;
        for (Carrier carrier : carriers) {
            carrier.retireSoon();
        }
        if (claims.get() == 0) {
            terminated.complete(null);
        }
    }

    /** Completes once {@link #shutdown()} was called and its tasks and every thread that ran one have ended. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** Waits until {@link #terminated()}, or the deadline ({@link System#nanoTime()}) passes. */
    public void awaitTermination(long deadlineNanos) throws InterruptedException {
        Workers.await(terminated, deadlineNanos);
    }

    /** Live threads that have run its tasks. */
    public int threads() {
        return carriers.size();
    }

    String threadName() {
        return threadName;
    }

    FunctionAccount account() {
        return account;
    }

    void onEnter() {
        onEnter.run();
    }

    /** A thread runs its first task of this pool: it is held until the thread ends. */
    void entered(Carrier carrier) {
        claims.incrementAndGet();
        carriers.add(carrier);
        if (shutdown) { // the shutdown may have looked at the threads before this one was among them
            carrier.retireSoon();
        }
    }

    /** A thread that served the pool ended. */
    void left(Carrier carrier) {
        carriers.remove(carrier);
        release();
    }

    void taskDone() {
        release();
    }

    private void release() {
        if (claims.decrementAndGet() == 0 && shutdown) {
            terminated.complete(null);
        }
    }
}
