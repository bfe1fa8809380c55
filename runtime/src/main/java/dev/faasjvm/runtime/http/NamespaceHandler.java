package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.NamespaceRules;
import dev.faasjvm.runtime.backend.NotFoundException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import dev.faasjvm.runtime.wire.Json;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /system/namespace/{name}} (MutateNamespace, faas-provider v0.23.0): POST creates (201;
 * go-sdk posts to the bare {@code /system/namespace/}), GET reads, PUT replaces labels and
 * annotations (202), DELETE removes an empty namespace (202). Every change carries the label
 * {@code openfaas=1} in its body, whose name, when given, must match the path.
 */
final class NamespaceHandler extends Handler.Abstract {
    private final ProviderBackend backend;
    private final int maxBodyBytes;

    NamespaceHandler(ProviderBackend backend, int maxBodyBytes) {
        this.backend = backend;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String name = Exchange.pathAfter(request, Routes.SYSTEM_NAMESPACE);
        try {
            switch (request.getMethod()) {
                case "GET":
                    Exchange.json(response, callback, 200, backend.namespace(required(name))
                            .orElseThrow(() -> new NotFoundException("Namespace \"" + name + "\" not found")));
                    return true;
                case "POST":
                    backend.createNamespace(body(request, name));
                    Exchange.empty(response, callback, 201);
                    return true;
                case "PUT":
                    backend.updateNamespace(body(request, required(name)));
                    Exchange.empty(response, callback, 202);
                    return true;
                case "DELETE":
                    FunctionNamespace namespace = body(request, required(name));
                    NamespaceRules.check(namespace);
                    backend.deleteNamespace(namespace.name());
                    Exchange.empty(response, callback, 202);
                    return true;
                default:
                    return Exchange.methodNotAllowed(request, response, callback, "GET, POST, PUT, DELETE");
            }
        } catch (Exception e) {
            ErrorResponses.write(response, callback, e);
            return true;
        }
    }

    private static String required(String name) {
        if (name.isEmpty()) {
            throw new InvalidRequestException("Namespace name is required in the path: /system/namespace/{name}");
        }
        return name;
    }

    /** The body's namespace, named after the path when the body names none. */
    private FunctionNamespace body(Request request, String pathName) throws Exception {
        FunctionNamespace namespace = Json.read(Exchange.body(request, maxBodyBytes), FunctionNamespace.class);
        if (namespace.name().isEmpty()) {
            return new FunctionNamespace(pathName, namespace.labels(), namespace.annotations());
        }
        if (!pathName.isEmpty() && !pathName.equals(namespace.name())) {
            throw new InvalidRequestException("Namespace \"" + namespace.name() + "\" in the body does not match \""
                    + pathName + "\" in the path");
        }
        return namespace;
    }
}
