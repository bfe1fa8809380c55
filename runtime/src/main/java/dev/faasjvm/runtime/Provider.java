package dev.faasjvm.runtime;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.artifact.ArtifactConfig;
import dev.faasjvm.runtime.auth.BasicCredentials;
import dev.faasjvm.runtime.auth.CredentialSources;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.backend.ProviderException;
import dev.faasjvm.runtime.http.MeteredBackend;
import dev.faasjvm.runtime.http.ProviderServer;
import dev.faasjvm.runtime.http.ServerConfig;
import dev.faasjvm.runtime.logs.FunctionLogs;
import dev.faasjvm.runtime.logs.OutputCapture;
import dev.faasjvm.runtime.metrics.RuntimeMetrics;
import dev.faasjvm.runtime.namespaces.NamespaceRegistry;
import dev.faasjvm.runtime.registry.FunctionRegistry;
import dev.faasjvm.runtime.registry.RegistryConfig;
import dev.faasjvm.runtime.secrets.SecretVault;
import dev.faasjvm.runtime.state.FileNamespaceStore;
import dev.faasjvm.runtime.state.FileSecretStore;
import dev.faasjvm.runtime.state.NamespaceStore;
import dev.faasjvm.runtime.state.SecretStore;
import dev.faasjvm.runtime.unload.LoaderCounts;
import dev.faasjvm.runtime.wire.FunctionDeployment;
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
import java.util.stream.Stream;

/**
 * A running faas-jvm: the JVM back-end wired to the HTTP surface, and the embedding API. The one
 * way to build a runtime: {@code Main} uses it, and so do tests and applications that embed it.
 *
 * <pre>{@code
 * try (Provider faas = Provider.create(ProviderConfig.builder().port(0).inMemoryState().build()).start()) {
 *     faas.deploy("hello", Hello.class);
 *     faas.invoke("hello", "world");      // through replicas, limits and timeouts, without HTTP
 *     faas.uri("/function/hello");       // or over HTTP
 * }
 * }</pre>
 *
 * <p>{@link #start()} returns once it serves; {@link #close()} stops serving, releases every
 * function and waits for their threads to end, and is safe to call twice. Thread-safe.
 */
public final class Provider implements AutoCloseable {
    private final ProviderConfig config;
    private final FunctionRegistry registry;
    private final ProviderBackend backend;
    private final RuntimeMetrics metrics;
    private final FunctionLogs logs;
    private final ProviderServer server;
    /** The artifact cache of a runtime whose state is in memory: a temporary folder, deleted on close. */
    private final Path temporaryArtifacts;
    /** The basic-auth credentials and where they came from; {@code null} when basic auth is off. */
    private final CredentialSources.Resolved credentials;
    private volatile List<FolderDeployer.Outcome> deployedAtStart = List.of();
    private boolean closed;

    private Provider(ProviderConfig config, FunctionRegistry registry, ProviderBackend backend,
            RuntimeMetrics metrics, FunctionLogs logs, ProviderServer server, Path temporaryArtifacts,
            CredentialSources.Resolved credentials) {
        this.config = config;
        this.registry = registry;
        this.backend = backend;
        this.metrics = metrics;
        this.logs = logs;
        this.server = server;
        this.temporaryArtifacts = temporaryArtifacts;
        this.credentials = credentials;
    }

    /**
     * Builds a runtime from its settings: reads the secrets and namespaces kept in the state folder
     * and finds the basic-auth credentials (generating a password there if none are given, or for
     * this run only when the state is in memory); nothing is bound or loaded until {@link #start()}.
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
        Path temporaryArtifacts = config.state().isPresent() ? null : temporaryDirectory();
        Path artifacts = config.state().map(dir -> dir.resolve("artifacts")).orElse(temporaryArtifacts);
        Clock clock = Clock.systemUTC();
        FunctionLogs logs = new FunctionLogs(config.logLines(), clock, OutputCapture.global());
        FunctionRegistry registry = new FunctionRegistry(
                new RegistryConfig(config.maxInflight(), config.drainTimeout(), BuildInfo.providerInfo(),
                        new ArtifactConfig(artifacts, config.artifactCacheBytes(), config.maxArtifactBytes(),
                                config.artifactConnectTimeout(), config.artifactReadTimeout()),
                        config.execTimeout(), config.warmLoaders(), config.warmDuration(),
                        RegistryConfig.DEFAULT_WORKER_KEEP_ALIVE),
                clock, ticker,
                NamespaceRegistry.load(config.state().<NamespaceStore>map(FileNamespaceStore::create)
                        .orElseGet(NamespaceStore::ephemeral)),
                SecretVault.load(config.state().<SecretStore>map(FileSecretStore::create)
                        .orElseGet(SecretStore::ephemeral)),
                logs);
        RuntimeMetrics metrics = RuntimeMetrics.create(registry::gauges);
        ProviderBackend backend = MeteredBackend.of(registry, metrics);
        CredentialSources.Resolved credentials = config.basicAuth() ? credentials(config) : null;
        Duration idle = config.readTimeout().compareTo(config.writeTimeout()) > 0
                ? config.readTimeout() : config.writeTimeout();
        ProviderServer server = ProviderServer.create(backend, metrics, new ServerConfig(config.host(),
                config.port(), config.maxBodyBytes(), idle, config.writeTimeout(),
                credentials == null ? null : credentials.credentials()));
        return new Provider(config, registry, backend, metrics, logs, server, temporaryArtifacts, credentials);
    }

    private static CredentialSources.Resolved credentials(ProviderConfig config) {
        try {
            return CredentialSources.resolve(config.basicAuthUser(), config.passwordFile().orElse(null),
                    config.secretMountPath(), config.stateDir());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("faas-jvm-artifacts");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the artifact cache", e);
        }
    }

    /**
     * Binds the port and deploys the functions folder, if any; returns once it serves.
     *
     * @throws ConfigException if the functions folder cannot be read
     * @throws Exception if the port cannot be bound
     */
    public Provider start() throws Exception {
        if (config.functions().isPresent()) {
            FolderDeployer.checkReadable(config.functions().get());
        }
        OutputCapture.global().install();
        server.start();
        try {
            deployedAtStart = config.functions().map(dir -> FolderDeployer.deployAll(backend, dir)).orElse(List.of());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
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
     * How {@code /system/*} is protected: the basic-auth user and where its password is (never the
     * password itself); empty when basic auth is off.
     */
    public Optional<String> authentication() {
        return Optional.ofNullable(credentials).map(CredentialSources.Resolved::origin);
    }

    /** What the functions folder held at start: each JAR's function name, or why it was skipped. */
    public List<FolderDeployer.Outcome> deployedAtStart() {
        return deployedAtStart;
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

    /** Stops serving, releases every function and waits for their threads; safe to call twice. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } finally {
            try {
                registry.close();
            } finally {
                deleteRecursively(temporaryArtifacts);
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
