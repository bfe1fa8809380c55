package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.async.AsyncQueue;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.metrics.RuntimeMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves the faas-provider contract for one {@link ProviderBackend}: faas-provider's
 * {@code Serve(handlers, config)} in Java. {@link #start()} returns once the port is bound and
 * serving; {@link #port()} then tells which port it is. {@link #stop(Duration)} stops gracefully:
 * no new connections, 503 for new requests on open ones, and requests in flight (function calls
 * included, since the count ends only when the response completes) may finish within the grace
 * period. Not reusable after it stops.
 */
public final class ProviderServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final GracefulHandler calls;
    private volatile int port = -1;

    private ProviderServer(Server server, ServerConnector connector, GracefulHandler calls) {
        this.server = server;
        this.connector = connector;
        this.calls = calls;
    }

    /**
     * Wires every route of the contract to {@code backend} and {@code /metrics} to {@code metrics};
     * nothing is bound until {@link #start()}. Wrap the back-end in {@link MeteredBackend} for its
     * calls to be counted.
     */
    public static ProviderServer create(ProviderBackend backend, RuntimeMetrics metrics, ServerConfig config) {
        return create(backend, metrics, config, null, Map.of(), Map.of());
    }

    /**
     * As {@link #create(ProviderBackend, RuntimeMetrics, ServerConfig)}, and serves
     * {@code /async-function/*} and {@code /system/async} from {@code async} (none when it is null),
     * plus routes of a capability outside the contract (a cluster's {@code /system/cluster} and
     * node-to-node routes), by path spec: {@code systemRoutes} are guarded by basic auth and metered as
     * the contract's are, {@code openRoutes} are served as they are and check their own credentials.
     */
    public static ProviderServer create(ProviderBackend backend, RuntimeMetrics metrics, ServerConfig config,
            AsyncQueue async, Map<String, Handler> systemRoutes, Map<String, Handler> openRoutes) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("faas-jvm-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(server, -1, selectors(),
                new HeadersDeadlineConnectionFactory(http, config.readTimeout()));
        connector.setPort(config.port());
        connector.setHost(config.host().isEmpty() ? null : config.host());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        GracefulHandler calls = new GracefulHandler(routes(backend, metrics, config, async, systemRoutes, openRoutes));
        server.setHandler(calls);
        server.setStopTimeout(0);
        return new ProviderServer(server, connector, calls);
    }

    /**
     * One selector thread per CPU, up to 4. Jetty's default is half the CPUs, which suits handlers
     * it dispatches to its pool; but invocations are parsed and handed to the replicas on the
     * selector threads themselves ({@link RouteDispatcher}), so on 2 CPUs one selector is the
     * bottleneck: measured at 64 connections, about 0.85 of a bare Jetty handler with one selector
     * and 1.0 with two.
     */
    public static int selectors() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Every route of the contract. Each {@code /system/*} route is guarded by basic auth when
     * {@code config} has credentials (the namespace routes too, which faas-provider leaves to the
     * gateway); {@code /function/*}, {@code /healthz} and {@code /metrics} stay open, as in OpenFaaS.
     */
    static Handler routes(ProviderBackend backend, RuntimeMetrics metrics, ServerConfig config, AsyncQueue async,
            Map<String, Handler> systemRoutes, Map<String, Handler> openRoutes) {
        PathMappingsHandler routes = new PathMappingsHandler();
        SystemRoutes system = new SystemRoutes(routes, metrics, config);
        int maxBody = config.maxBodyBytes();
        system.add(Routes.SYSTEM_FUNCTIONS, new SystemFunctionsHandler(backend, maxBody));
        system.add(Routes.SYSTEM_FUNCTION + "*", new FunctionStatusHandler(backend));
        system.add(Routes.SYSTEM_SCALE_FUNCTION + "*", new ScaleFunctionHandler(backend, maxBody));
        system.add(Routes.SYSTEM_INFO, new InfoHandler(backend));
        system.add(Routes.SYSTEM_SECRETS, new SecretsHandler(backend, maxBody));
        LogPump logPump = new LogPump(config.maxLogFollowers());
        system.add(Routes.SYSTEM_LOGS, new LogsHandler(backend, config.writeTimeout(), logPump));
        system.add(Routes.SYSTEM_NAMESPACES, new NamespacesHandler(backend));
        system.add(Routes.SYSTEM_STATE, new StateHandler(backend));
        system.add(Routes.SYSTEM_NAMESPACE + "*", new NamespaceHandler(backend, maxBody));
        if (async != null) {
            system.add(Routes.SYSTEM_ASYNC + "/*", new SystemAsyncHandler(async));
            routes.addMapping(PathSpec.from(Routes.ASYNC_FUNCTION + "*"), new AsyncInvokeHandler(async, maxBody));
        }
        systemRoutes.forEach(system::add);
        openRoutes.forEach((pathSpec, handler) -> routes.addMapping(PathSpec.from(pathSpec), handler));
        routes.addMapping(PathSpec.from(Routes.HEALTHZ), new HealthHandler(backend));
        routes.addMapping(PathSpec.from(Routes.METRICS), new MetricsHandler(metrics));
        routes.addMapping(PathSpec.from("/"), new NotFoundHandler());
        return new RouteDispatcher(new InvokeHandler(backend, config.maxBodyBytes(), config.readTimeout()), new HealthHandler(backend), routes,
                config.maxBodyBytes(), config.readTimeout(), config.auth().orElse(null));
    }

    /**
     * Maps {@code /system/*} routes, each guarded by basic auth when the config has credentials and
     * wrapped so that its requests (401s included) are counted under its path with any trailing
     * function name collapsed, as faas-provider's lib labels them.
     */
    private record SystemRoutes(PathMappingsHandler routes, RuntimeMetrics metrics, ServerConfig config) {
        void add(String pathSpec, Handler handler) {
            String label = pathSpec.endsWith("/*") ? pathSpec.substring(0, pathSpec.length() - 2) : pathSpec;
            Handler guarded = config.auth().<Handler>map(credentials -> new BasicAuthHandler(handler, credentials))
                    .orElse(handler);
            routes.addMapping(PathSpec.from(pathSpec), new MeteredRouteHandler(metrics, label, guarded));
        }
    }

    /**
     * Binds the port without serving yet, so that a start whose port is taken fails before it has
     * written anything (issue 10); {@link #start()} then serves on it. Throws if the port cannot be
     * bound.
     */
    public void bind() throws Exception {
        connector.open();
        port = connector.getLocalPort();
    }

    /** Binds the port (unless {@link #bind()} did) and serves; throws if the port cannot be bound. */
    public void start() throws Exception {
        server.start();
        port = connector.getLocalPort();
    }

    /**
     * The bound port, known after {@link #start()} (useful when configured with port 0), and still
     * answered after {@link #close()}; -1 before start.
     */
    public int port() {
        return port;
    }

    /**
     * Stops taking requests and waits up to {@code grace} for those in flight to complete, then
     * closes every connection; throws {@link TimeoutException} (once stopped) if calls were still
     * running when the grace period ended. The wait is for the calls only: Jetty's own graceful stop
     * would also give every idle keep-alive connection its shutdown idle timeout (1 s) to go away,
     * a second added to every stop for nothing.
     */
    public void stop(Duration grace) throws Exception {
        try {
            if (!grace.isZero() && server.isStarted()) {
                connector.shutdown();
                calls.shutdown().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            server.setStopTimeout(0);
            server.stop();
        }
    }

    /** Stops at once, without waiting for requests in flight. */
    @Override
    public void close() throws Exception {
        stop(Duration.ZERO);
    }
}
