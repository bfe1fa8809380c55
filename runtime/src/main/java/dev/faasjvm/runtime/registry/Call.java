package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.accounting.CallMeter;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.containment.FunctionExitException;
import dev.faasjvm.runtime.backend.InvocationFailedException;
import dev.faasjvm.runtime.backend.InvocationTimeoutException;
import dev.faasjvm.runtime.backend.ProviderException;
import dev.faasjvm.runtime.wire.GoDuration;
import dev.faasjvm.runtime.workers.Task;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call running on a replica: the task its worker runs, the future its caller waits on, and
 * its deadline, which the {@link Watchdog} checks. The future is the arbiter: whichever of the worker (with the answer) and the
 * watchdog (with a 504) completes it first wins. The worker thread is published under this
 * object's lock, so the watchdog interrupts it only while it still runs this call, never the next
 * one. The worker runs the call ({@link #run}), counts itself free, and only then tells the caller
 * ({@link #publish}). A call of a function that declared it never blocks runs on the caller's own
 * thread instead ({@link #runHere}), watched so that one that blocks there is noticed. Thread-safe.
 */
final class Call implements Task {
    private static final System.Logger LOG = System.getLogger(Call.class.getName());

    private final Replica replica;
    private final Invocation invocation;
    /** Whether the call has an exec_timeout deadline, {@link #deadlineNanos}. */
    private final boolean bounded;
    private final long deadlineNanos;
    private final CompletableFuture<FunctionResponse> result = new CompletableFuture<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private Thread worker;
    private boolean stuck;
    /** When a call running on its caller's thread started ({@link System#nanoTime()}); 0 for one on a worker. */
    private volatile long startedHere;
    /**
     * Written by the watchdog: since when ({@link System#nanoTime()}, 0 for not yet) it has watched
     * this call past {@link DirectMode#LIMIT} without a stall of the runtime, and the thread's CPU
     * clock then.
     */
    private volatile long overSince;
    private volatile long overSinceCpu;
    /** The watchdog's slot for this call, -1 while unwatched: set before the call is handed to its thread. */
    private int watchSlot = -1;
    // Written by run(), read by publish(), on the same thread.
    private FunctionResponse response;
    private Throwable failure;

    /**
     * @param bounded whether the call has an exec_timeout deadline
     * @param deadlineNanos that deadline on {@link System#nanoTime()}'s scale, which the watchdog checks
     */
    Call(Replica replica, Invocation invocation, boolean bounded, long deadlineNanos) {
        this.replica = replica;
        this.invocation = invocation;
        this.bounded = bounded;
        this.deadlineNanos = deadlineNanos;
    }

    boolean isPastDeadline(long nanoTime) {
        return bounded && nanoTime - deadlineNanos >= 0;
    }

    Invocation invocation() {
        return invocation;
    }

    /**
     * The exec_timeout deadline on {@code clock}, or null when the function has none. Worked out
     * when a handler asks, from the time left: reading the wall clock for every call, which few
     * handlers ask about, cost 1.6% of a never-blocking call's CPU.
     */
    Instant deadline(Clock clock) {
        return bounded ? clock.instant().plusNanos(deadlineNanos - System.nanoTime()) : null;
    }

    CompletableFuture<FunctionResponse> result() {
        return result;
    }

    @Override
    public void run() {
        Thread thread = Thread.currentThread();
        synchronized (this) {
            if (result.isDone()) { // timed out before a thread took it
                release();
                return;
            }
            worker = thread;
        }
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(replica.loader());
        try {
            response = replica.handle(this);
        } catch (Throwable e) { // the invocation boundary: user code may throw anything, even errors
            failure = e;
        } finally {
            thread.setContextClassLoader(previous);
        }
        finish(thread);
    }

    /** Tells the caller: after {@link #run}, once the worker counts itself free. */
    @Override
    public void publish() {
        replica.warmedUp();
        if (failure == null) {
            if (response != null) {
                result.complete(response);
            }
        } else {
            fail(failure);
        }
        response = null;
        failure = null;
    }

    /**
     * Runs the call on this thread, the caller's, and tells the caller; the watchdog watches it
     * meanwhile (the replica has it watched) and so does this method once it returns: a call that
     * ran {@link DirectMode#LIMIT} or longer demotes its function to its replicas' threads.
     */
    void runHere() {
        long start = System.nanoTime();
        startedHere = start;
        run();
        long now = System.nanoTime();
        if (now - start >= DirectMode.LIMIT_NANOS) {
            judgeOverLimit(Thread.currentThread(), now, CallMeter.cpuNanos(), "it returned");
        }
        publish();
    }

    /** On the watchdog: a call on its caller's thread that blocks there demotes its function. */
    void checkBlocking(long nanoTime) {
        long start = startedHere;
        if (start == 0) {
            return;
        }
        Thread thread;
        synchronized (this) {
            thread = worker;
        }
        if (thread == null) {
            return;
        }
        long ran = nanoTime - start;
        // Only the time since the runtime last stood still counts: a call that a stall caught halfway has
        // run none of the stall itself, and may still have most of its own work to do.
        long ranSinceStall = nanoTime - replica.services().watchdog().unstalledSince(start);
        Thread.State state = thread.getState();
        if (DirectMode.isParked(ranSinceStall, state)) {
            replica.demote(this, thread, ran, "it is " + state);
            return;
        }
        if (ranSinceStall < DirectMode.LIMIT_NANOS) {
            return;
        }
        long cpu = CallMeter.threadCpuNanos(thread.getId());
        long since = overSince;
        if (since == 0 || replica.services().watchdog().stalledSince(since)) {
            overSinceCpu = cpu; // the window starts now, after any stall
            overSince = nanoTime;
            return;
        }
        judgeOverLimit(thread, nanoTime, cpu, "it is " + state);
    }

    /** Demotes the function if the window the watchdog opened on this call shows it blocking. */
    private void judgeOverLimit(Thread thread, long nanoTime, long cpuNow, String when) {
        long ran = nanoTime - startedHere;
        if (!CallMeter.measuresCpu()) { // no CPU clock to tell a busy call from a stalled runtime
            replica.demote(this, thread, ran, when);
            return;
        }
        long since = overSince;
        if (since == 0 || replica.services().watchdog().stalledSince(since)) {
            return;
        }
        String why = DirectMode.overLimit(nanoTime - since, cpuNow - overSinceCpu);
        if (why != null) {
            replica.demote(this, thread, ran, when + " and " + why);
        }
    }

    /** Leaves the worker clean for its next call and gives the place back, before the caller hears. */
    private void finish(Thread thread) {
        boolean wasStuck;
        synchronized (this) {
            worker = null;
            wasStuck = stuck;
        }
        // Clears an interrupt aimed at this call; none can arrive now that worker is null.
        Thread.interrupted();
        unwatch();
        if (wasStuck) {
            replica.unmarkStuck();
            LOG.log(Level.INFO, () -> "Function " + replica.context().functionName() + ": stuck worker "
                    + thread.getName() + " returned from call " + invocation.callId());
        }
        // Released before the result completes: a caller that has its answer may call again at once.
        release();
    }

    private void fail(Throwable failure) {
        if (failure instanceof ProviderException) {
            result.completeExceptionally(failure);
            return;
        }
        if (result.isDone()) {
            return; // timed out: the caller has its 504, and an InterruptedException here is the expected end
        }
        ReplicaContext context = replica.context();
        FunctionExitException exit = FunctionExitException.in(failure);
        if (exit != null) { // already logged once, with its call site, where it was thrown
            result.completeExceptionally(new InvocationFailedException("Function \"" + context.functionName()
                    + "\" tried to exit with status " + exit.status() + "; the runtime does not exit for a function"));
            return;
        }
        LOG.log(Level.WARNING, () -> "Function " + context.functionName() + "." + context.namespace()
                + " (replica " + context.replicaId() + ", call " + invocation.callId() + ") failed", failure);
        result.completeExceptionally(new InvocationFailedException("Function \"" + context.functionName()
                + "\" failed: " + failure.getClass().getSimpleName()));
    }

    /** On the watchdog: past the exec_timeout, answer 504 and interrupt the worker. */
    void timeOut() {
        if (!result.completeExceptionally(new InvocationTimeoutException("Function \""
                + replica.context().functionName() + "\" did not answer within its exec_timeout of "
                + GoDuration.format(replica.execTimeout())))) {
            return;
        }
        synchronized (this) {
            if (worker == null) {
                return; // not started yet, or just finished: run() releases the place
            }
            worker.interrupt();
        }
        replica.services().watchdog().schedule(this::checkStuck, Watchdog.STUCK_GRACE);
    }

    private void checkStuck() {
        Thread thread;
        synchronized (this) {
            thread = worker;
            if (thread == null) {
                return;
            }
            stuck = true;
            // Under the lock, so that finish() cannot uncount it first; the place is free before it shows.
            release();
            replica.markStuck(this, thread);
        }
    }

    /** The call could not be handed to a thread: give the place back and fail it. */
    void abandon(ProviderException failure) {
        unwatch();
        release();
        result.completeExceptionally(failure);
    }

    void watchedIn(int slot) {
        watchSlot = slot;
    }

    int watchSlot() {
        return watchSlot;
    }

    private void unwatch() {
        if (watchSlot >= 0) {
            replica.services().watchdog().unwatch(this);
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            replica.release();
        }
    }
}
