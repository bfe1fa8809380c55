package dev.faasjvm.runtime.workers;

import dev.faasjvm.runtime.accounting.AccountedThread;
import dev.faasjvm.runtime.accounting.FunctionAccount;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's worker threads, shared by every replica's {@link WorkerPool}: a thread starts
 * whenever a task would otherwise wait for a busy one (so a call that blocks never holds up
 * another, and a stuck thread is replaced simply by starting a new one), and retires after
 * {@code keepAliveNanos} without work. Capacity is not limited here; each replica admits its own
 * calls. Thread-safe.
 *
 * <p>Why not a {@code ThreadPoolExecutor}: the cached pool's {@code SynchronousQueue} makes every
 * call a rendezvous with a parked thread, a wake-up per call, and measured at about 60% of a bare
 * Jetty handler's throughput. Here tasks go to a queue, and a thread is woken (or started) only
 * when no thread is already looking for work: a thread that has just finished a call takes the
 * next one without parking. This is the core of what {@code ForkJoinPool} does, which measured as
 * fast, but a {@code ForkJoinPool} runs at most its parallelism of calls at once, so calls that
 * block (or a stuck one) would starve the others.
 *
 * <p>Invariant: while the queue holds a task, some thread is searching. {@link #submit} signals
 * when none is; a thread that stops searching, to run a task, to park or to retire, first counts
 * itself out and then looks at the queue again, signalling (or staying) if work is left. Atomic
 * counts and the queue are sequentially consistent, so one of the two always sees the other.
 * Parked threads are a stack, so the warmest is woken first and the coldest retire.
 */
public final class Workers {
    /** Polls of the queue before a thread parks: a little spinning, since a next call often follows at once. */
    static final int SPINS = 32;

    final ConcurrentLinkedQueue<Job> jobs = new ConcurrentLinkedQueue<>();
    /** Parked threads, most recently parked first, so busy periods reuse warm threads and the rest retire. */
    final ConcurrentLinkedDeque<Carrier> parked = new ConcurrentLinkedDeque<>();
    /** Threads that are looking for a task rather than running one or parked. */
    final AtomicInteger searching = new AtomicInteger();
    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final String idleName;
    final long keepAliveNanos;
    volatile boolean shutdown;

    /**
     * @param idleName the name of a thread until it first runs a pool's task, followed by its number
     * @param keepAliveNanos how long a thread waits for work before it ends
     */
    public Workers(String idleName, long keepAliveNanos) {
        this.idleName = idleName;
        this.keepAliveNanos = keepAliveNanos;
    }

    /**
     * A pool for one replica, whose tasks run on these threads.
     *
     * @param threadName a thread's name while it runs the pool's tasks, followed by the thread's number
     * @param account the function the threads' CPU time is counted to meanwhile
     * @param onEnter runs on a thread each time it switches to this pool from another, before the task
     */
    public WorkerPool pool(String threadName, FunctionAccount account, Runnable onEnter) {
        return new WorkerPool(this, threadName, account, onEnter);
    }

    void submit(Job job) {
        if (shutdown) {
            throw new RejectedExecutionException("The runtime's worker threads have been shut down");
        }
        jobs.offer(job);
        if (searching.get() == 0) {
            signal();
        }
    }

    /** Wakes a parked thread, or starts one, to look for work. */
    void signal() {
        Carrier idle = parked.pollFirst();
        searching.incrementAndGet(); // on behalf of the thread woken or started here
        if (idle != null) {
            idle.wake();
        } else {
            alive.incrementAndGet();
            int number = started.incrementAndGet();
            Thread thread = new AccountedThread(new Carrier(this, number), idleName + number);
            thread.setDaemon(true);
            // Never the loader of whichever thread starts it: between calls a worker belongs to no function.
            thread.setContextClassLoader(Workers.class.getClassLoader());
            thread.start();
        }
    }

    /** Takes a parked thread off the stack and wakes it, counted as searching; false if it was not parked. */
    boolean unpark(Carrier carrier) {
        if (!parked.remove(carrier)) {
            return false;
        }
        searching.incrementAndGet();
        carrier.wake();
        return true;
    }

    /** A thread ended. */
    void ended() {
        if (alive.decrementAndGet() == 0 && shutdown) {
            terminated.complete(null);
        }
    }

    /**
     * Runs the tasks already given, then lets every thread end; takes no new task. The pools are
     * shut down first: by then only their last tasks are left.
     */
    public void shutdown() {
        shutdown = true;
        for (Carrier carrier = parked.pollFirst(); carrier != null; carrier = parked.pollFirst()) {
            searching.incrementAndGet();
            carrier.wake();
        }
        if (alive.get() == 0) {
            terminated.complete(null);
        }
    }

    /** Waits until every thread has ended after a shutdown, or the deadline ({@link System#nanoTime()}) passes. */
    public void awaitTermination(long deadlineNanos) throws InterruptedException {
        await(terminated, deadlineNanos);
    }

    /** Threads now alive: running, looking for work or parked. */
    public int threads() {
        return alive.get();
    }

    static void await(CompletableFuture<Void> future, long deadlineNanos) throws InterruptedException {
        try {
            future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // the deadline passed: the caller stops waiting, the threads end on their own
        }
    }
}
