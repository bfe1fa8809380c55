package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.Json;
import dev.faasjvm.runtime.wire.Secret;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /system/secrets} (Secrets): GET lists names, POST creates (201), PUT replaces a value
 * (202), DELETE forgets (202, never 204: faas-cli accepts only 200 and 202 there). No answer ever
 * carries a value. The namespace comes from the body, then the query, then the default (contract
 * 1.9: faasd reads the query on delete, faas-cli sends the body).
 */
final class SecretsHandler extends Handler.Abstract {
    private final ProviderBackend backend;
    private final int maxBodyBytes;

    SecretsHandler(ProviderBackend backend, int maxBodyBytes) {
        this.backend = backend;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            switch (request.getMethod()) {
                case "GET":
                    Exchange.json(response, callback, 200, backend.secrets(Exchange.namespaceFromQuery(request)));
                    return true;
                case "POST":
                    backend.createSecret(secret(request));
                    Exchange.empty(response, callback, 201);
                    return true;
                case "PUT":
                    backend.updateSecret(secret(request));
                    Exchange.empty(response, callback, 202);
                    return true;
                case "DELETE":
                    Secret secret = secret(request);
                    backend.deleteSecret(secret.name(), secret.namespace());
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

    /** The body's secret with its namespace resolved: body, then query, then the default. */
    private Secret secret(Request request) throws Exception {
        Secret secret = Json.read(Exchange.body(request, maxBodyBytes), Secret.class);
        String namespace = secret.namespace().isEmpty() ? Exchange.namespaceFromQuery(request) : secret.namespace();
        return new Secret(secret.name(), namespace, secret.value(), secret.rawValue());
    }
}
