package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.folder.FunctionsFolder;
import dev.faasjvm.runtime.wire.DeleteFunctionRequest;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.Json;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /system/functions}: GET lists (FunctionLister), POST deploys (DeployFunction), PUT updates
 * (UpdateFunction), DELETE deletes (DeleteFunction). Deploy and update answer 202 only once the
 * function is callable, as the certifier expects.
 */
final class SystemFunctionsHandler extends Handler.Abstract {
    private final ProviderBackend backend;
    private final int maxBodyBytes;

    SystemFunctionsHandler(ProviderBackend backend, int maxBodyBytes) {
        this.backend = backend;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            switch (request.getMethod()) {
                case "GET":
                    Exchange.json(response, callback, 200, backend.list(Exchange.namespaceFromQuery(request)).stream()
                            .map(FunctionsFolder::asDeployed).toList());
                    return true;
                case "POST":
                    backend.deploy(FunctionsFolder.asClientChange(Json.read(Exchange.body(request, maxBodyBytes),
                            FunctionDeployment.class)));
                    Exchange.empty(response, callback, 202);
                    return true;
                case "PUT":
                    backend.update(FunctionsFolder.asClientChange(Json.read(Exchange.body(request, maxBodyBytes),
                            FunctionDeployment.class)));
                    Exchange.empty(response, callback, 202);
                    return true;
                case "DELETE":
                    delete(request);
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

    private void delete(Request request) throws Exception {
        DeleteFunctionRequest delete = Json.read(Exchange.body(request, maxBodyBytes), DeleteFunctionRequest.class);
        if (delete.functionName().isEmpty()) {
            throw new InvalidRequestException("Invalid delete request: functionName is required");
        }
        // faas-cli since 2023 sends the namespace in the body, older clients in the query (contract 1.5).
        String namespace = delete.namespace().isEmpty() ? Exchange.namespaceFromQuery(request) : delete.namespace();
        backend.delete(delete.functionName(), namespace);
    }
}
