package dev.faasjvm.samples.twohandlers;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;

/** One of two handlers in one JAR: the runtime cannot guess which, unless envProcess names it. */
public final class First implements FunctionHandler {
    @Override
    public FunctionResponse handle(FunctionRequest request) {
        return FunctionResponse.ok("first".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
