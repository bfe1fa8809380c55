package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.metrics.RuntimeMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /metrics}: every metric in Prometheus text format, GET or HEAD (405 otherwise), no auth (faas-provider's
 * lib serves it so). A scrape reads the JVM's management beans, so it runs as a blocking handler.
 */
final class MetricsHandler extends Handler.Abstract {
    private final RuntimeMetrics metrics;

    MetricsHandler(RuntimeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Exchange.methodNotAllowed(request, response, callback, "GET, HEAD");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        metrics.writeTo(body);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
        response.write(true, ByteBuffer.wrap(body.toByteArray()), callback);
        return true;
    }
}
