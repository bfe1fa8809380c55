package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.InvocationFailedException;
import dev.faasjvm.runtime.backend.InvocationTimeoutException;
import dev.faasjvm.runtime.backend.ProviderException;
import dev.faasjvm.runtime.wire.GoDuration;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call running on a replica: the task its worker runs, the future its caller waits on, and
 * its deadline, which the {@link Watchdog} checks. The future is the arbiter: whichever of the worker (with the answer) and the
 * watchdog (with a 504) completes it first wins. The worker thread is published under this
 * object's lock, so the watchdog interrupts it only while it still runs this call, never the next
 * one. Thread-safe.
 */
final class Call implements Runnable {
    private static final System.Logger LOG = System.getLogger(Call.class.getName());

    private final Replica replica;
    private final Invocation invocation;
    private final Instant deadline;
    private final long deadlineNanos;
    private final CompletableFuture<FunctionResponse> result = new CompletableFuture<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private Thread worker;
    private boolean stuck;

    /**
     * @param deadline the exec_timeout deadline as the handler sees it, or null for none
     * @param deadlineNanos the same on {@link System#nanoTime()}'s scale, which the watchdog checks
     */
    Call(Replica replica, Invocation invocation, Instant deadline, long deadlineNanos) {
        this.replica = replica;
        this.invocation = invocation;
        this.deadline = deadline;
        this.deadlineNanos = deadlineNanos;
    }

    boolean isPastDeadline(long nanoTime) {
        return nanoTime - deadlineNanos >= 0;
    }

    Invocation invocation() {
        return invocation;
    }

    /** The exec_timeout deadline, or null when the function has none. */
    Instant deadline() {
        return deadline;
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
        FunctionResponse response = null;
        Throwable failure = null;
        try {
            response = replica.handle(this);
        } catch (Throwable e) { // the invocation boundary: user code may throw anything, even errors
            failure = e;
        } finally {
            thread.setContextClassLoader(previous);
        }
        finish(thread);
        if (failure == null) {
            result.complete(response);
        } else {
            fail(failure);
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

    private void unwatch() {
        if (deadline != null) {
            replica.services().watchdog().unwatch(this);
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            replica.release();
        }
    }
}
