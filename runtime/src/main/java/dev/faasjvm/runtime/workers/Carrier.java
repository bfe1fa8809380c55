package dev.faasjvm.runtime.workers;

import dev.faasjvm.runtime.accounting.AccountedThread;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * What one worker thread does: takes the next task of any pool, switches to that pool if it last
 * ran another's, runs the task, counts itself free, and only then publishes the task's result (so
 * the caller's next call finds this warm thread); retires when idle for the keep-alive, when the
 * runtime shuts down, or as soon as a pool it ever ran a task of shuts down. Parked, it keeps the
 * name of the replica it last worked for (its stack shows it idle): renaming it back would cost
 * another system call per hand-off.
 */
final class Carrier implements Runnable {
    private final Workers workers;
    private final String number;
    private volatile Thread thread;
    private volatile boolean signalled;
    /** Set when a pool this thread served shut down: it ends at its next look for work. */
    private volatile boolean retiring;
    // Used by the carrier's own thread only.
    private WorkerPool current;
    /**
     * The pools whose tasks this thread has run: it holds each of them until it ends. By identity,
     * in one flat table: it is asked at every switch to another pool.
     */
    private final Set<WorkerPool> served = Collections.newSetFromMap(new IdentityHashMap<>());

    Carrier(Workers workers, int number) {
        this.workers = workers;
        this.number = Integer.toString(number);
    }

    void wake() {
        signalled = true;
        LockSupport.unpark(thread);
    }

    /** Asks this thread to end once it is done with its task, waking it if it is parked. */
    void retireSoon() {
        retiring = true;
        workers.unpark(this);
    }

    @Override
    public void run() {
        AccountedThread self = (AccountedThread) Thread.currentThread();
        thread = self;
        try {
            for (Job job = take(); job != null; job = take()) {
                if (workers.searching.decrementAndGet() == 0 && !workers.jobs.isEmpty()) {
                    workers.signal(); // more work than this thread: hand it on before starting on ours
                }
                WorkerPool pool = job.pool();
                if (pool != current) {
                    enter(self, pool);
                }
                Runnable task = job.task();
                Thread.interrupted(); // an interrupt aimed at an earlier task is not this one's
                try {
                    task.run();
                } catch (Throwable e) { // tasks handle their own failures; this one escaped
                    escaped(self, e);
                }
                // Free before the caller hears, so that the caller's next call finds this thread.
                workers.searching.incrementAndGet();
                if (task instanceof Task) {
                    publish(self, (Task) task);
                }
                pool.taskDone();
            }
        } finally {
            for (WorkerPool pool : served) {
                pool.left(this);
            }
            workers.ended();
        }
    }

    /**
     * Becomes the pool's worker: named after its replica, counting its CPU time to its function.
     * Renaming costs about a microsecond (the JVM renames the native thread too), paid only when a
     * thread takes a task of a pool other than the last one's.
     */
    private void enter(AccountedThread self, WorkerPool pool) {
        current = pool;
        self.setName(pool.threadName() + number);
        self.switchTo(pool.account());
        if (served.add(pool)) {
            pool.entered(this);
        }
        pool.onEnter();
    }

    private static void publish(Thread self, Task task) {
        try {
            task.publish();
        } catch (Throwable e) {
            escaped(self, e);
        }
    }

    /** A task's failure escaped it: report it, and let the thread live on. */
    private static void escaped(Thread self, Throwable e) {
        self.getUncaughtExceptionHandler().uncaughtException(self, e);
    }

    /**
     * Called while counted as searching. Returns a task, still counted, or null when the thread
     * should end, no longer counted.
     */
    private Job take() {
        while (true) {
            for (int i = 0; i <= Workers.SPINS; i++) {
                if (retiring) {
                    return retire();
                }
                Job job = workers.jobs.poll();
                if (job != null) {
                    return job;
                }
                Thread.onSpinWait();
            }
            if (workers.shutdown && workers.jobs.isEmpty()) {
                workers.searching.decrementAndGet();
                return null;
            }
            signalled = false;
            workers.searching.decrementAndGet();
            workers.parked.addFirst(this);
            // A task, a shutdown or a retirement whose wake-ups ran before we were on the stack came in while
            // we were counting ourselves out; unchecked, a missed one leaves this thread parked for the whole
            // keep-alive, holding what a closed pool's function left in its thread-locals.
            if ((!workers.jobs.isEmpty() || workers.shutdown || retiring) && workers.parked.remove(this)) {
                workers.searching.incrementAndGet();
                continue;
            }
            if (!awaitSignal()) {
                return null;
            }
            // Woken: the waker has counted us as searching again.
        }
    }

    /** Stops searching for good; hands on any task left, since this thread will not take it. */
    private Job retire() {
        if (workers.searching.decrementAndGet() == 0 && !workers.jobs.isEmpty()) {
            workers.signal();
        }
        return null;
    }

    /** Parks until woken (true) or until the keep-alive ends unwoken (false). */
    private boolean awaitSignal() {
        long deadline = System.nanoTime() + workers.keepAliveNanos;
        while (!signalled) {
            // An interrupt (a stale one, or the unloader's for a function's threads) would turn parking
            // into spinning; a thread is woken by a signal, never by an interrupt.
            Thread.interrupted();
            long left = deadline - System.nanoTime();
            if (left <= 0 && workers.parked.remove(this)) {
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
