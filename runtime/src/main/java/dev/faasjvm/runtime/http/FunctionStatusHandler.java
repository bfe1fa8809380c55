package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.folder.FunctionsFolder;
import dev.faasjvm.runtime.wire.FunctionStatus;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /system/function/{name}} (FunctionStatus): one function's status, or 404 with an
 * empty body as faasd and faas-netes answer. On the gateway's hot path, so it is a map lookup.
 */
final class FunctionStatusHandler extends Handler.Abstract {
    private final ProviderBackend backend;

    FunctionStatusHandler(ProviderBackend backend) {
        this.backend = backend;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            return Exchange.methodNotAllowed(request, response, callback, "GET");
        }
        String name = Exchange.pathAfter(request, Routes.SYSTEM_FUNCTION);
        try {
            Optional<FunctionStatus> status = name.isEmpty() || name.contains("/")
                    ? Optional.empty()
                    : backend.status(name, Exchange.namespaceFromQuery(request)).map(FunctionsFolder::asDeployed);
            if (status.isPresent()) {
                Exchange.json(response, callback, 200, status.get());
            } else {
                Exchange.empty(response, callback, 404);
            }
        } catch (RuntimeException e) {
            ErrorResponses.write(response, callback, e);
        }
        return true;
    }
}
