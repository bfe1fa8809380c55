package dev.faasjvm.runtime.platform.gcf;

import com.google.cloud.functions.HttpFunction;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.util.Objects;

/**
 * Calls a Google Cloud Functions {@code HttpFunction} with the call as its {@code HttpRequest}, and
 * answers what it wrote to its {@code HttpResponse}. Thread-safe if the function is: Google's invoker
 * also calls one instance from many threads.
 */
public final class GcfFunctionHandler implements FunctionHandler {
    private final HttpFunction function;

    private GcfFunctionHandler(HttpFunction function) {
        this.function = function;
    }

    /** Wraps one instance of the function's class. */
    public static GcfFunctionHandler of(Object function) {
        return new GcfFunctionHandler((HttpFunction) Objects.requireNonNull(function, "function"));
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) throws Exception {
        GcfHttpResponse response = new GcfHttpResponse();
        function.service(new GcfHttpRequest(request), response);
        return response.toResponse();
    }
}
