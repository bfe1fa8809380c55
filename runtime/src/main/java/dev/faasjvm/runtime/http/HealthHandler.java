package dev.faasjvm.runtime.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET/HEAD /healthz} (Health): 200 while the provider serves. */
final class HealthHandler extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Exchange.methodNotAllowed(request, response, callback, "GET, HEAD");
        }
        Exchange.text(response, callback, 200, "OK");
        return true;
    }
}
