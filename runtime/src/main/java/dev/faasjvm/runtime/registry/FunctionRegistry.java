package dev.faasjvm.runtime.registry;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.ConflictException;
import dev.faasjvm.runtime.backend.DeploymentRules;
import dev.faasjvm.runtime.backend.FunctionExistsException;
import dev.faasjvm.runtime.backend.FunctionCounters;
import dev.faasjvm.runtime.backend.FunctionGauges;
import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.backend.LogStream;
import dev.faasjvm.runtime.backend.NotImplementedException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.accounting.FunctionAccount;
import dev.faasjvm.runtime.accounting.FunctionAccounts;
import dev.faasjvm.runtime.artifact.ArtifactStore;
import dev.faasjvm.runtime.loader.FunctionLoadException;
import dev.faasjvm.runtime.loader.FunctionLoader;
import dev.faasjvm.runtime.loader.LoadedFunction;
import dev.faasjvm.runtime.state.DeploymentStore;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.state.StoredDeployments;
import dev.faasjvm.runtime.logs.FunctionLogs;
import dev.faasjvm.runtime.logs.FunctionOutput;
import dev.faasjvm.runtime.logs.OutputCapture;
import dev.faasjvm.runtime.namespaces.NamespaceRegistry;
import dev.faasjvm.runtime.secrets.SecretVault;
import dev.faasjvm.runtime.threads.DaemonThreads;
import dev.faasjvm.runtime.unload.LeakDetector;
import dev.faasjvm.runtime.unload.LoaderCounts;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.FunctionUsage;
import dev.faasjvm.runtime.wire.ProviderInfo;
import dev.faasjvm.runtime.wire.StateProblem;
import dev.faasjvm.runtime.wire.StateReport;
import dev.faasjvm.runtime.wire.Secret;
import dev.faasjvm.runtime.wire.SecretSummary;
import dev.faasjvm.runtime.workers.Workers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The JVM back-end: deploys functions into their own class loaders, keeps them by name and
 * namespace, routes calls to their current generation, scales them, and every second scales idle
 * ones to zero; namespaces and secrets go through its {@link NamespaceGuard} (a deploy is admitted
 * into its namespace like a new secret), logs through its {@link FunctionLogs}. Every change a
 * client makes to a function (deploy, update, delete, scale) is saved to the
 * {@link DeploymentStore} after the new generation is ready and before it is registered, so a
 * change that cannot be saved is not made at all; idle scale-to-zero and scale-from-zero on a call
 * are not client changes and are not saved. Deploy, update, delete and scale of one function are
 * serialised by a per-function lock; calls never take a lock. Class loaders are unloaded on one
 * runtime thread, {@code faas-jvm-unloader}, and watched for leaks. Thread-safe.
 */
public final class FunctionRegistry implements ProviderBackend, AutoCloseable {
    static final String FUNCTION_LABEL = "faas_function";
    private static final System.Logger LOG = System.getLogger(FunctionRegistry.class.getName());
    /** Status annotation counting the function's class loaders that leaked (shown only when there are any). */
    static final String LEAKED_LOADERS_ANNOTATION = "dev.faasjvm.leaked-loaders";
    /** Status annotation: workers of the function now stuck past their exec_timeout (faas-jvm's own). */
    public static final String STUCK_WORKERS = "com.faas-jvm.stuck-workers";
    /** Status annotation: workers of the current generation ever found stuck (faas-jvm's own). */
    public static final String STUCK_WORKERS_TOTAL = "com.faas-jvm.stuck-workers-total";
    private static final String RESERVED_ANNOTATIONS = "com.faas-jvm.";
    private static final Duration IDLE_SWEEP = Duration.ofSeconds(1);

    private final RegistryConfig config;
    private final ArtifactStore artifacts;
    private final LeakDetector leaks;
    private final ThreadPoolExecutor unloading;
    private final NamespaceGuard namespaces;
    private final FunctionLogs logs;
    private final Services services;
    private final ExecutorService scaler;
    private final DeploymentStore store;
    private final StateWrites writes;
    private final ConcurrentHashMap<FunctionKey, DeployedFunction> functions = new ConcurrentHashMap<>();
    private final NameLocks locks;
    /** Stored functions not yet restored: listed with no replica available, their calls wait. */
    private final ConcurrentHashMap<FunctionKey, PendingFunction> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<StateReport> restoring = new CompletableFuture<>();
    private volatile int restoreTotal;
    /**
     * Each function's own generation count, so that its replicas are named for its versions
     * ({@code printer-1-1} for a function deployed once), kept across a delete and redeploy so that a
     * leaked loader's name never stands for two generations.
     */
    private final ConcurrentHashMap<FunctionKey, AtomicInteger> generations = new ConcurrentHashMap<>();
    private volatile StateReport stateReport;

    /**
     * A registry whose idle scale-to-zero and warm-loader cache measure time with {@code ticker}
     * (tests advance a fake one instead of waiting), that saves every client change to
     * {@code store} before answering it, with its namespaces, secrets and function logs. The
     * namespaces and secrets are already loaded, so {@link #restore} finds them.
     */
    public FunctionRegistry(RegistryConfig config, Clock clock, Ticker ticker, DeploymentStore store,
            NamespaceRegistry namespaces, SecretVault secrets, FunctionLogs logs) {
        this.config = config;
        this.namespaces = new NamespaceGuard(namespaces, secrets);
        this.logs = logs;
        // Reloads block on the JAR, so they get threads of their own, none while nothing reloads.
        this.scaler = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.numbered("faas-jvm-scaler"));
        this.artifacts = ArtifactStore.open(config.artifacts());
        this.leaks = LeakDetector.create(clock);
        this.unloading = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                FunctionRegistry::unloaderThread);
        Watchdog watchdog = new Watchdog();
        this.services = new Services(new FunctionLoader(artifacts, leaks), new WarmLoaders(config.warmLoaders(),
                config.warmDuration(), ticker, unloading), watchdog, scaler, unloading, clock, ticker, config,
                logs, new FunctionAccounts(), new Constructors(Constructors.defaultLimit(), watchdog),
                new Workers("faas-jvm-worker-", config.workerKeepAlive().toNanos()));
        this.store = store;
        this.writes = new StateWrites(store);
        this.stateReport = StateReport.none(store.describe());
        this.locks = new NameLocks(config.constructTimeout());
        services.watchdog().every(IDLE_SWEEP, this::sweepIdle);
    }

    /**
     * The unloading thread. Its context class loader is set, not inherited: it is often started
     * from a function's thread (the one finishing the last call), whose loader it must not keep.
     */
    private static Thread unloaderThread(Runnable task) {
        Thread thread = new Thread(task, "faas-jvm-unloader");
        thread.setDaemon(true);
        thread.setContextClassLoader(FunctionRegistry.class.getClassLoader());
        return thread;
    }

    /**
     * Brings back what the store holds, at start, each function with its stored replica count and
     * creation time, without writing anything. An entry that cannot be loaded (its JAR is gone, its
     * handler no longer constructs) is reported with the store's unreadable entries; the rest are
     * restored, {@code parallelism} at a time.
     */
    public StateReport restore(int parallelism) {
        return restoreInBackground(parallelism, report -> { }).join();
    }

    /**
     * Starts bringing back what the store holds, as {@link #restore} does, and returns at once:
     * every stored function is listed at once (with no replica available) and a call to it waits
     * for it, bounded by its exec_timeout. The future completes with the report once every entry
     * is restored or has failed, and {@code then} has run with it; {@link #isReady()} turns true
     * then. Call it once.
     */
    public CompletableFuture<StateReport> restoreInBackground(int parallelism, Consumer<StateReport> then) {
        long started = System.nanoTime();
        StoredDeployments stored = store.load();
        restoreTotal = stored.deployments().size();
        for (StoredDeployment deployment : stored.deployments()) {
            PendingFunction.keyOf(deployment).ifPresent(key -> pending.put(key, new PendingFunction(deployment)));
        }
        Thread restorer = new Thread(() -> {
            try {
                StateReport report;
                try {
                    report = restoreAll(stored, parallelism, started);
                } finally {
                    pending.values().forEach(PendingFunction::abandon); // e.g. one the restore never reached
                    pending.clear();
                }
                then.accept(report);
                restoring.complete(report);
            } catch (RuntimeException | Error e) {
                restoring.completeExceptionally(e);
            }
        }, "faas-jvm-restore");
        restorer.setDaemon(true);
        restorer.start();
        return restoring;
    }

    private StateReport restoreAll(StoredDeployments stored, int parallelism, long started) {
        List<StateProblem> problems = new ArrayList<>(stored.problems());
        int restored = 0;
        for (Restore outcome : Restore.all(stored.deployments(), this::restoreOne, parallelism)) {
            if (outcome.problem().isEmpty()) {
                restored++;
            } else {
                problems.add(new StateProblem(store.entryName(outcome.deployment().name(),
                        outcome.deployment().namespace()), outcome.problem()));
            }
        }
        stateReport = new StateReport(store.describe(), restored, (System.nanoTime() - started) / 1_000_000,
                problems);
        return stateReport;
    }

    private void restoreOne(StoredDeployment stored) {
        FunctionDeployment spec = stored.spec();
        try {
            DeploymentRules.check(spec);
            FunctionKey key = keyOf(spec);
            // The namespaces and secrets were loaded before the registry was built, so a function of a
            // created namespace finds it, and its secrets' values, here.
            namespaces.admit(key.namespace(), "restore of function \"" + key.name() + "\"", () -> locks.run(key, () -> {
                if (!pending.containsKey(key)) {
                    throw new ConflictException("Function \"" + key.name() + "\" was deleted before it was restored");
                }
                if (functions.containsKey(key)) {
                    throw new FunctionExistsException("Function \"" + key.name() + "\" is already deployed");
                }
                try {
                    Generation generation = restoreGeneration(key, stored);
                    functions.put(key, new DeployedFunction(spec, stored.createdAt(), generation, stored.replicas()));
                } catch (RuntimeException | Error e) {
                    logs.remove(key.name(), key.namespace());
                    throw e;
                }
            }));
        } finally {
            PendingFunction.keyOf(stored).map(pending::remove).ifPresent(PendingFunction::finish);
        }
    }

    /**
     * Loads a stored function from the same bytes it ran from when they came through the artifact
     * cache: the image pinned to their hash is found in the cache without a request, so a server
     * that is down at restart does not keep the function down. If the cached copy is gone (and the
     * server now has other bytes), the image is loaded as a deploy would.
     */
    private Generation restoreGeneration(FunctionKey key, StoredDeployment stored) {
        String image = stored.spec().image();
        FunctionSettings settings = FunctionSettings.of(stored.spec(), config);
        int replicas = settings.clamp(stored.replicas());
        if (!stored.artifactSha256().isEmpty() && image.indexOf('#') < 0) {
            try {
                return startGeneration(key, stored.spec(), settings, replicas,
                        image + "#sha256=" + stored.artifactSha256());
            } catch (InvalidRequestException e) {
                LOG.log(System.Logger.Level.INFO, () -> "Function " + key + ": its cached artifact cannot be used ("
                        + e.getMessage() + "); loading " + image + " itself");
            }
        }
        return startGeneration(key, stored.spec(), settings, replicas, image);
    }

    /** How far the restore started by {@link #restoreInBackground} has come. */
    public RestoreProgress restoreProgress() {
        int total = restoreTotal;
        return new RestoreProgress(total - Math.min(total, pending.size()), total);
    }

    @Override
    public boolean isReady() {
        return restoring.isDone();
    }

    @Override
    public StateReport state() {
        return stateReport;
    }

    @Override
    public List<FunctionStatus> list(String namespace) {
        checkNamespace(namespace);
        Map<String, FunctionStatus> statuses = new TreeMap<>();
        pending.forEach((key, function) -> {
            if (key.namespace().equals(namespace)) {
                statuses.put(key.name(), pendingStatus(function));
            }
        });
        functions.forEach((key, function) -> {
            if (key.namespace().equals(namespace)) {
                statuses.put(key.name(), statusOf(function));
            }
        });
        return List.copyOf(statuses.values());
    }

    @Override
    public void deploy(FunctionDeployment deployment) {
        DeploymentRules.check(deployment);
        FunctionKey key = keyOf(deployment);
        namespaces.admit(key.namespace(), "deploy of function \"" + key.name() + "\"", () -> locks.run(key, () -> {
                if (functions.containsKey(key) || pending.containsKey(key)) {
                    throw new FunctionExistsException("Function \"" + key.name() + "\" already exists in namespace \""
                            + key.namespace() + "\"; update it with PUT /system/functions");
                }
                try {
                    FunctionDeployment spec = withNamespace(deployment, key.namespace());
                    FunctionSettings settings = FunctionSettings.of(spec, config);
                    int replicas = settings.minReplicas();
                    Generation generation = startGeneration(key, spec, settings, replicas, spec.image());
                    Instant createdAt = services.clock().instant();
                    writes.save(new StoredDeployment(spec, replicas, createdAt,
                            generation.artifactSha256().orElse("")), generation, "deploy");
                    functions.put(key, new DeployedFunction(spec, createdAt, generation, replicas));
                } catch (RuntimeException | Error e) {
                    logs.remove(key.name(), key.namespace());
                    throw e;
                }
        }));
    }

    @Override
    public void update(FunctionDeployment deployment) {
        DeploymentRules.check(deployment);
        FunctionKey key = keyOf(deployment);
        namespaces.admit(key.namespace(), "update of function \"" + key.name() + "\"", () -> locks.run(key, () -> {
                DeployedFunction current = existing(key);
                FunctionDeployment spec = withNamespace(deployment, key.namespace());
                FunctionSettings settings = FunctionSettings.of(spec, config);
                // Keep the capacity the function was scaled to, so an update under load does not shrink it.
                int replicas = settings.clamp(Math.max(settings.minReplicas(), current.generation().desired()));
                Generation next = startGeneration(key, spec, settings, replicas, spec.image());
                writes.save(new StoredDeployment(spec, replicas, current.createdAt(), next.artifactSha256().orElse("")),
                        next, "update");
                functions.put(key, new DeployedFunction(spec, current.createdAt(), next, replicas));
                current.generation().retire(config.drainTimeout());
        }));
    }

    @Override
    public void delete(String name, String namespace) {
        FunctionKey key = new FunctionKey(name, namespace);
        checkNamespace(namespace);
        // A deploy, update, scale-up or restore of the function still constructing is cancelled
        // first, so that the delete does not wait for a constructor that may never return.
        int cancelled = services.constructors().cancel(key, new ConflictException("Function \"" + name
                + "\" in namespace \"" + namespace + "\" was deleted while its handler was being constructed"));
        PendingFunction restoring = pending.remove(key);
        locks.run(key, () -> {
            DeployedFunction removed = functions.get(key);
            if (removed == null && (cancelled > 0 || restoring != null)) {
                if (restoring != null) {
                    writes.remove(key); // stored, but not restored yet: it must not come back
                }
                return;
            }
            removed = existing(key);
            writes.remove(key);
            functions.remove(key);
            removed.generation().retire(config.drainTimeout());
            logs.remove(name, namespace);
            services.accounts().forget(name, namespace);
        });
    }

    @Override
    public Optional<FunctionStatus> status(String name, String namespace) {
        checkNamespace(namespace);
        FunctionKey key = new FunctionKey(name, namespace);
        DeployedFunction function = functions.get(key);
        if (function == null) {
            return Optional.ofNullable(pending.get(key)).map(this::pendingStatus);
        }
        return Optional.of(statusOf(function));
    }

    /**
     * Sets the desired replicas; a count above the function's {@code com.openfaas.scale.max} is
     * clamped to it. The count is saved to the store before it is applied (a restart brings the
     * function back with it). Returns once the change is under way: new replicas count in
     * {@code availableReplicas} when their handler is constructed.
     */
    @Override
    public void scale(String name, String namespace, long replicas) {
        checkNamespace(namespace);
        if (replicas < 0) {
            throw new InvalidRequestException("Invalid scale request for \"" + name + "\": replicas must not be"
                    + " negative, not " + replicas);
        }
        FunctionKey key = new FunctionKey(name, namespace);
        locks.run(key, () -> {
            DeployedFunction function = existing(key);
            Generation generation = function.generation();
            int target = generation.settings().clamp(replicas);
            if (target != function.replicas()) {
                // Saved first: a count that cannot be stored is not applied, as with a deploy.
                writes.save(new StoredDeployment(function.spec(), target, function.createdAt(),
                        generation.artifactSha256().orElse("")), "scale");
                functions.put(key, function.withReplicas(target));
            }
            generation.scale(target);
        });
    }

    @Override
    public ProviderInfo info() {
        return config.info();
    }

    @Override
    public List<String> namespaces() {
        return namespaces.names();
    }

    @Override
    public Optional<FunctionNamespace> namespace(String name) {
        return namespaces.get(name);
    }

    @Override
    public void createNamespace(FunctionNamespace namespace) {
        namespaces.create(namespace);
    }

    @Override
    public void updateNamespace(FunctionNamespace namespace) {
        namespaces.update(namespace);
    }

    @Override
    public void deleteNamespace(String name) {
        namespaces.delete(name, namespace -> functions.keySet().stream()
                .filter(key -> key.namespace().equals(namespace)).map(FunctionKey::name).sorted().toList());
    }

    @Override
    public List<SecretSummary> secrets(String namespace) {
        return namespaces.secrets(namespace);
    }

    @Override
    public void createSecret(Secret secret) {
        namespaces.createSecret(secret);
    }

    @Override
    public void updateSecret(Secret secret) {
        namespaces.updateSecret(secret);
    }

    @Override
    public void deleteSecret(String name, String namespace) {
        namespaces.deleteSecret(name, namespace);
    }

    @Override
    public LogStream logs(LogRequest request) {
        checkNamespace(request.namespace());
        FunctionKey key = new FunctionKey(request.name(), request.namespace());
        if (!functions.containsKey(key) && !pending.containsKey(key)) {
            throw notFound(key);
        }
        return logs.stream(request);
    }

    @Override
    public CompletableFuture<FunctionResponse> invoke(String name, String namespace, Invocation invocation) {
        FunctionKey key = new FunctionKey(name, namespace);
        while (true) {
            DeployedFunction function = functions.get(key);
            if (function == null) {
                PendingFunction restoring = pending.get(key);
                return restoring == null ? CompletableFuture.failedFuture(notFound(key))
                        : restoring.whenRestored(() -> invoke(name, namespace, invocation), config.execTimeout());
            }
            CompletableFuture<FunctionResponse> result = function.generation().invoke(invocation);
            if (result != null) {
                return result;
            }
            // The generation was retired between the lookup and the entry: route to its successor.
        }
    }

    /** Scales every function that has been idle for its zero-duration to zero, and expires warm loaders. */
    void sweepIdle() {
        long now = services.ticker().read();
        for (DeployedFunction function : functions.values()) {
            try {
                function.generation().scaleToZeroIfIdle(now);
            } catch (RuntimeException e) {
                System.getLogger(FunctionRegistry.class.getName()).log(System.Logger.Level.ERROR,
                        "Idle sweep failed for " + function.spec().service(), e);
            }
        }
        services.warm().cleanUp();
        // A function that replaced System.out by reflection (or a class the rewrite missed) gets it back within a second.
        OutputCapture.global().reclaim();
    }

    /** What became of each function's retired class loaders, by {@code name.namespace}. */
    public Map<String, LoaderCounts> loaderCounts() {
        return leaks.counts();
    }

    /**
     * Retires every function, as a delete would, waits for them to close and for their threads to
     * end (bounded by the drain timeout), so that nothing of them outlives the runtime, and stops
     * the registry's own threads. Nothing stored changes, so a restart brings them all back.
     */
    @Override
    public void close() {
        close(config.drainTimeout());
    }

    /** As {@link #close()}, giving calls in flight at most {@code drain} to finish. */
    public void close(Duration drain) {
        List<Generation> retiring = functions.values().stream().map(DeployedFunction::generation).toList();
        List<CompletableFuture<Void>> closing = retiring.stream()
                .map(generation -> generation.retire(drain))
                .toList();
        functions.clear();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
            awaitThreads(retiring, System.nanoTime() + drain.toNanos());
        } finally {
            services.workers().shutdown();
            services.constructors().close();
            services.watchdog().close();
            scaler.shutdown();
            unloading.shutdown();
            leaks.close();
            closeArtifacts();
        }
    }

    private static void awaitThreads(List<Generation> generations, long deadlineNanos) {
        try {
            for (Generation generation : generations) {
                generation.awaitThreads(deadlineNanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop waiting; the threads end on their own
        }
    }

    /** What every function is doing now, for metrics; read at scrape time, never per call. */
    public List<FunctionGauges> gauges() {
        Map<String, LoaderCounts> loaders = leaks.counts();
        return functions.entrySet().stream().map(entry -> {
            Generation generation = entry.getValue().generation();
            LoaderCounts counts = loaders.get(entry.getKey().toString());
            return new FunctionGauges(entry.getKey().name(), entry.getKey().namespace(), generation.desired(),
                    generation.available(), generation.inFlight(), generation.stuckWorkers()[0],
                    counts == null ? 0 : counts.leaked());
        }).toList();
    }

    /** What every function has used so far, for metrics; read at scrape time, never per call. */
    public List<FunctionCounters> counters() {
        return functions.keySet().stream().map(key -> {
            FunctionAccount account = services.accounts().of(key.name(), key.namespace());
            return new FunctionCounters(key.name(), key.namespace(), account.cpuNanos() / 1e9,
                    account.allocatedBytes(), account.exitAttempts());
        }).toList();
    }

    /**
     * Makes a handler class of the embedding application's class path deployable and answers its
     * image, {@code class:<name>}; such a function shares the application's class loader.
     *
     * @throws InvalidRequestException if the class is not a handler the runtime can construct
     */
    public String registerInProcess(Class<?> handlerClass) {
        try {
            return services.loader().registerInProcess(handlerClass);
        } catch (FunctionLoadException e) {
            throw new InvalidRequestException("Cannot deploy " + handlerClass.getName() + ": " + e.getMessage(), e);
        }
    }

    private void closeArtifacts() {
        try {
            artifacts.close();
        } catch (Exception e) {
            System.getLogger(FunctionRegistry.class.getName()).log(System.Logger.Level.WARNING,
                    "Cannot close the artifact downloader", e);
        }
    }

    /**
     * Loads a new generation with the current values of the secrets the deployment lists (so a
     * changed secret reaches a function when it is next updated, as in OpenFaaS), its output
     * routed to the function's log from before its first constructor runs.
     */
    private Generation startGeneration(FunctionKey key, FunctionDeployment deployment, FunctionSettings settings,
            int replicas, String image) {
        Map<String, byte[]> secretValues = namespaces.secretValues(key.namespace(), deployment.secrets());
        int number = generations.computeIfAbsent(key, unused -> new AtomicInteger()).incrementAndGet();
        try {
            AttachedFunction attached = AttachedFunction.load(services, key, number, image, deployment);
            return Generation.start(key, number, deployment, settings, secretValues, attached, image, replicas,
                    services,
                    invocation -> invoke(key.name(), key.namespace(), invocation));
        } catch (FunctionLoadException e) {
            throw new InvalidRequestException("Cannot deploy \"" + key.name() + "\": " + e.getMessage(), e);
        }
    }

    private FunctionKey keyOf(FunctionDeployment deployment) {
        String namespace = deployment.namespace().isEmpty() ? DEFAULT_NAMESPACE : deployment.namespace();
        checkNamespace(namespace);
        return new FunctionKey(deployment.service(), namespace);
    }

    private void checkNamespace(String namespace) {
        namespaces.check(namespace);
    }

    private FunctionStatus statusOf(DeployedFunction function) {
        Generation generation = function.generation();
        FunctionDeployment spec = function.spec();
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.put(FUNCTION_LABEL, spec.service());
        FunctionStatus status = FunctionStatus.of(withStatusMetadata(spec, labels, annotations(spec, generation)),
                generation.desired(), generation.available(), 0, function.createdAt());
        FunctionAccount account = services.accounts().find(spec.service(), namespaceOf(spec));
        // usage.cpu only: no honest per-function figure exists for totalMemoryBytes in a shared heap (README).
        return account == null ? status
                : status.withUsage(new FunctionUsage(account.cpuMillicores(System.nanoTime()), 0));
    }

    /**
     * The deployed annotations plus faas-jvm's own status ones, only when non-zero: extra
     * annotations are tolerated by OpenFaaS clients. A client's own {@code com.faas-jvm.} keys are
     * dropped, so that a status read back and redeployed cannot pose as ours.
     */
    private Map<String, String> annotations(FunctionDeployment spec, Generation generation) {
        Map<String, String> annotations = new TreeMap<>(spec.annotations());
        annotations.keySet().removeIf(name -> name.startsWith(RESERVED_ANNOTATIONS)
                && !name.equals(FunctionSettings.CONSTRUCT_TIMEOUT));
        int leaked = leaks.counts(new FunctionKey(spec.service(), namespaceOf(spec)).toString()).leaked();
        if (leaked > 0) {
            annotations.put(LEAKED_LOADERS_ANNOTATION, Integer.toString(leaked));
        }
        long[] stuck = generation.stuckWorkers();
        if (stuck[1] > 0) {
            annotations.put(STUCK_WORKERS, Long.toString(stuck[0]));
            annotations.put(STUCK_WORKERS_TOTAL, Long.toString(stuck[1]));
        }
        return annotations;
    }

    private static String namespaceOf(FunctionDeployment spec) {
        return spec.namespace().isEmpty() ? DEFAULT_NAMESPACE : spec.namespace();
    }

    private static FunctionDeployment withStatusMetadata(FunctionDeployment spec, Map<String, String> labels,
            Map<String, String> annotations) {
        return new FunctionDeployment(spec.service(), spec.image(), namespaceOf(spec), spec.envProcess(),
                spec.envVars(), spec.constraints(), spec.secrets(), labels, annotations, spec.limits(),
                spec.requests(), spec.readOnlyRootFilesystem());
    }

    private static FunctionDeployment withNamespace(FunctionDeployment spec, String namespace) {
        return spec.namespace().equals(namespace) ? spec : new FunctionDeployment(spec.service(), spec.image(),
                namespace, spec.envProcess(), spec.envVars(), spec.constraints(), spec.secrets(), spec.labels(),
                spec.annotations(), spec.limits(), spec.requests(), spec.readOnlyRootFilesystem());
    }

    private DeployedFunction existing(FunctionKey key) {
        DeployedFunction function = functions.get(key);
        if (function == null && pending.containsKey(key)) {
            throw new ConflictException("Function \"" + key.name() + "\" in namespace \"" + key.namespace()
                    + "\" is still being restored after the runtime started; try again once it is ready");
        }
        if (function == null) {
            throw notFound(key);
        }
        return function;
    }

    /** The status of a stored function not restored yet: its stored replicas, none available. */
    private FunctionStatus pendingStatus(PendingFunction function) {
        FunctionDeployment spec = function.stored().spec();
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.put(FUNCTION_LABEL, spec.service());
        return FunctionStatus.of(withStatusMetadata(spec, labels, spec.annotations()), function.stored().replicas(),
                0, 0, function.stored().createdAt());
    }

    private static FunctionNotFoundException notFound(FunctionKey key) {
        return new FunctionNotFoundException("Function \"" + key.name() + "\" not found in namespace \""
                + key.namespace() + "\"");
    }
}
