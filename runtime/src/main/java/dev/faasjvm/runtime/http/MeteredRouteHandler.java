package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.metrics.RuntimeMetrics;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts the requests of one {@code /system/*} route by status code and method, under the route's
 * path with any function name collapsed ({@code /system/function}), as faas-provider's lib counts
 * them. Wraps the route's handler; records when the response is complete. Thread-safe.
 */
final class MeteredRouteHandler extends Handler.Wrapper {
    private final RuntimeMetrics metrics;
    private final String path;

    MeteredRouteHandler(RuntimeMetrics metrics, String path, Handler route) {
        super(route);
        this.metrics = metrics;
        this.path = path;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String method = request.getMethod();
        return super.handle(request, response, new Callback() {
            @Override
            public void succeeded() {
                metrics.recordSystemRequest(response.getStatus(), method, path, System.nanoTime() - start);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                // A stream the client ended (a log follow) was a 200 as far as the client saw (issue 10).
                metrics.recordSystemRequest(response.isCommitted() ? response.getStatus() : 500, method, path,
                        System.nanoTime() - start);
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        });
    }
}
