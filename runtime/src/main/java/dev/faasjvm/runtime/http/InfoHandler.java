package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.ProviderBackend;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /system/info} (Info): the provider's name, orchestration and version. */
final class InfoHandler extends Handler.Abstract {
    private final ProviderBackend backend;

    InfoHandler(ProviderBackend backend) {
        this.backend = backend;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            return Exchange.methodNotAllowed(request, response, callback, "GET");
        }
        Exchange.json(response, callback, 200, backend.info());
        return true;
    }
}
