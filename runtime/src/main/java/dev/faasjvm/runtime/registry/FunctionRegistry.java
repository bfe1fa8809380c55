package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.DeploymentRules;
import dev.faasjvm.runtime.backend.FunctionExistsException;
import dev.faasjvm.runtime.backend.FunctionGauges;
import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.NotImplementedException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.artifact.ArtifactStore;
import dev.faasjvm.runtime.loader.FunctionLoadException;
import dev.faasjvm.runtime.loader.FunctionLoader;
import dev.faasjvm.runtime.loader.LoadedFunction;
import dev.faasjvm.runtime.state.DeploymentStore;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.state.StoredDeployments;
import dev.faasjvm.runtime.unload.LeakDetector;
import dev.faasjvm.runtime.unload.LoaderCounts;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.ProviderInfo;
import dev.faasjvm.runtime.wire.StateProblem;
import dev.faasjvm.runtime.wire.StateReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM back-end: deploys functions into their own class loaders, keeps them by name and
 * namespace, and routes calls to their current generation. Every change is saved to the
 * {@link DeploymentStore} after the new generation is ready and before it is registered, so a
 * change that cannot be saved is not made at all. Deploy, update and delete of one function are
 * serialised by a per-function lock; calls never take a lock. Retired generations are unloaded on
 * one runtime thread, {@code faas-jvm-unloader}, and their loaders watched for leaks. Thread-safe.
 */
public final class FunctionRegistry implements ProviderBackend, AutoCloseable {
    static final String SCALE_MIN_LABEL = "com.openfaas.scale.min";
    static final String FUNCTION_LABEL = "faas_function";
    private static final System.Logger LOG = System.getLogger(FunctionRegistry.class.getName());
    /** Status annotation counting the function's class loaders that leaked (shown only when there are any). */
    static final String LEAKED_LOADERS_ANNOTATION = "dev.faasjvm.leaked-loaders";

    private final RegistryConfig config;
    private final ArtifactStore artifacts;
    private final LeakDetector leaks;
    private final FunctionLoader loader;
    private final ThreadPoolExecutor unloading;
    private final Clock clock;
    private final DeploymentStore store;
    private final StateWrites writes;
    private final ConcurrentHashMap<FunctionKey, DeployedFunction> functions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<FunctionKey, Object> locks = new ConcurrentHashMap<>();
    private final AtomicInteger generations = new AtomicInteger();
    private volatile StateReport stateReport;

    public FunctionRegistry(RegistryConfig config, Clock clock, DeploymentStore store) {
        this.config = config;
        this.clock = clock;
        this.artifacts = ArtifactStore.open(config.artifacts());
        this.leaks = LeakDetector.create(clock);
        this.loader = new FunctionLoader(artifacts, leaks);
        this.unloading = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                FunctionRegistry::unloaderThread);
        this.store = store;
        this.writes = new StateWrites(store, unloading);
        this.stateReport = StateReport.none(store.describe());
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
        long started = System.nanoTime();
        StoredDeployments stored = store.load();
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
        DeploymentRules.check(spec);
        FunctionKey key = keyOf(spec);
        synchronized (lockOf(key)) {
            if (functions.containsKey(key)) {
                throw new FunctionExistsException("Function \"" + key.name() + "\" is already deployed");
            }
            Generation generation = restoreGeneration(key, stored);
            functions.put(key, new DeployedFunction(spec, stored.createdAt(), generation));
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
        if (!stored.artifactSha256().isEmpty() && image.indexOf('#') < 0) {
            try {
                return startGeneration(key, stored.spec(), stored.replicas(),
                        image + "#sha256=" + stored.artifactSha256());
            } catch (InvalidRequestException e) {
                LOG.log(System.Logger.Level.INFO, () -> "Function " + key + ": its cached artifact cannot be used ("
                        + e.getMessage() + "); loading " + image + " itself");
            }
        }
        return startGeneration(key, stored.spec(), stored.replicas(), image);
    }

    @Override
    public StateReport state() {
        return stateReport;
    }

    @Override
    public List<FunctionStatus> list(String namespace) {
        checkNamespace(namespace);
        return functions.entrySet().stream()
                .filter(entry -> entry.getKey().namespace().equals(namespace))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(FunctionKey::name)))
                .map(entry -> statusOf(entry.getValue()))
                .toList();
    }

    @Override
    public void deploy(FunctionDeployment deployment) {
        DeploymentRules.check(deployment);
        FunctionKey key = keyOf(deployment);
        synchronized (lockOf(key)) {
            if (functions.containsKey(key)) {
                throw new FunctionExistsException("Function \"" + key.name() + "\" already exists in namespace \""
                        + key.namespace() + "\"; update it with PUT /system/functions");
            }
            FunctionDeployment spec = withNamespace(deployment, key.namespace());
            Generation generation = startGeneration(key, spec, initialReplicas(spec), spec.image());
            Instant createdAt = clock.instant();
            writes.save(new StoredDeployment(spec, generation.replicaCount(), createdAt,
                    generation.artifactSha256().orElse("")), generation, "deploy");
            functions.put(key, new DeployedFunction(spec, createdAt, generation));
        }
    }

    @Override
    public void update(FunctionDeployment deployment) {
        DeploymentRules.check(deployment);
        FunctionKey key = keyOf(deployment);
        synchronized (lockOf(key)) {
            DeployedFunction current = existing(key);
            FunctionDeployment spec = withNamespace(deployment, key.namespace());
            Generation next = startGeneration(key, spec, initialReplicas(spec), spec.image());
            writes.save(new StoredDeployment(spec, next.replicaCount(), current.createdAt(),
                    next.artifactSha256().orElse("")), next, "update");
            functions.put(key, new DeployedFunction(spec, current.createdAt(), next));
            current.generation().retire(config.drainTimeout(), unloading);
        }
    }

    @Override
    public void delete(String name, String namespace) {
        FunctionKey key = new FunctionKey(name, namespace);
        checkNamespace(namespace);
        synchronized (lockOf(key)) {
            DeployedFunction removed = existing(key);
            writes.remove(key);
            functions.remove(key);
            removed.generation().retire(config.drainTimeout(), unloading);
        }
    }

    @Override
    public Optional<FunctionStatus> status(String name, String namespace) {
        checkNamespace(namespace);
        return Optional.ofNullable(functions.get(new FunctionKey(name, namespace))).map(this::statusOf);
    }

    @Override
    public void scale(String name, String namespace, long replicas) {
        throw new NotImplementedException("Scaling is not implemented in this version of faas-jvm");
    }

    @Override
    public ProviderInfo info() {
        return config.info();
    }

    @Override
    public List<String> namespaces() {
        return List.of(DEFAULT_NAMESPACE);
    }

    @Override
    public CompletableFuture<FunctionResponse> invoke(String name, String namespace, Invocation invocation) {
        FunctionKey key = new FunctionKey(name, namespace);
        while (true) {
            DeployedFunction function = functions.get(key);
            if (function == null) {
                return CompletableFuture.failedFuture(notFound(key));
            }
            Generation generation = function.generation();
            if (generation.tryEnter()) {
                CompletableFuture<FunctionResponse> result = generation.invoke(invocation);
                result.whenComplete((response, failure) -> generation.exit());
                return result;
            }
            // The generation was retired between the lookup and the entry: route to its successor.
        }
    }

    /** What became of each function's retired class loaders, by {@code name.namespace}. */
    public Map<String, LoaderCounts> loaderCounts() {
        return leaks.counts();
    }

    /**
     * Retires every function, as a delete would, waits for them to close and for their threads to
     * end (bounded by the drain timeout), so that nothing of them outlives the runtime, and stops
     * the unloading thread. Nothing stored changes, so a restart brings them all back.
     */
    @Override
    public void close() {
        close(config.drainTimeout());
    }

    /** As {@link #close()}, giving calls in flight at most {@code drain} to finish. */
    public void close(Duration drain) {
        List<Generation> retiring = functions.values().stream().map(DeployedFunction::generation).toList();
        List<CompletableFuture<Void>> closing = retiring.stream()
                .map(generation -> generation.retire(drain, unloading))
                .toList();
        functions.clear();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
            awaitThreads(retiring, System.nanoTime() + drain.toNanos());
        } finally {
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
            long replicas = generation.replicaCount();
            LoaderCounts counts = loaders.get(entry.getKey().toString());
            return new FunctionGauges(entry.getKey().name(), entry.getKey().namespace(), replicas, replicas,
                    generation.inFlight(), 0, counts == null ? 0 : counts.leaked());
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
            return loader.registerInProcess(handlerClass);
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

    private Generation startGeneration(FunctionKey key, FunctionDeployment deployment, int replicas, String image) {
        int number = generations.incrementAndGet();
        try {
            LoadedFunction loaded = loader.load(key.toString(), number, image, deployment.envProcess());
            return Generation.start(key, number, loaded, replicas, config.concurrency(),
                    deployment.envVars());
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
        if (!DEFAULT_NAMESPACE.equals(namespace)) {
            throw new InvalidRequestException("Namespace \"" + namespace + "\" does not exist; the namespaces are "
                    + namespaces());
        }
    }

    static int initialReplicas(FunctionDeployment deployment) {
        String min = deployment.labels().get(SCALE_MIN_LABEL);
        if (min == null || min.isBlank()) {
            return 1;
        }
        try {
            int replicas = Integer.parseInt(min.strip());
            if (replicas < 1) {
                throw new NumberFormatException();
            }
            return replicas;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Invalid deployment of \"" + deployment.service() + "\": label "
                    + SCALE_MIN_LABEL + " must be a whole number of at least 1, not \"" + min + "\"");
        }
    }

    private FunctionStatus statusOf(DeployedFunction function) {
        long replicas = function.generation().replicaCount();
        FunctionDeployment spec = function.spec();
        Map<String, String> labels = new java.util.TreeMap<>(spec.labels());
        labels.put(FUNCTION_LABEL, spec.service());
        Map<String, String> annotations = spec.annotations();
        int leaked = leaks.counts(new FunctionKey(spec.service(), namespaceOf(spec)).toString()).leaked();
        if (leaked > 0) {
            annotations = new java.util.TreeMap<>(annotations);
            annotations.put(LEAKED_LOADERS_ANNOTATION, Integer.toString(leaked));
        }
        return FunctionStatus.of(withNamespaceAndLabels(spec, labels, annotations), replicas, replicas, 0,
                function.createdAt());
    }

    private static String namespaceOf(FunctionDeployment spec) {
        return spec.namespace().isEmpty() ? DEFAULT_NAMESPACE : spec.namespace();
    }

    private static FunctionDeployment withNamespaceAndLabels(FunctionDeployment spec, Map<String, String> labels,
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
        if (function == null) {
            throw notFound(key);
        }
        return function;
    }

    private Object lockOf(FunctionKey key) {
        return locks.computeIfAbsent(key, ignored -> new Object());
    }

    private static FunctionNotFoundException notFound(FunctionKey key) {
        return new FunctionNotFoundException("Function \"" + key.name() + "\" not found in namespace \""
                + key.namespace() + "\"");
    }
}
