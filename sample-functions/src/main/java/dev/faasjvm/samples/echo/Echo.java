package dev.faasjvm.samples.echo;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;

/** Answers with the request body, byte for byte, and the request's content type. */
public final class Echo implements FunctionHandler {
    @Override
    public FunctionResponse handle(FunctionRequest request) {
        FunctionResponse response = FunctionResponse.ok(request.body());
        return request.header("Content-Type")
                .map(type -> response.withHeader("Content-Type", type))
                .orElse(response);
    }
}
