package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.ProviderBackend;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /system/state} (faas-jvm's own route, no faas-provider counterpart): how many
 * functions were restored at start, how long it took, and every stored entry that could not be
 * restored, by name and reason.
 */
final class StateHandler extends Handler.Abstract {
    private final ProviderBackend backend;

    StateHandler(ProviderBackend backend) {
        this.backend = backend;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            return Exchange.methodNotAllowed(request, response, callback, "GET");
        }
        Exchange.json(response, callback, 200, backend.state());
        return true;
    }
}
