package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.ProviderBackend;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves the faas-provider contract for one {@link ProviderBackend}: faas-provider's
 * {@code Serve(handlers, config)} in Java. {@link #start()} returns once the port is bound and
 * serving; {@link #port()} then tells which port it is. Not reusable after {@link #close()}.
 */
public final class ProviderServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private ProviderServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Wires every route of the contract to {@code backend}; nothing is bound until {@link #start()}. */
    public static ProviderServer create(ProviderBackend backend, ServerConfig config) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("faas-jvm-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(config.port());
        connector.setHost(config.host().isEmpty() ? null : config.host());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        server.setHandler(routes(backend, config));
        server.setStopTimeout(0);
        return new ProviderServer(server, connector);
    }

    static Handler routes(ProviderBackend backend, ServerConfig config) {
        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(PathSpec.from(Routes.SYSTEM_FUNCTIONS), new SystemFunctionsHandler(backend,
                config.maxBodyBytes()));
        routes.addMapping(PathSpec.from(Routes.SYSTEM_FUNCTION + "*"), new FunctionStatusHandler(backend));
        routes.addMapping(PathSpec.from(Routes.SYSTEM_SCALE_FUNCTION + "*"), new NotImplementedHandler("Scaling"));
        routes.addMapping(PathSpec.from(Routes.SYSTEM_INFO), new InfoHandler(backend));
        routes.addMapping(PathSpec.from(Routes.SYSTEM_SECRETS), new NotImplementedHandler("Secrets"));
        routes.addMapping(PathSpec.from(Routes.SYSTEM_LOGS), new NotImplementedHandler("Logs"));
        routes.addMapping(PathSpec.from(Routes.SYSTEM_NAMESPACES), new NamespacesHandler(backend));
        routes.addMapping(PathSpec.from(Routes.SYSTEM_NAMESPACE + "*"),
                new NotImplementedHandler("Namespace management"));
        routes.addMapping(PathSpec.from(Routes.HEALTHZ), new HealthHandler());
        routes.addMapping(PathSpec.from(Routes.METRICS), new NotImplementedHandler("Metrics"));
        routes.addMapping(PathSpec.from(Routes.FUNCTION + "*"), new InvokeHandler(backend, config.maxBodyBytes()));
        routes.addMapping(PathSpec.from("/"), new NotFoundHandler());
        return routes;
    }

    /** Binds the port and serves; throws if the port cannot be bound. */
    public void start() throws Exception {
        server.start();
    }

    /** The bound port, known after {@link #start()} (useful when configured with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
