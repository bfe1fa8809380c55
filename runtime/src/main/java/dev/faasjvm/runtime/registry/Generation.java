package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.CapacityExceededException;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.InvocationTimeoutException;
import dev.faasjvm.runtime.backend.NoReplicaAvailableException;
import dev.faasjvm.runtime.platform.PlatformDeployment;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.GoDuration;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One generation of a function: the classes of one deployment spec and the replicas serving them.
 * {@link #scale} sets the desired replica count; replicas start on their own threads and join the
 * routing once their handler is constructed; removed ones finish their calls, then close. Every
 * replica gets the deployment's env and the values of the secrets it lists, as read when the
 * generation started. At zero replicas the class loader (with the output attached to it) is parked
 * in {@link WarmLoaders}; a call then scales back up, reloading the JAR and attaching a new output
 * if the loader was evicted meanwhile. An
 * update starts a new generation beside this one and {@link #retire retires} this one: routing
 * stops, calls drain, handlers close, and only then the function is unloaded, on the registry's
 * unloading thread. Routing reads one
 * volatile array and takes no lock; changes of the replica set are serialised on this object.
 * Thread-safe.
 */
final class Generation {
    private static final System.Logger LOG = System.getLogger(Generation.class.getName());
    private static final Replica[] NONE = new Replica[0];
    /** How often a call retries when its chosen replica filled up or left between choice and claim. */
    private static final int ROUTING_ATTEMPTS = 4;

    private final FunctionKey key;
    private final int number;
    private final FunctionDeployment spec;
    private final FunctionSettings settings;
    /** What the class loader is loaded from, and reloaded from after eviction: the image, maybe pinned. */
    private final String image;
    private final Optional<String> artifactSha256;
    /** The values of the secrets the deployment lists, read once when the generation started. */
    private final Map<String, byte[]> secrets;
    private final Services services;
    /** Where a call goes when this generation was retired while it waited for a replica. */
    private final Function<Invocation, CompletableFuture<FunctionResponse>> successor;
    private final LongAdder stuckTotal = new LongAdder();
    /** Whether calls run on the caller's thread: shared by the replicas, so one demotion moves them all. */
    private final DirectMode mode;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Replica[] ready = NONE;
    private volatile boolean retired;
    private volatile long lastCall;

    // Guarded by this.
    private AttachedFunction loaded;
    private CompletableFuture<AttachedFunction> reloading;
    private int desired;
    private int starting;
    private int nextReplica = 1;
    private boolean shutDown;
    private final Set<Replica> live = new HashSet<>();
    /** Replicas whose threads may still be alive, closed or not; for {@link #awaitThreads}. */
    private final Set<Replica> running = new HashSet<>();
    private CompletableFuture<Void> available = new CompletableFuture<>();

    private Generation(FunctionKey key, int number, FunctionDeployment spec, FunctionSettings settings,
            Map<String, byte[]> secrets, AttachedFunction loaded, String image, Services services,
            Function<Invocation, CompletableFuture<FunctionResponse>> successor) {
        this.key = key;
        this.number = number;
        this.spec = spec;
        this.settings = settings;
        this.image = image;
        this.artifactSha256 = loaded.function().artifactSha256();
        this.mode = DirectMode.of(spec, loaded.function());
        this.secrets = Map.copyOf(secrets);
        this.loaded = loaded;
        this.services = services;
        this.successor = successor;
        this.lastCall = services.ticker().read();
    }

    /**
     * Starts a generation with {@code replicas} replicas and waits until their handlers are
     * constructed. {@code image} is what {@code loaded} came from (the spec's image, or it pinned
     * to an artifact hash on restore), from which the loader is reloaded if evicted at zero
     * replicas. The generation owns {@code loaded} (and its output) from here on: if a constructor
     * throws (or times out, or is cancelled), everything started is closed in the background, the
     * loader and output too, and the constructor's failure propagates at once.
     */
    static Generation start(FunctionKey key, int number, FunctionDeployment spec, FunctionSettings settings,
            Map<String, byte[]> secrets, AttachedFunction loaded, String image, int replicas, Services services,
            Function<Invocation, CompletableFuture<FunctionResponse>> successor) {
        Generation generation = new Generation(key, number, spec, settings, secrets, loaded, image, services,
                successor);
        List<CompletableFuture<Replica>> started = new ArrayList<>();
        synchronized (generation) {
            generation.desired = replicas;
            for (int i = 0; i < replicas; i++) {
                started.add(generation.startReplica());
            }
        }
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
            return generation;
        } catch (CompletionException e) {
            // Not waited for: a constructor that timed out or was cancelled may still hold its
            // thread, and the unload would wait for it while the name stays locked (issue 10).
            generation.retire(Duration.ZERO);
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    int number() {
        return number;
    }

    FunctionSettings settings() {
        return settings;
    }

    /** The SHA-256 of the cached artifact this generation runs from, empty for a JAR used in place. */
    Optional<String> artifactSha256() {
        return artifactSha256;
    }

    /** The desired replica count, OpenFaaS's {@code replicas}. */
    synchronized int desired() {
        return desired;
    }

    /** Replicas whose handler is constructed and that take calls, OpenFaaS's {@code availableReplicas}. */
    int available() {
        return ready.length;
    }

    /** Workers now stuck past their timeout, and how many have been since this generation started. */
    synchronized long[] stuckWorkers() {
        long now = live.stream().mapToLong(Replica::stuck).sum();
        return new long[] {now, stuckTotal.sum()};
    }

    /**
     * Runs one call on the replica with the fewest calls in flight, scaling up from zero first if
     * need be. Returns null when this generation has been retired: the caller must look up the
     * current one.
     */
    CompletableFuture<FunctionResponse> invoke(Invocation invocation) {
        if (!tryEnter()) {
            return null;
        }
        CompletableFuture<FunctionResponse> result;
        try {
            result = route(invocation);
        } catch (RuntimeException | Error e) {
            exit();
            throw e;
        }
        // The caller hears only after exit(): the call is no longer counted (in-flight, last call) by then.
        return result.whenComplete((response, failure) -> exit());
    }

    private CompletableFuture<FunctionResponse> route(Invocation invocation) {
        for (int attempt = 0; attempt < ROUTING_ATTEMPTS; attempt++) {
            Replica[] replicas = ready;
            if (replicas.length == 0) {
                return waitForReplica(invocation);
            }
            Replica chosen = leastBusy(replicas);
            if (chosen == null) {
                break;
            }
            if (chosen.tryAcquire()) {
                return chosen.run(invocation);
            }
        }
        return CompletableFuture.failedFuture(new CapacityExceededException("Function \"" + key.name()
                + "\" is at its limit of " + settings.maxInflight() + " calls in flight on each of its "
                + ready.length + " replicas"));
    }

    private Replica leastBusy(Replica[] replicas) {
        if (replicas.length == 1) {
            return replicas[0];
        }
        Replica chosen = null;
        int least = Integer.MAX_VALUE;
        for (Replica replica : replicas) {
            int calls = replica.inFlight();
            if (calls < least && replica.hasCapacity()) {
                chosen = replica;
                least = calls;
            }
        }
        return chosen;
    }

    /** Scale from zero: the call waits (without a thread) until a replica is ready. */
    private CompletableFuture<FunctionResponse> waitForReplica(Invocation invocation) {
        CompletableFuture<Void> next;
        synchronized (this) {
            if (ready.length == 0 && starting == 0 && !retired) {
                if (desired == 0) {
                    LOG.log(Level.INFO, () -> "Function " + key + " is at zero replicas: scaling to "
                            + settings.fromZero() + " for call " + invocation.callId());
                }
                scale(Math.max(desired, settings.fromZero()));
            }
            next = available;
        }
        Duration limit = settings.execTimeout();
        CompletableFuture<Void> bounded = limit.isZero() ? next
                : next.copy().orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS);
        return bounded.handle((ignored, failure) -> failure)
                .thenCompose(failure -> afterWaiting(invocation, failure));
    }

    private CompletableFuture<FunctionResponse> afterWaiting(Invocation invocation, Throwable failure) {
        if (failure == null) {
            return route(invocation);
        }
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof RetiredException) {
            return successor.apply(invocation);
        }
        if (cause instanceof TimeoutException) {
            return CompletableFuture.failedFuture(new InvocationTimeoutException("Function \"" + key.name()
                    + "\" had no replica ready within its exec_timeout of " + GoDuration.format(settings.execTimeout())));
        }
        return CompletableFuture.failedFuture(cause);
    }

    /**
     * Sets the desired replica count: starts the missing replicas (they join the routing once
     * constructed) or takes the newest out of the routing and closes them once their calls have
     * finished. At zero, the class loader is parked once the last replica has closed. No-op once
     * retired.
     */
    synchronized void scale(int replicas) {
        if (retired) {
            return;
        }
        desired = replicas;
        for (int missing = desired - ready.length - starting; missing > 0; missing--) {
            startReplica();
        }
        Replica[] current = ready;
        if (current.length > desired) {
            ready = Arrays.copyOf(current, desired);
            for (int i = desired; i < current.length; i++) {
                retireReplica(current[i], services.config().drainTimeout());
            }
            if (desired == 0) {
                available = new CompletableFuture<>();
            }
        }
        settle();
    }

    /** Scales to zero when the function allows it and has had no call for its zero-duration. */
    synchronized void scaleToZeroIfIdle(long now) {
        if (!settings.scaleToZero() || retired || desired == 0 || inFlight.get() > 0
                || now - lastCall < settings.zeroDuration().toNanos()) {
            return;
        }
        LOG.log(Level.INFO, () -> "Function " + key + " had no call for " + GoDuration.format(settings.zeroDuration())
                + ": scaling to zero");
        scale(0);
    }

    private CompletableFuture<Replica> startReplica() {
        starting++;
        String replicaId = key.name() + "-" + number + "-" + nextReplica++;
        ReplicaContext context = new ReplicaContext(key.name(), key.namespace(), replicaId, spec.envVars(), secrets);
        CompletableFuture<Replica> started = loadedFuture()
                .thenCompose(loader -> Replica.start(context, loader, settings, services, stuckTotal,
                        PlatformDeployment.of(key.name(), number, spec.limits() == null ? "" : spec.limits().memory()), mode));
        started.whenComplete(this::onStarted);
        return started;
    }

    private synchronized void onStarted(Replica replica, Throwable failure) {
        starting--;
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            LOG.log(Level.WARNING, () -> "Function " + key + ": a replica could not start: " + cause.getMessage());
            if (ready.length == 0 && starting == 0) {
                CompletableFuture<Void> waiting = available;
                available = new CompletableFuture<>();
                waiting.completeExceptionally(new NoReplicaAvailableException("Function \"" + key.name()
                        + "\" has no replica: " + cause.getMessage(), cause));
            }
        } else {
            live.add(replica);
            running.add(replica);
            replica.terminated().whenComplete((ignored, error) -> forget(replica));
            if (retired || ready.length >= desired) {
                retireReplica(replica, Duration.ZERO); // scaled down while it was starting
            } else {
                Replica[] current = ready;
                Replica[] next = Arrays.copyOf(current, current.length + 1);
                next[current.length] = replica;
                ready = next;
                available.complete(null);
            }
        }
        settle();
    }

    private synchronized void forget(Replica replica) {
        running.remove(replica);
    }

    /** Waits until every replica's threads have ended, or the deadline ({@link System#nanoTime()}) passes. */
    void awaitThreads(long deadlineNanos) throws InterruptedException {
        List<Replica> replicas;
        synchronized (this) {
            replicas = new ArrayList<>(running);
        }
        for (Replica replica : replicas) {
            replica.awaitTermination(deadlineNanos);
        }
    }

    /** Calls that have entered this generation and not yet left it, waiting ones included. */
    int inFlight() {
        return inFlight.get();
    }

    private void retireReplica(Replica replica, Duration drainTimeout) {
        replica.retire(drainTimeout).whenComplete((ignored, failure) -> onClosed(replica));
    }

    private synchronized void onClosed(Replica replica) {
        live.remove(replica);
        settle();
    }

    /**
     * Once no replica is starting, ready or closing: parks the loader if scaled to zero, or closes
     * it if retired.
     */
    private void settle() {
        if (ready.length > 0 || starting > 0 || !live.isEmpty()) {
            return;
        }
        if (shutDown) {
            AttachedFunction unload = loaded != null ? loaded : services.warm().take(this);
            loaded = null;
            // Unloaded on the registry's unloading thread: never on one of the function's own
            // threads (this may be the one that closed the last handler) nor on a caller's.
            services.unloading().execute(() -> {
                try {
                    if (unload != null) {
                        unload.close();
                    }
                } finally {
                    closed.complete(null);
                }
            });
        } else if (desired == 0 && loaded != null) {
            services.warm().park(this, loaded);
            loaded = null;
        }
    }

    /** The class loader, taken back from the warm cache or reloaded from the JAR if it was evicted. */
    private CompletableFuture<AttachedFunction> loadedFuture() {
        if (loaded != null) {
            return CompletableFuture.completedFuture(loaded);
        }
        if (reloading != null) {
            return reloading;
        }
        AttachedFunction warm = services.warm().take(this);
        if (warm != null) {
            loaded = warm;
            return CompletableFuture.completedFuture(warm);
        }
        LOG.log(Level.INFO, () -> "Function " + key + ": reloading " + image + " (its class loader was evicted)");
        CompletableFuture<AttachedFunction> reload = CompletableFuture.supplyAsync(
                () -> AttachedFunction.load(services, key, number, image, spec), services.scaler());
        reloading = reload;
        reload.whenComplete(this::onReloaded);
        return reload;
    }

    private synchronized void onReloaded(AttachedFunction reloaded, Throwable failure) {
        reloading = null;
        if (failure == null) {
            loaded = reloaded;
        }
    }

    private boolean tryEnter() {
        inFlight.incrementAndGet();
        if (retired) {
            exit();
            return false;
        }
        return true;
    }

    private void exit() {
        if (settings.scaleToZero()) {
            lastCall = services.ticker().read();
        }
        if (inFlight.decrementAndGet() == 0 && retired) {
            drained.complete(null);
        }
    }

    /**
     * Stops routing to this generation and, once its calls have finished (or {@code drainTimeout}
     * has passed), closes its replicas and then its class loader. Calls waiting for a replica go
     * to the successor. Returns at once; the future completes when everything is closed.
     */
    CompletableFuture<Void> retire(Duration drainTimeout) {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            if (retired) {
                return closed;
            }
            retired = true;
            desired = 0;
            waiting = available;
        }
        waiting.completeExceptionally(new RetiredException());
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
        drained.orTimeout(drainTimeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((ignored, timeout) -> {
            if (timeout != null) {
                LOG.log(Level.WARNING, () -> "Function " + key + ": generation " + number + " still has "
                        + inFlight.get() + " calls running after " + GoDuration.format(drainTimeout) + "; closing it anyway");
            }
            shutDown();
        });
        return closed;
    }

    private synchronized void shutDown() {
        shutDown = true;
        Replica[] current = ready;
        ready = NONE;
        for (Replica replica : current) {
            retireReplica(replica, Duration.ZERO);
        }
        settle();
    }

    @Override
    public String toString() {
        return "generation " + number + " of " + key;
    }

    /** Completes the wait of calls that were waiting for a replica when the generation retired. */
    private static final class RetiredException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetiredException() {
            super("retired", null, false, false);
        }
    }
}
