package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.auth.BasicCredentials;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The server's root handler. Invocations ({@code /function/*}) go to the non-blocking
 * {@link InvokeHandler} on the thread that parsed the request; every other route is handed to a
 * Jetty pool thread and runs the blocking route handlers there.
 *
 * <p>Why: Jetty dispatches a whole server to its pool when any handler in the tree may block, and
 * an invocation then pays two thread hops (Jetty's, then the replica's). Declaring the root
 * non-blocking and hopping only for {@code /system/*} leaves one hop per call, the one into the
 * function's own threads (PERFORMANCE.md: each hop costs about a third of the throughput).
 * {@code /healthz} is answered on the parsing thread too, and {@code /system/*} bodies are read
 * before the hop, without a thread, and run in a bounded {@link SystemLane}: so no number of slow
 * or waiting admin requests can take the threads that health checks and calls need (issue 10).
 * Measured with the overhead benchmark, three alternating rounds on the shared 2-CPU machine:
 * {@code /function/echo} reached a median of about 0.8 of the bare Jetty handler's throughput at
 * 16 and 64 connections with a blocking {@code InvokeHandler}, and about 1.0 with this. Thread-safe.
 */
final class RouteDispatcher extends Handler.Wrapper {
    private static final String FUNCTION_WITHOUT_SLASH = Routes.FUNCTION.substring(0, Routes.FUNCTION.length() - 1);

    private final InvokeHandler invoke;
    private final Handler health;
    private final int maxBodyBytes;
    private final Duration readTimeout;
    /** What {@code /system/*} requires, or null when basic auth is off. */
    private final BasicCredentials credentials;
    private volatile SystemLane lane;

    RouteDispatcher(InvokeHandler invoke, Handler health, Handler systemRoutes, int maxBodyBytes,
            Duration readTimeout, BasicCredentials credentials) {
        super(systemRoutes);
        this.credentials = credentials;
        this.invoke = invoke;
        this.health = health;
        this.maxBodyBytes = maxBodyBytes;
        this.readTimeout = readTimeout;
        addBean(invoke);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        invoke.setServer(server);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path.startsWith(Routes.FUNCTION) || path.equals(FUNCTION_WITHOUT_SLASH)) {
            return invoke.handle(request, response, callback);
        }
        if (path.equals(Routes.HEALTHZ)) {
            return handleHealth(request, response, callback);
        }
        if (credentials != null && !credentials.matches(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            // Refused without reading its body: an unauthenticated client gets nothing buffered.
            submit(request, response, callback);
            return true;
        }
        // The body is read ahead without a thread, bounded by the read timeout; its handler gets it
        // (or the read's failure) from Exchange.body, after its auth check as before.
        BodyReads.read(request, maxBodyBytes, readTimeout, getServer().getScheduler())
                .whenComplete((body, failure) -> {
                    request.setAttribute(BodyReads.BODY, failure != null ? failure : body);
                    submit(request, response, callback);
                });
        return true;
    }

    private void submit(Request request, Response response, Callback callback) {
        if (!lane().submit(() -> handleBlocking(request, response, callback))) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            Response.writeError(request, response, callback, 503, "The server is too busy");
        }
    }

    /** {@code /healthz} never waits for a pool thread: it answers from the thread that parsed it. */
    private boolean handleHealth(Request request, Response response, Callback callback) {
        try {
            return health.handle(request, response, callback);
        } catch (Exception e) {
            Response.writeError(request, response, callback, e);
            return true;
        }
    }

    private SystemLane lane() {
        SystemLane current = lane;
        if (current == null) {
            synchronized (this) {
                if (lane == null) {
                    lane = new SystemLane(getServer().getThreadPool(), SystemLane.DEFAULT_LIMIT,
                            SystemLane.DEFAULT_MAX_WAITING);
                }
                current = lane;
            }
        }
        return current;
    }

    private void handleBlocking(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Exception e) { // a route handler's bug must still complete the exchange
            Response.writeError(request, response, callback, e);
        }
    }
}
