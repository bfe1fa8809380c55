package dev.faasjvm.samples.fail;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;

/** Always throws, to show that a failing function gets a 500 and harms nothing else. */
public final class Fail implements FunctionHandler {
    @Override
    public FunctionResponse handle(FunctionRequest request) {
        throw new IllegalStateException("fail always fails (asked for " + request.path() + ")");
    }
}
