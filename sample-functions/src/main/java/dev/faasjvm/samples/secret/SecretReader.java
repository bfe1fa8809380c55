package dev.faasjvm.samples.secret;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.util.Optional;

/**
 * Answers with the value of the secret named by the query parameter {@code name}, or 404 when its
 * deployment does not list a secret of that name.
 */
public final class SecretReader implements FunctionHandler {
    @Override
    public FunctionResponse handle(FunctionRequest request) {
        Optional<String> name = request.queryParameter("name");
        if (name.isEmpty()) {
            return FunctionResponse.text(400, "Name the secret: ?name=...");
        }
        return request.context().secretBytes(name.get())
                .map(FunctionResponse::ok)
                .orElseGet(() -> FunctionResponse.text(404, "No secret \"" + name.get() + "\" is visible to "
                        + request.context().functionName()));
    }
}
