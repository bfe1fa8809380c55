package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.CapacityExceededException;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.loader.LoadedFunction;
import dev.faasjvm.runtime.logs.FunctionOutput;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One generation of a function: the classes of one deployment spec, loaded once, and the replicas
 * serving them. An update starts a new generation beside this one; this one is then retired:
 * routing stops, in-flight calls drain, handlers close, and only then the class loader closes.
 * Thread-safe.
 */
final class Generation {
    private static final System.Logger LOG = System.getLogger(Generation.class.getName());

    private final FunctionKey key;
    private final int number;
    private final LoadedFunction loaded;
    private final FunctionOutput output;
    private final List<Replica> replicas;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean retired;

    private Generation(FunctionKey key, int number, LoadedFunction loaded, FunctionOutput output,
            List<Replica> replicas) {
        this.key = key;
        this.number = number;
        this.loaded = loaded;
        this.output = output;
        this.replicas = List.copyOf(replicas);
    }

    /**
     * Starts {@code replicaCount} replicas of a loaded function, each with the deployment's env and
     * the values of the secrets it lists, printing to {@code output}. The generation owns
     * {@code loaded} and {@code output} from here on: if a constructor throws, the replicas started
     * so far, the output and the loader are closed before the exception propagates.
     */
    static Generation start(FunctionKey key, int number, LoadedFunction loaded, FunctionOutput output,
            int replicaCount, int concurrency, Map<String, String> env, Map<String, byte[]> secrets) {
        HandlerFactory factory = new HandlerFactory(loaded.handler());
        List<Replica> started = new ArrayList<>();
        try {
            for (int i = 1; i <= replicaCount; i++) {
                ReplicaContext context = new ReplicaContext(key.name(), key.namespace(),
                        key.name() + "-" + number + "-" + i, env, secrets);
                started.add(Replica.start(context, loaded.loader(), output, concurrency, factory));
            }
            return new Generation(key, number, loaded, output, started);
        } catch (RuntimeException | Error e) {
            started.forEach(Replica::close);
            try {
                loaded.close();
            } finally {
                output.close();
            }
            throw e;
        }
    }

    int number() {
        return number;
    }

    int replicaCount() {
        return replicas.size();
    }

    /** Calls that have entered this generation and not yet left it. */
    int inFlight() {
        return inFlight.get();
    }

    /** Waits until every replica's threads have ended, or the deadline ({@link System#nanoTime()}) passes. */
    void awaitThreads(long deadlineNanos) throws InterruptedException {
        for (Replica replica : replicas) {
            replica.awaitTermination(deadlineNanos);
        }
    }

    /**
     * Claims a place for one call, or answers false when this generation has been retired and the
     * caller must route to the current one. The increment comes before the check, and retirement
     * sets its flag before reading the count, so no call can slip past a drain.
     */
    boolean tryEnter() {
        inFlight.incrementAndGet();
        if (retired) {
            exit();
            return false;
        }
        return true;
    }

    void exit() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            drained.complete(null);
        }
    }

    /** Runs a call on the replica with the fewest calls in flight; the caller has entered. */
    CompletableFuture<FunctionResponse> invoke(Invocation invocation) {
        Replica chosen = null;
        for (Replica replica : replicas) {
            if (replica.hasCapacity() && (chosen == null || replica.inFlight() < chosen.inFlight())) {
                chosen = replica;
            }
        }
        if (chosen == null) {
            return CompletableFuture.failedFuture(new CapacityExceededException("Function \"" + key.name()
                    + "\" is at its concurrency limit on all " + replicas.size() + " replicas"));
        }
        return chosen.submit(invocation);
    }

    /**
     * Stops routing to this generation and, once its calls have finished (or {@code drainTimeout}
     * has passed), closes its replicas and then unloads the function (its threads, drivers and
     * class loader), on {@code unloading}: never on one of the function's own threads, nor on the
     * caller's. Returns at once; the returned future completes when everything is closed.
     */
    CompletableFuture<Void> retire(Duration drainTimeout, Executor unloading) {
        retired = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
        return drained
                .orTimeout(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((ignored, timeout) -> {
                    if (timeout != null) {
                        LOG.log(Level.WARNING, () -> "Function " + key + " generation " + number + ": "
                                + inFlight.get() + " calls still running after " + drainTimeout + "; closing anyway");
                    }
                    replicas.forEach(Replica::close);
                    try {
                        loaded.close();
                    } finally {
                        // After the unload, so what the function's threads print as they stop is still its own.
                        output.close();
                    }
                    return null;
                }, unloading);
    }
}
