package dev.faasjvm.runtime;

import dev.faasjvm.runtime.artifact.ArtifactConfig;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.http.ProviderServer;
import dev.faasjvm.runtime.http.ServerConfig;
import dev.faasjvm.runtime.registry.FunctionRegistry;
import dev.faasjvm.runtime.registry.RegistryConfig;
import dev.faasjvm.runtime.unload.LoaderCounts;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A running faas-jvm: the JVM back-end wired to the HTTP surface. {@link #start()} returns once it
 * serves; {@link #close()} stops serving and releases every function, and is safe to call twice.
 * The one way to build a runtime: {@code Main} uses it, and so do tests.
 */
public final class Provider implements AutoCloseable {
    private final ProviderConfig config;
    private final FunctionRegistry registry;
    private final ProviderServer server;
    private List<FolderDeployer.Outcome> deployedAtStart = List.of();
    private boolean closed;

    private Provider(ProviderConfig config, FunctionRegistry registry, ProviderServer server) {
        this.config = config;
        this.registry = registry;
        this.server = server;
    }

    /** Builds a runtime from its settings; nothing is bound or loaded until {@link #start()}. */
    public static Provider create(ProviderConfig config) {
        FunctionRegistry registry = new FunctionRegistry(
                new RegistryConfig(config.maxInflight(), config.drainTimeout(), BuildInfo.providerInfo(),
                        new ArtifactConfig(config.stateDir().resolve("artifacts"), config.artifactCacheBytes(),
                                config.maxArtifactBytes(), config.artifactConnectTimeout(),
                                config.artifactReadTimeout())),
                Clock.systemUTC());
        Duration idle = config.readTimeout().compareTo(config.writeTimeout()) > 0
                ? config.readTimeout() : config.writeTimeout();
        ProviderServer server = ProviderServer.create(registry,
                new ServerConfig(config.host(), config.port(), config.maxBodyBytes(), idle));
        return new Provider(config, registry, server);
    }

    /**
     * Binds the port and deploys the functions folder, if any.
     *
     * @throws ConfigException if the functions folder cannot be read
     * @throws Exception if the port cannot be bound
     */
    public Provider start() throws Exception {
        if (config.functions().isPresent()) {
            FolderDeployer.checkReadable(config.functions().get());
        }
        server.start();
        try {
            deployedAtStart = config.functions().map(dir -> FolderDeployer.deployAll(registry, dir)).orElse(List.of());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** The port it serves on (the real one when configured with port 0). */
    public int port() {
        return server.port();
    }

    /** The base URI of the provider API, e.g. {@code http://localhost:8080/}. */
    public URI uri() {
        return URI.create("http://localhost:" + port() + "/");
    }

    /** The back-end, for calls that need no HTTP. */
    public ProviderBackend backend() {
        return registry;
    }

    /**
     * What became of each function's retired class loaders, by {@code name.namespace}: how many
     * were retired, unloaded, and leaked (see the README's "Unloading and leaks").
     */
    public Map<String, LoaderCounts> loaderCounts() {
        return registry.loaderCounts();
    }

    /** What the functions folder held at start: each JAR's function name, or why it was skipped. */
    public List<FolderDeployer.Outcome> deployedAtStart() {
        return deployedAtStart;
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } finally {
            registry.close();
        }
    }
}
