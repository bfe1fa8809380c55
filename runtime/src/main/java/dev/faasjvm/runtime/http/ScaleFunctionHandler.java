package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.Json;
import dev.faasjvm.runtime.wire.ScaleServiceRequest;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /system/scale-function/{name}} (ScaleFunction): sets a function's desired replicas
 * and answers 202 once the change is under way. The name comes from the path, as faas-netes reads
 * it; the namespace from the query (the gateway's scale-from-zero sends it there), else the body,
 * else the default (contract 1.7). A body {@code serviceName} that names another function is a 400.
 */
final class ScaleFunctionHandler extends Handler.Abstract {
    private final ProviderBackend backend;
    private final int maxBodyBytes;

    ScaleFunctionHandler(ProviderBackend backend, int maxBodyBytes) {
        this.backend = backend;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"POST".equals(request.getMethod())) {
            return Exchange.methodNotAllowed(request, response, callback, "POST");
        }
        try {
            String name = request.getHttpURI().getDecodedPath().substring(Routes.SYSTEM_SCALE_FUNCTION.length());
            ScaleServiceRequest scale = Json.read(Exchange.body(request, maxBodyBytes), ScaleServiceRequest.class);
            if (name.isEmpty() || name.contains("/")) {
                throw new InvalidRequestException("Invalid scale request: name the function in the path, as in "
                        + Routes.SYSTEM_SCALE_FUNCTION + "NAME");
            }
            if (!scale.serviceName().isEmpty() && !scale.serviceName().equals(name)) {
                throw new InvalidRequestException("Invalid scale request: serviceName \"" + scale.serviceName()
                        + "\" in the body differs from \"" + name + "\" in the path");
            }
            String namespace = Exchange.query(request, "namespace");
            if (namespace.isEmpty()) {
                namespace = scale.namespace().isEmpty() ? ProviderBackend.DEFAULT_NAMESPACE : scale.namespace();
            }
            backend.scale(name, namespace, scale.replicas());
            Exchange.empty(response, callback, 202);
        } catch (Exception e) {
            ErrorResponses.write(response, callback, e);
        }
        return true;
    }
}
