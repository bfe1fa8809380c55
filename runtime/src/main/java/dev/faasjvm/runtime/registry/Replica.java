package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.api.StreamingFunctionHandler;
import dev.faasjvm.runtime.accounting.AccountedThread;
import dev.faasjvm.runtime.accounting.CallMeter;
import dev.faasjvm.runtime.accounting.FunctionAccount;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.NoReplicaAvailableException;
import dev.faasjvm.runtime.logs.FunctionOutput;
import dev.faasjvm.runtime.platform.PlatformDeployment;
import dev.faasjvm.runtime.streaming.SinkResponseStream;
import dev.faasjvm.runtime.wire.GoDuration;
import dev.faasjvm.runtime.workers.WorkerPool;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One replica: a handler instance and its pool of worker threads ({@link WorkerPool}, on the
 * runtime's shared workers), a thread named {@code fn-<name>-<replica>-<n>} while it runs the
 * replica's calls (so {@code fn-echo-1-2-3} is worker 3 running replica {@code echo-1-2}, replica 2
 * of generation 1 of {@code echo}). Threads start on demand and retire when idle, and every thread
 * that served the replica ends when it closes, so an idle replica holds none.
 * Capacity is {@code max_inflight} calls, counted here rather than by the thread pool: there is no
 * queue, a call beyond it is refused at once, and a worker stuck past its {@code exec_timeout} gives
 * its place back, so the pool starts a fresh thread in its stead. Thread-safe.
 */
final class Replica {
    private static final System.Logger LOG = System.getLogger(Replica.class.getName());
    private static final int STACK_SAMPLE_FRAMES = 12;

    private final ReplicaContext context;
    private final Object instance;
    private final FunctionHandler handler;
    private final ClassLoader loader;
    private final WorkerPool workers;
    private final FunctionSettings settings;
    private final Services services;
    private final LongAdder stuckTotal;
    private final FunctionAccount account;
    private final DirectMode mode;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger stuckNow = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean retired;
    /** Whether a call has run to its end: until then calls take the replica's threads whatever the mode. */
    private volatile boolean warm;

    private Replica(ReplicaContext context, Object instance, HandlerFactory factory, ClassLoader loader,
            WorkerPool workers, FunctionSettings settings, Services services, LongAdder stuckTotal,
            DirectMode mode) {
        this.context = context;
        this.instance = instance;
        this.handler = factory.adapt(instance);
        this.loader = loader;
        this.workers = workers;
        this.settings = settings;
        this.services = services;
        this.stuckTotal = stuckTotal;
        this.account = services.accounts().of(context.functionName(), context.namespace());
        this.mode = mode;
    }

    /**
     * Starts a replica: constructs its handler through the registry's {@link Constructors} (bounded
     * in number and by the construct timeout), with the function's loader as context loader. A worker is tagged as this replica's in the
     * function's output each time it switches to the replica's pool. The future completes with the ready replica, or
     * exceptionally with the constructor's failure, after which nothing of it is left running.
     */
    static CompletableFuture<Replica> start(ReplicaContext context, AttachedFunction loaded,
            FunctionSettings settings, Services services, LongAdder stuckTotal, PlatformDeployment deployment,
            DirectMode mode) {
        ClassLoader loader = loaded.function().loader();
        HandlerFactory factory = new HandlerFactory(loaded.function().handler(), deployment);
        FunctionOutput output = loaded.output();
        WorkerPool workers = services.workers().pool("fn-" + context.replicaId() + "-",
                services.accounts().of(context.functionName(), context.namespace()),
                () -> output.tagCurrentThread(context.replicaId()));
        return services.constructors().construct(new FunctionKey(context.functionName(), context.namespace()),
                "replica " + context.replicaId(), settings.constructTimeout(), () -> {
                    output.tagCurrentThread(context.replicaId());
                    return withLoader(loader, () -> factory.create(context));
                }, late -> LateInstances.close(late, loader, context),
                problem -> new InvalidRequestException("Function \"" + context.functionName() + "\": " + problem))
                .handle((instance, failure) -> {
                    if (failure != null) {
                        workers.shutdown();
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        throw cause instanceof RuntimeException ? (RuntimeException) cause : new CompletionException(cause);
                    }
                    return new Replica(context, instance, factory, loader, workers, settings, services, stuckTotal,
                            mode);
                });
    }

    String id() {
        return context.replicaId();
    }

    int inFlight() {
        return inFlight.get();
    }

    boolean hasCapacity() {
        return inFlight.get() < settings.maxInflight();
    }

    /** Workers that ignored the interrupt after their call's timeout and are still running it. */
    int stuck() {
        return stuckNow.get();
    }

    /**
     * Claims a place for one call; false when the replica is at its {@code max_inflight} or has
     * been retired, and the caller must try another. The increment comes before the checks, and
     * retirement sets its flag before reading the count, so no call slips past a drain.
     */
    boolean tryAcquire() {
        if (inFlight.incrementAndGet() > settings.maxInflight() || retired) {
            release();
            return false;
        }
        return true;
    }

    void release() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            drained.complete(null);
        }
    }

    /**
     * Runs one call on this replica's threads, or on this very thread when the function declared
     * that it never blocks, unless the call streams its response: a write waits for the caller.
     * The caller has acquired a place with {@link #tryAcquire}.
     */
    CompletableFuture<FunctionResponse> run(Invocation invocation) {
        Duration timeout = settings.execTimeout();
        boolean here = warm && mode.isDirect() && !streams(invocation);
        Call call = timeout.isZero() ? new Call(this, invocation, false, 0)
                : new Call(this, invocation, true, System.nanoTime() + timeout.toNanos());
        if (here || !timeout.isZero()) {
            // Watched before the call can start, so a call that finishes at once always unwatches it.
            services.watchdog().watch(call);
        }
        if (here) {
            call.runHere();
            return call.result();
        }

        try {
            workers.execute(call);
        } catch (RejectedExecutionException e) {
            call.abandon(new NoReplicaAvailableException("Function \"" + context.functionName()
                    + "\": replica " + id() + " was closed while the call was being handed to it"));
        }
        return call.result();
    }

    private boolean streams(Invocation invocation) {
        return handler instanceof StreamingFunctionHandler && invocation.sink().streams();
    }

    /** A call has run to its end, before its caller hears: the next may run on the caller's thread. */
    void warmedUp() {
        if (!warm) {
            warm = true;
        }
    }


    /**
     * Runs the handler on the current thread, whichever it is, and accounts its allocation to the
     * function, and its CPU time too unless the thread is a worker running the replica's pool, whose
     * CPU time is the function's for as long as it works for it (read from the thread's clock when
     * it switches functions, not per call: that read costs close to a microsecond). Any other thread is the server's, running a call of a function that
     * declared it never blocks: such a call does not wait (one that does is demoted to the
     * replica's threads), so its elapsed time stands for its CPU time, read for some 25 ns.
     */
    FunctionResponse handle(Call call) throws Exception {
        boolean ownThread = AccountedThread.countsTo(account);
        long started = ownThread ? 0 : System.nanoTime();
        long allocated = CallMeter.allocatedBytes();
        try {
            ReplicaRequest request = new ReplicaRequest(call, context, services.clock());
            FunctionResponse response;
            if (handler instanceof StreamingFunctionHandler) {
                SinkResponseStream stream = new SinkResponseStream(call.invocation().sink());
                ((StreamingFunctionHandler) handler).handle(request, stream);
                response = stream.finish();
            } else {
                response = handler.handle(request);
            }
            if (response == null) {
                throw new IllegalStateException("handle returned null instead of a FunctionResponse");
            }
            return response;
        } finally {
            account.add(ownThread ? 0 : System.nanoTime() - started, CallMeter.allocatedBytes() - allocated);
        }
    }

    ClassLoader loader() {
        return loader;
    }

    ReplicaContext context() {
        return context;
    }

    Duration execTimeout() {
        return settings.execTimeout();
    }

    Services services() {
        return services;
    }

    /** A worker ignored the interrupt: count it, show where it is, and give its place back. */
    void markStuck(Call call, Thread worker) {
        stuckNow.incrementAndGet();
        stuckTotal.increment();
        String stack = stackOf(worker);
        LOG.log(Level.WARNING, () -> "Function " + context.functionName() + "." + context.namespace() + " (replica "
                + id() + ", call " + call.invocation().callId() + ") is still running " + GoDuration.format(Watchdog.STUCK_GRACE)
                + " after its exec_timeout of " + GoDuration.format(settings.execTimeout()) + " and an interrupt: worker "
                + worker.getName() + " is counted as stuck and replaced. It is at:\n" + stack);
    }

    /**
     * A call of a function that declared it never blocks blocked the thread it ran on (which
     * serves other requests too): its function's calls go to the replicas' threads from now on.
     */
    void demote(Call call, Thread thread, long ranNanos, String why) {
        if (!mode.demote()) {
            return;
        }
        String stack = stackOf(thread);
        LOG.log(Level.WARNING, () -> "Function " + context.functionName() + "." + context.namespace()
                + " declared that it never blocks (annotation " + DirectMode.ANNOTATION
                + " or manifest attribute FaaS-Never-Blocks), but call " + call.invocation().callId()
                + " ran " + ranNanos / 1_000_000 + " ms on thread " + thread.getName() + " when " + why
                + " (a call there must finish well within " + DirectMode.LIMIT.toMillis() + " ms and never wait);"
                + " its calls now run on its replicas' own threads." + (stack.isEmpty() ? "" : " It was at:\n" + stack));
    }

    private static String stackOf(Thread thread) {
        if (thread == Thread.currentThread()) {
            return "";
        }
        return Arrays.stream(thread.getStackTrace()).limit(STACK_SAMPLE_FRAMES)
                .map(frame -> "\tat " + frame).collect(Collectors.joining("\n"));
    }

    /** A stuck worker finally returned. */
    void unmarkStuck() {
        stuckNow.decrementAndGet();
    }

    /**
     * Stops taking calls and, once the running ones have finished (or {@code drainTimeout} has
     * passed), closes the handler on one of the replica's own threads and lets the threads end.
     * The returned future completes when the handler is closed.
     */
    CompletableFuture<Void> retire(Duration drainTimeout) {
        retired = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
        drained.orTimeout(drainTimeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((ignored, timeout) -> {
            if (timeout != null) {
                LOG.log(Level.WARNING, () -> "Function " + context.functionName() + "." + context.namespace()
                        + ": replica " + id() + " still has " + inFlight.get() + " calls running after "
                        + GoDuration.format(drainTimeout) + "; closing it anyway");
            }
            close();
        });
        return closed;
    }

    private void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        Runnable closeHandler = () -> {
            try {
                if (instance instanceof AutoCloseable) {
                    withLoader(loader, () -> {
                        closeQuietly((AutoCloseable) instance);
                        return null;
                    });
                }
            } finally {
                closed.complete(null);
            }
        };
        try {
            workers.execute(closeHandler);
        } catch (RejectedExecutionException e) {
            closeHandler.run(); // the pool is already shut down: close where we are
        }
        workers.shutdown();
    }

    private void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, () -> "Function " + context.functionName() + "." + context.namespace()
                    + ": close() of replica " + id() + " threw", e);
        }
    }

    /** Waits until this replica's threads have ended, or the deadline ({@link System#nanoTime()}) passes. */
    void awaitTermination(long deadlineNanos) throws InterruptedException {
        workers.awaitTermination(deadlineNanos);
    }

    /** Completes when the replica's threads have all ended, after it was closed. */
    CompletableFuture<Void> terminated() {
        return workers.terminated();
    }

    static <T> T withLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
