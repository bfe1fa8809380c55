package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.ProviderBackend;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET/HEAD /healthz} (Health): 200 while the provider serves (liveness), from the moment
 * the port is bound. {@code /healthz?ready=1} (readiness, faas-jvm's own, for load balancers and
 * Kubernetes readiness probes) answers 503 until the back-end is ready: every stored function
 * restored, or failed to be.
 */
final class HealthHandler extends Handler.Abstract.NonBlocking {
    private final ProviderBackend backend;

    HealthHandler(ProviderBackend backend) {
        this.backend = backend;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Exchange.methodNotAllowed(request, response, callback, "GET, HEAD");
        }
        if (asksReadiness(request) && !backend.isReady()) {
            response.getHeaders().put("Retry-After", "1");
            Exchange.text(response, callback, 503, "Not ready: restoring the stored functions; see GET /system/state");
            return true;
        }
        Exchange.text(response, callback, 200, "OK");
        return true;
    }

    private static boolean asksReadiness(Request request) {
        String query = request.getHttpURI().getQuery();
        if (query == null) {
            return false;
        }
        for (String part : query.split("&")) {
            if (part.equals("ready") || part.startsWith("ready=") && !part.equals("ready=0")
                    && !part.equals("ready=false")) {
                return true;
            }
        }
        return false;
    }
}
