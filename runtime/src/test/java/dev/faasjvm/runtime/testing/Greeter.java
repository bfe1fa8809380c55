package dev.faasjvm.runtime.testing;

import dev.faasjvm.api.FunctionContext;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;

/**
 * A handler deployed from the test class path (no JAR): greets the body, with the {@code GREETING}
 * env var if the deployment sets one, and tells which class loader it runs in.
 */
public final class Greeter implements FunctionHandler {
    private final String greeting;

    public Greeter(FunctionContext context) {
        this.greeting = context.env("GREETING").orElse("Hello");
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) {
        return FunctionResponse.ok(greeting + ", " + request.bodyAsString() + "!")
                .withHeader("X-Loader", String.valueOf(Thread.currentThread().getContextClassLoader()));
    }
}
