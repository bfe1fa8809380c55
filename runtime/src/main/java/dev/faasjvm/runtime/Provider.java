package dev.faasjvm.runtime;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.artifact.ArtifactConfig;
import dev.faasjvm.runtime.async.AsyncAwareBackend;
import dev.faasjvm.runtime.async.AsyncConfig;
import dev.faasjvm.runtime.async.AsyncQueue;
import dev.faasjvm.runtime.auth.BasicCredentials;
import dev.faasjvm.runtime.auth.CredentialSources;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.backend.ProviderException;
import dev.faasjvm.runtime.cluster.Cluster;
import dev.faasjvm.runtime.cluster.LocalDeployments;
import dev.faasjvm.runtime.folder.FolderOutcome;
import dev.faasjvm.runtime.folder.FunctionsFolder;
import dev.faasjvm.runtime.folder.SharedFolders;
import dev.faasjvm.runtime.http.MeteredBackend;
import dev.faasjvm.runtime.http.ProviderServer;
import dev.faasjvm.runtime.http.ServerConfig;
import dev.faasjvm.runtime.logs.FunctionLogs;
import dev.faasjvm.runtime.logs.OutputCapture;
import dev.faasjvm.runtime.containment.FunctionEnvironment;
import dev.faasjvm.runtime.metrics.RuntimeMetrics;
import dev.faasjvm.runtime.namespaces.NamespaceRegistry;
import dev.faasjvm.runtime.registry.FunctionRegistry;
import dev.faasjvm.runtime.registry.RegistryConfig;
import dev.faasjvm.runtime.registry.RestoreProgress;
import dev.faasjvm.runtime.state.DeploymentStore;
import dev.faasjvm.runtime.state.FileDeploymentStore;
import dev.faasjvm.runtime.state.StateDirectory;
import dev.faasjvm.runtime.state.StateDirectoryException;
import dev.faasjvm.runtime.secrets.SecretVault;
import dev.faasjvm.runtime.state.FileNamespaceStore;
import dev.faasjvm.runtime.state.FileSecretStore;
import dev.faasjvm.runtime.state.NamespaceStore;
import dev.faasjvm.runtime.state.SecretStore;
import dev.faasjvm.runtime.unload.LoaderCounts;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.StateReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A running faas-jvm: the JVM back-end wired to the HTTP surface, its state directory and, if
 * configured, the watched functions folder; and the embedding API. The one way to build a runtime:
 * {@code Main} uses it, and so do tests and applications that embed it.
 *
 * <pre>{@code
 * try (Provider faas = Provider.create(ProviderConfig.builder().port(0).inMemoryState().build()).start()) {
 *     faas.deploy("hello", Hello.class);
 *     faas.invoke("hello", "world");      // through replicas, limits and timeouts, without HTTP
 *     faas.uri("/function/hello");       // or over HTTP
 * }
 * }</pre>
 *
 * <p>{@link #start()} restores the stored functions and returns once it serves; {@link #close()}
 * stops gracefully, releases every function and waits for their threads to end, and is safe to
 * call twice. Thread-safe.
 */
public final class Provider implements AutoCloseable {
    /** Where the functions folder's JARs are copied, under the state directory. */
    static final String FOLDER_COPIES = "functions-folder";
    private static final System.Logger LOG = System.getLogger(Provider.class.getName());

    private final ProviderConfig config;
    private final FunctionRegistry registry;
    private final ProviderBackend backend;
    private final RuntimeMetrics metrics;
    private final FunctionLogs logs;
    private final ProviderServer server;
    private final AsyncQueue async;
    /**
     * The files of a runtime whose state is in memory (artifact cache, copies of the folder's JARs):
     * a temporary folder, deleted on close.
     */
    private final Path temporaryState;
    private StateDirectory stateDirectory;
    private volatile FunctionsFolder folder;
    private volatile List<FolderOutcome> deployedAtStart = List.of();
    /** This node's part in a cluster, or {@code null} for a single node. */
    private Cluster cluster;
    private volatile CompletableFuture<StateReport> ready;
    private boolean closed;

    /** The basic-auth credentials and where they came from; {@code null} when basic auth is off. */
    private final CredentialSources.Resolved credentials;

    private Provider(ProviderConfig config, FunctionRegistry registry, ProviderBackend backend,
            RuntimeMetrics metrics, FunctionLogs logs, ProviderServer server, Path temporaryState,
            CredentialSources.Resolved credentials, AsyncQueue async) {
        this.config = config;
        this.async = async;
        this.registry = registry;
        this.backend = backend;
        this.metrics = metrics;
        this.logs = logs;
        this.server = server;
        this.temporaryState = temporaryState;
        this.credentials = credentials;
    }

    /**
     * Builds a runtime from its settings: reads the secrets and namespaces kept in the state folder
     * and finds the basic-auth credentials (generating a password there if none are given, or for
     * this run only when the state is in memory); nothing is bound, restored or loaded until
     * {@link #start()}.
     *
     * @throws ConfigException if a credentials file cannot be read
     */
    public static Provider create(ProviderConfig config) {
        return create(config, Ticker.systemTicker());
    }

    /**
     * Builds a runtime whose idle scale-to-zero and warm class-loader cache measure time with
     * {@code ticker}: tests pass a fake one and advance it instead of waiting.
     */
    public static Provider create(ProviderConfig config, Ticker ticker) {
        Path temporaryState = config.state().isPresent() ? null : temporaryDirectory();
        Path stateRoot = config.state().orElse(temporaryState);
        // In a cluster the local registry keeps nothing itself: etcd holds the state (see Cluster).
        LocalDeployments clusterStore = config.cluster().isPresent() ? Cluster.localStore() : null;
        DeploymentStore store = clusterStore != null ? clusterStore
                : config.state().<DeploymentStore>map(FileDeploymentStore::in).orElseGet(DeploymentStore::inMemory);
        Clock clock = Clock.systemUTC();
        FunctionLogs logs = new FunctionLogs(config.logLines(), clock, OutputCapture.global());
        FunctionRegistry registry = new FunctionRegistry(
                new RegistryConfig(config.maxInflight(), config.drainTimeout(), BuildInfo.providerInfo(),
                        new ArtifactConfig(stateRoot.resolve("artifacts"), config.artifactCacheBytes(),
                                config.maxArtifactBytes(), config.artifactConnectTimeout(),
                                config.artifactReadTimeout()),
                        config.execTimeout(), config.warmLoaders(), config.warmDuration(),
                        RegistryConfig.DEFAULT_WORKER_KEEP_ALIVE,
                        FunctionEnvironment.passthrough(config.functionEnvPassthrough(), System.getenv()),
                        config.constructTimeout()),
                clock, ticker, store,
                NamespaceRegistry.load(config.state().filter(dir -> clusterStore == null)
                        .<NamespaceStore>map(FileNamespaceStore::create).orElseGet(NamespaceStore::ephemeral)),
                SecretVault.load(config.state().filter(dir -> clusterStore == null)
                        .<SecretStore>map(FileSecretStore::create).orElseGet(SecretStore::ephemeral)),
                logs);
        RuntimeMetrics metrics = RuntimeMetrics.create(registry::gauges, registry::counters);
        Cluster cluster = config.cluster().map(settings -> Cluster.create(settings, registry, clusterStore, stateRoot))
                .orElse(null);
        ProviderBackend metered = MeteredBackend.of(cluster == null ? registry : cluster.backend(), metrics);
        AsyncConfig asyncConfig = new AsyncConfig(config.asyncMaxAttempts(), config.asyncMaxAge(),
                config.asyncRetryCodes(), config.asyncBackoff(), config.maxInflight());
        AsyncQueue async = AsyncQueue.create(metered, asyncConfig, config.state().orElse(null), clock);
        metrics.register(async.metrics());
        ProviderBackend backend = new AsyncAwareBackend(metered, async, asyncConfig);
        CredentialSources.Resolved credentials = config.basicAuth() ? credentials(config) : null;
        Duration idle = config.readTimeout().compareTo(config.writeTimeout()) > 0
                ? config.readTimeout() : config.writeTimeout();
        ProviderServer server = ProviderServer.create(backend, metrics, new ServerConfig(config.host(),
                config.port(), config.maxBodyBytes(), idle, config.writeTimeout(),
                credentials == null ? null : credentials.credentials(), config.readTimeout(), config.maxLogFollowers()), async,
                cluster == null ? Map.of() : cluster.systemRoutes(), cluster == null ? Map.of() : cluster.nodeRoutes());
        Provider provider = new Provider(config, registry, backend, metrics, logs, server, temporaryState, credentials,
                async);
        provider.cluster = cluster;
        return provider;
    }

    private static CredentialSources.Resolved credentials(ProviderConfig config) {
        try {
            return CredentialSources.resolveUnwritten(config.basicAuthUser(), config.passwordFile().orElse(null),
                    config.secretMountPath(), config.stateDir());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("faas-jvm-state");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the artifact cache", e);
        }
    }

    /**
     * As {@link #serve()}, then waits until it is ready: every stored function restored (or failed
     * to be, each bounded by its construct timeout) and the functions folder synced. Stored entries
     * that cannot be restored do not stop it: they are in {@link #restored()}.
     *
     * @throws ConfigException if the functions folder cannot be read or the state directory used
     * @throws Exception if the port cannot be bound
     */
    public Provider start() throws Exception {
        serve();
        try {
            ready().join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
        return this;
    }

    /**
     * Binds the port (first, so that a busy port fails the start before anything is written),
     * locks the state directory and serves at once; the stored functions are restored in the
     * background, then the functions folder is synced, and {@link #ready()} completes. Until then
     * {@code /healthz} answers 200 (alive) and {@code /healthz?ready=1} 503, stored functions are
     * listed with no replica available, and calls to them wait (bounded by their exec_timeout).
     *
     * @throws ConfigException if the functions folder cannot be read or the state directory used
     * @throws Exception if the port cannot be bound
     */
    public synchronized Provider serve() throws Exception {
        config.functions().ifPresent(Provider::checkReadable);
        try {
            server.bind();
            if (config.state().isPresent()) {
                try {
                    stateDirectory = StateDirectory.open(config.state().get());
                } catch (StateDirectoryException e) {
                    throw new ConfigException(e.getMessage());
                }
            }
            if (credentials != null) {
                credentials.persist(); // a generated password, now that the port is ours
            }
            OutputCapture.global().install();
            if (cluster != null) {
                cluster.start(); // converged on the cluster's state before it serves
            }
            // Lists the stored functions (not yet restored) at once, then restores them in the background.
            ready = registry.restoreInBackground(Runtime.getRuntime().availableProcessors(), this::syncFolder);
            // After the stored functions are listed, so that the calls it kept find theirs (and wait for them).
            async.start();
            server.start();
            if (cluster != null) {
                cluster.join(uri());
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        return this;
    }

    /** Deploys the functions folder's JARs, once the stored functions are back. */
    private synchronized void syncFolder(StateReport restored) {
        if (config.functions().isPresent() && !closed) {
            folder = FunctionsFolder.create(backend, config.functions().get(),
                    config.state().orElse(temporaryState).resolve(FOLDER_COPIES), config.functionsPoll(),
                    cluster == null ? SharedFolders.singleNode(backend) : cluster.folders());
            deployedAtStart = folder.start(restored.problems().isEmpty());
        }
    }

    /**
     * Completes, with what was restored, once the runtime is ready: every stored function restored
     * or failed, and the functions folder synced. Fails if {@link #serve()} was not called or the
     * folder could not be synced.
     */
    public CompletableFuture<StateReport> ready() {
        CompletableFuture<StateReport> current = ready;
        return current != null ? current
                : CompletableFuture.failedFuture(new IllegalStateException("The runtime was not started"));
    }

    /** How many of the stored functions are back (or have failed) while {@link #ready()} is pending. */
    public RestoreProgress restoreProgress() {
        return registry.restoreProgress();
    }

    private static void checkReadable(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("Functions folder \"" + dir + "\" does not exist or is not a folder;"
                    + " build the samples first (./mvnw package) or pass another --functions");
        }
        if (!Files.isReadable(dir)) {
            throw new ConfigException("Functions folder \"" + dir + "\" is not readable");
        }
    }

    /** The settings it was built from. */
    public ProviderConfig config() {
        return config;
    }

    /** The port it serves on (the real one when configured with port 0). */
    public int port() {
        return server.port();
    }

    /** The base URI of the provider API, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = config.host();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** A URI on this runtime, e.g. {@code uri("/function/echo")}. */
    public URI uri(String path) {
        return uri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** The back-end (metered, as HTTP calls it), for every faas-provider operation without HTTP. */
    public ProviderBackend backend() {
        return backend;
    }

    /** What became of each function's retired class loaders (unloaded or leaked), by {@code name.namespace}. */
    public Map<String, LoaderCounts> loaderCounts() {
        return registry.loaderCounts();
    }

    /** The functions' logs, for reading them without HTTP. */
    public FunctionLogs logs() {
        return logs;
    }

    /**
     * What {@code /system/*} requires, for a client of this runtime (a test, an embedding
     * application); empty when basic auth is off.
     */
    public Optional<BasicCredentials> credentials() {
        return Optional.ofNullable(credentials).map(CredentialSources.Resolved::credentials);
    }

    /**
     * Whether a file holds the basic-auth password, for whoever may read it; false when it was
     * generated for a runtime whose state is in memory (then only {@link #credentials()} tells it).
     */
    public boolean passwordInAFile() {
        return credentials == null || credentials.inAFile();
    }

    /**
     * How {@code /system/*} is protected: the basic-auth user and where its password is (never the
     * password itself); empty when basic auth is off.
     */
    public Optional<String> authentication() {
        return Optional.ofNullable(credentials).map(CredentialSources.Resolved::origin);
    }

    /** What the functions folder held at start: each JAR's function name, or why it was skipped. */
    public List<FolderOutcome> deployedAtStart() {
        return deployedAtStart;
    }

    /** What start restored from the state directory, and what it could not. */
    public StateReport restored() {
        return registry.state();
    }

    /**
     * Deploys a function as {@code POST /system/functions} would, and returns once it is callable.
     * The image is a JAR's {@code file:} URL or absolute path, or the image of a class from
     * {@link #image(Class)}.
     *
     * @throws ProviderException as the HTTP call would answer it (e.g. 409 if it exists, 400 if it
     *     does not load)
     */
    public void deploy(FunctionDeployment deployment) {
        backend.deploy(deployment);
    }

    /** Deploys the JAR at {@code jar} as function {@code name} in the default namespace. */
    public void deploy(String name, Path jar) {
        deploy(FunctionDeployment.of(name, jar.toAbsolutePath().normalize().toUri().toString()));
    }

    /**
     * Deploys a handler class from the caller's own class path, no JAR needed: a public class that
     * implements {@code FunctionHandler} or {@code java.util.function.Function}, with a public
     * constructor taking nothing or a {@code FunctionContext}. It is not isolated: it runs in the
     * caller's class loader and shares its classes and static state, unlike a JAR function.
     */
    public void deploy(String name, Class<?> handlerClass) {
        deploy(FunctionDeployment.of(name, image(handlerClass)));
    }

    /**
     * Makes a class of the caller's class path deployable and answers the image that names it,
     * {@code class:com.example.Hello}, for a full deployment spec (env vars, labels) through
     * {@link #deploy(FunctionDeployment)} or HTTP. Such a function is not isolated.
     */
    public String image(Class<?> handlerClass) {
        return registry.registerInProcess(Objects.requireNonNull(handlerClass, "handlerClass"));
    }

    /** Deletes a function ({@code name} or {@code name.namespace}) and releases it. */
    public void delete(String function) {
        FunctionName target = FunctionName.parse(function);
        backend.delete(target.name(), target.namespace());
    }

    /**
     * Calls a function ({@code name} or {@code name.namespace}) with a {@code POST} of {@code body}
     * and waits for its response. The call goes through the function's replicas, concurrency limits
     * and timeouts, and is counted in metrics, exactly as over HTTP; only the socket is skipped.
     *
     * @throws ProviderException as the HTTP call would answer it: 404 unknown function, 429 at
     *     capacity, 500 the function threw, 504 timeout
     */
    public FunctionResponse invoke(String function, String body) {
        return invoke(function, Invocation.of("POST", "/", body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Calls a function with a full invocation (method, path, query, headers, body) and waits for it. */
    public FunctionResponse invoke(String function, Invocation invocation) {
        try {
            return invokeAsync(function, invocation).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    /** Calls a function without waiting: the future fails with a {@link ProviderException}. */
    public CompletableFuture<FunctionResponse> invokeAsync(String function, Invocation invocation) {
        FunctionName target = FunctionName.parse(function);
        return backend.invoke(target.name(), target.namespace(), invocation);
    }

    /** Every metric now, in the Prometheus text format {@code GET /metrics} serves. */
    public String metrics() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            metrics.writeTo(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /**
     * Stops gracefully: the folder stops being watched, the server takes no new calls and gives
     * those in flight up to the shutdown grace period, then every function is closed (its handlers'
     * {@code close()} run, its threads end) and the state directory is unlocked. Nothing stored
     * changes. Safe to call twice.
     */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        Closer closer = new Closer();
        closer.run(() -> {
            if (cluster != null) {
                cluster.close(); // leave first, so that the others stop forwarding calls here
            }
        });
        closer.run(() -> {
            FunctionsFolder watched = folder;
            if (watched != null) {
                watched.close();
            }
        });
        closer.run(this::stopServer);
        closer.run(async::close);
        closer.run(() -> registry.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        closer.run(() -> {
            if (stateDirectory != null) {
                stateDirectory.close();
            }
        });
        closer.run(() -> deleteRecursively(temporaryState));
        closer.rethrow();
    }

    private void stopServer() throws Exception {
        try {
            server.stop(config.shutdownGrace());
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "Calls still running after the shutdown grace period of "
                    + config.shutdownGrace().toMillis() + " ms were cut; closing every function now");
        }
    }

    /** Runs every step of a shutdown even when one fails, then throws the first failure. */
    private static final class Closer {
        private Exception failure;

        interface Step {
            void run() throws Exception;
        }

        void run(Step step) {
            try {
                step.run();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }

        void rethrow() throws Exception {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
