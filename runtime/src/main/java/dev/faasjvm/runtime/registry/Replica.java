package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.CapacityExceededException;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.InvocationFailedException;
import dev.faasjvm.runtime.backend.ProviderException;
import dev.faasjvm.runtime.logs.FunctionOutput;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replica: a handler instance and its own worker threads, named
 * {@code fn-<name>-<replica>-<n>}. Threads start on demand, up to the replica's concurrency, and
 * retire when idle, so an idle function holds none; there is no queue, so a call that finds every
 * thread busy is refused at once. Every call runs with the function's loader as context loader.
 * Thread-safe.
 */
final class Replica {
    private static final System.Logger LOG = System.getLogger(Replica.class.getName());
    private static final long IDLE_THREAD_SECONDS = 30;

    private final ReplicaContext context;
    private final FunctionHandler handler;
    private final Object instance;
    private final ClassLoader loader;
    private final ThreadPoolExecutor workers;
    private final int concurrency;
    private final AtomicInteger inFlight = new AtomicInteger();

    private Replica(ReplicaContext context, Object instance, FunctionHandler handler, ClassLoader loader,
            ThreadPoolExecutor workers, int concurrency) {
        this.context = context;
        this.instance = instance;
        this.handler = handler;
        this.loader = loader;
        this.workers = workers;
        this.concurrency = concurrency;
    }

    /**
     * Starts a replica: constructs the handler on one of the replica's own threads, with the
     * function's loader as context loader, and waits for it. Each of its threads is tagged as this
     * replica's in {@code output}, once, when it starts.
     */
    static Replica start(ReplicaContext context, ClassLoader loader, FunctionOutput output, int concurrency,
            HandlerFactory factory) {
        // inFlight enforces the concurrency; the pool must not: a thread that has just finished a call
        // is not yet back at the queue, and a pool capped at the concurrency then refuses a call that
        // is within the limit (a spurious 429 when max_inflight is small).
        ThreadPoolExecutor workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threadFactory(context, loader, output));
        try {
            Object instance = CompletableFuture.supplyAsync(() -> withLoader(loader, () -> factory.create(context)),
                    workers).join();
            return new Replica(context, instance, factory.adapt(instance), loader, workers, concurrency);
        } catch (java.util.concurrent.CompletionException e) {
            workers.shutdownNow();
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    String id() {
        return context.replicaId();
    }

    int inFlight() {
        return inFlight.get();
    }

    boolean hasCapacity() {
        return inFlight.get() < concurrency;
    }

    /** Runs one call on this replica's threads; refuses it when the replica is at its concurrency. */
    CompletableFuture<FunctionResponse> submit(Invocation invocation) {
        if (inFlight.incrementAndGet() > concurrency) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(capacityExceeded());
        }
        CompletableFuture<FunctionResponse> result = new CompletableFuture<>();
        try {
            workers.execute(() -> run(invocation, result));
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            result.completeExceptionally(capacityExceeded());
        }
        return result;
    }

    private void run(Invocation invocation, CompletableFuture<FunctionResponse> result) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            FunctionResponse response = handler.handle(new ReplicaRequest(invocation, context, null));
            if (response == null) {
                throw new IllegalStateException("handle returned null instead of a FunctionResponse");
            }
            result.complete(response);
        } catch (ProviderException e) {
            result.completeExceptionally(e);
        } catch (Throwable e) { // the invocation boundary: user code may throw anything, even errors
            LOG.log(Level.WARNING, () -> "Function " + context.functionName() + "." + context.namespace()
                    + " (replica " + context.replicaId() + ", call " + invocation.callId() + ") failed", e);
            result.completeExceptionally(new InvocationFailedException("Function \"" + context.functionName()
                    + "\" failed: " + e.getClass().getSimpleName()));
        } finally {
            thread.setContextClassLoader(previous);
            inFlight.decrementAndGet();
        }
    }

    private CapacityExceededException capacityExceeded() {
        return new CapacityExceededException("Function \"" + context.functionName()
                + "\" is at its concurrency limit of " + concurrency + " calls per replica");
    }

    /** Stops the threads after running calls finish, then closes the handler if it is closeable. */
    void close() {
        workers.shutdown();
        if (instance instanceof AutoCloseable) {
            withLoader(loader, () -> {
                try {
                    ((AutoCloseable) instance).close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, () -> "Function " + context.functionName() + "." + context.namespace()
                            + ": close() of replica " + context.replicaId() + " threw", e);
                }
                return null;
            });
        }
    }

    /** Waits until this replica's threads have ended, or the deadline ({@link System#nanoTime()}) passes. */
    void awaitTermination(long deadlineNanos) throws InterruptedException {
        workers.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    static <T> T withLoader(ClassLoader loader, java.util.function.Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static ThreadFactory threadFactory(ReplicaContext context, ClassLoader loader, FunctionOutput output) {
        String prefix = "fn-" + context.functionName() + "-" + context.replicaId() + "-";
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(() -> {
                output.tagCurrentThread(context.replicaId());
                runnable.run();
            }, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
    }
}
