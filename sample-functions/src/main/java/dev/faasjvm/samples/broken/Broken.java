package dev.faasjvm.samples.broken;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;

/** A handler whose constructor throws: deploying it must fail and leave nothing behind. */
public final class Broken implements FunctionHandler {
    public Broken() {
        throw new IllegalStateException("broken cannot start: missing configuration");
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) {
        return FunctionResponse.ok("unreachable");
    }
}
