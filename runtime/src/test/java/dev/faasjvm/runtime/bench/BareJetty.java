package dev.faasjvm.runtime.bench;

import java.nio.ByteBuffer;
import dev.faasjvm.runtime.http.ProviderServer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The baseline: a Jetty server set up as faas-jvm's (same thread pool, same selector count)
 * whose one handler does what the echo function does: reads the body and answers it with the
 * request's content type. Blocking ({@code Handler.Abstract}, Jetty hands each request to a pool
 * thread) it is the ceiling for calling user code on Jetty; non-blocking (run on the thread that
 * read the request) it is the absolute ceiling. {@link #main} starts one and prints its port, for
 * the start-up benchmark.
 */
final class BareJetty implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private BareJetty(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static BareJetty start() throws Exception {
        return start(true, 0);
    }

    /** Starts a server on {@code port} (0 for any) with a blocking or a non-blocking echo handler. */
    static BareJetty start(boolean blocking, int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("bare-jetty");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(server, -1, ProviderServer.selectors(),
                new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(blocking ? new Echo() : new NonBlockingEcho());
        server.start();
        return new BareJetty(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Starts a bare server on the port given (0 for any), blocking unless the second argument is
     * {@code non-blocking}, and prints its port; runs until killed.
     */
    public static void main(String[] args) throws Exception {
        boolean blocking = args.length < 2 || !args[1].equals("non-blocking");
        BareJetty jetty = start(blocking, args.length == 0 ? 0 : Integer.parseInt(args[0]));
        System.out.println("bare Jetty listening on port " + jetty.port());
    }

    /** Echoes the body, as the echo sample does, on the thread that read the request. */
    private static final class NonBlockingEcho extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Content.Source.asByteArrayAsync(request, 1 << 20).whenComplete((body, failure) -> {
                if (failure != null) {
                    callback.failed(failure);
                    return;
                }
                String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, type != null ? type : "text/plain");
                response.write(true, ByteBuffer.wrap(body), callback);
            });
            return true;
        }
    }

    /** Echoes the body, as the echo sample does. */
    private static final class Echo extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            byte[] body = Content.Source.asByteArrayAsync(request, 1 << 20).get();
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type != null ? type : "text/plain");
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
