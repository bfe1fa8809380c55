package dev.faasjvm.runtime.registry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one replica: an executor that starts a thread whenever a task would otherwise
 * wait for a busy one (so a call that blocks never holds up another, and a stuck thread is
 * replaced simply by starting a new one), and whose threads retire after {@code keepAliveNanos}
 * without work. Capacity is not limited here; the replica admits calls. Thread-safe.
 *
 * <p>Why not a {@code ThreadPoolExecutor}: the cached pool's {@code SynchronousQueue} makes every
 * call a rendezvous with a parked thread, a wake-up per call, and measured at about 60% of a bare
 * Jetty handler's throughput. Here tasks go to a queue, and a thread is woken (or started) only
 * when no thread is already looking for work: a thread that has just finished a call takes the
 * next one without parking. This is the core of what {@code ForkJoinPool} does, which measured as
 * fast, but a {@code ForkJoinPool} runs at most its parallelism of calls at once, so calls that
 * block (or a stuck one) would starve the others.
 *
 * <p>Invariant: while the queue holds a task, some thread is searching. {@link #execute} signals
 * when none is; a thread that stops searching, to run a task or to park, first counts itself out
 * and then looks at the queue again, signalling (or staying) if work is left. Atomic counts and
 * the queue are sequentially consistent, so one of the two always sees the other.
 *
 * <p>A {@link Task} is handed over in two steps: its thread runs it, counts itself free, and only
 * then publishes its result. The caller's next request (a client on a keep-alive connection sends
 * it the moment it has the answer) then finds this warm thread still looking for work, rather
 * than waking a parked, cold one; and parked threads are a stack, so the warmest is woken first.
 */
final class ReplicaWorkers implements Executor {
    /** Polls of the queue before a thread parks: a little spinning, since a next call often follows at once. */
    private static final int SPINS = 32;

    /**
     * A task whose result is handed over after its thread counts itself free again: {@link #run}
     * does the work, {@link #publish} tells the caller. Publishing must not block, since the
     * thread counts as looking for work meanwhile: it completes futures whose continuations only
     * write a response or count.
     */
    interface Task extends Runnable {
        void publish();
    }

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Parked threads, most recently parked first, so busy periods reuse warm threads and the rest retire. */
    private final ConcurrentLinkedDeque<Worker> parked = new ConcurrentLinkedDeque<>();
    /** Threads that are looking for a task rather than running one or parked. */
    private final AtomicInteger searching = new AtomicInteger();
    private final AtomicInteger alive = new AtomicInteger();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final ThreadFactory factory;
    private final long keepAliveNanos;
    private volatile boolean shutdown;

    ReplicaWorkers(ThreadFactory factory, long keepAliveNanos) {
        this.factory = factory;
        this.keepAliveNanos = keepAliveNanos;
    }

    /** Runs the task on one of the replica's threads, starting one if none is free. */
    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("The replica's threads have been shut down");
        }
        tasks.offer(task);
        if (searching.get() == 0) {
            signal();
        }
    }

    /** Wakes a parked thread, or starts one, to look for work. */
    private void signal() {
        Worker idle = parked.pollFirst();
        searching.incrementAndGet(); // on behalf of the thread woken or started here
        if (idle != null) {
            idle.wake();
        } else {
            alive.incrementAndGet();
            factory.newThread(new Worker()).start();
        }
    }

    /**
     * Runs the tasks already given, then lets every thread end; takes no new task. Must not race
     * with {@link #execute}: the replica calls it only once its calls have drained.
     */
    void shutdown() {
        shutdown = true;
        for (Worker worker = parked.pollFirst(); worker != null; worker = parked.pollFirst()) {
            searching.incrementAndGet();
            worker.wake();
        }
        if (alive.get() == 0) {
            terminated.complete(null);
        }
    }

    /** Completes once {@link #shutdown()} was called and every thread has ended. */
    CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** Waits until every thread has ended after a shutdown, or the deadline ({@link System#nanoTime()}) passes. */
    void awaitTermination(long deadlineNanos) throws InterruptedException {
        try {
            terminated.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // the deadline passed: the caller stops waiting, the threads end on their own
        }
    }

    /** Threads now alive, running, looking or parked. */
    int threads() {
        return alive.get();
    }

    private final class Worker implements Runnable {
        private volatile Thread thread;
        private volatile boolean signalled;

        void wake() {
            signalled = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                for (Runnable task = take(); task != null; task = take()) {
                    searching.decrementAndGet();
                    if (searching.get() == 0 && !tasks.isEmpty()) {
                        signal(); // more work than this thread: hand it on before starting on ours
                    }
                    try {
                        task.run();
                    } catch (Throwable e) { // tasks handle their own failures; this one escaped
                        escaped(e);
                    }
                    // Free before the caller hears, so that the caller's next call finds this thread.
                    searching.incrementAndGet();
                    if (task instanceof Task) {
                        publish((Task) task);
                    }
                }
            } finally {
                if (alive.decrementAndGet() == 0 && shutdown) {
                    terminated.complete(null);
                }
            }
        }

        private void publish(Task task) {
            try {
                task.publish();
            } catch (Throwable e) {
                escaped(e);
            }
        }

        /** A task's failure escaped it: report it, and let the thread live on. */
        private void escaped(Throwable e) {
            Thread current = Thread.currentThread();
            current.getUncaughtExceptionHandler().uncaughtException(current, e);
        }

        /**
         * Called while counted as searching. Returns a task, still counted, or null when the thread
         * should end, no longer counted.
         */
        private Runnable take() {
            while (true) {
                for (int i = 0; i <= SPINS; i++) {
                    Runnable task = tasks.poll();
                    if (task != null) {
                        return task;
                    }
                    Thread.onSpinWait();
                }
                if (shutdown && tasks.isEmpty()) {
                    searching.decrementAndGet();
                    return null;
                }
                signalled = false;
                searching.decrementAndGet();
                parked.addFirst(this);
                // A task, or a shutdown() whose wake-ups ran before we were on the stack, came in while we
                // were counting ourselves out; unchecked, a missed shutdown leaves this thread parked for the
                // whole keep-alive, holding the function's class loader past its unload.
                if ((!tasks.isEmpty() || shutdown) && parked.remove(this)) {
                    searching.incrementAndGet();
                    continue;
                }
                if (!awaitSignal()) {
                    return null;
                }
                // Woken: the waker has counted us as searching again.
            }
        }

        /** Parks until woken (true) or until the keep-alive ends unwoken (false). */
        private boolean awaitSignal() {
            long deadline = System.nanoTime() + keepAliveNanos;
            while (!signalled) {
                // An interrupt (a stale one, or the unloader's for the function's threads) would turn
                // parking into spinning; shutdown() wakes a parked thread by signalling, not interrupting.
                Thread.interrupted();
                long left = deadline - System.nanoTime();
                if (left <= 0 && parked.remove(this)) {
                    return false;
                }
                if (left <= 0) {
                    LockSupport.park(this); // someone took us off the stack and is waking us
                } else {
                    LockSupport.parkNanos(this, left);
                }
            }
            return true;
        }
    }
}
