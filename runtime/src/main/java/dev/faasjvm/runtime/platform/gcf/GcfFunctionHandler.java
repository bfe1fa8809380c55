package dev.faasjvm.runtime.platform.gcf;

import com.google.cloud.functions.HttpFunction;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.ResponseStream;
import dev.faasjvm.api.StreamingFunctionHandler;
import java.util.Objects;

/**
 * Calls a Google Cloud Functions {@code HttpFunction} with the call as its {@code HttpRequest}, and
 * streams what it writes to its {@code HttpResponse} as Google's invoker does. Thread-safe if the function is: Google's invoker
 * also calls one instance from many threads.
 */
public final class GcfFunctionHandler implements StreamingFunctionHandler {
    private final HttpFunction function;

    private GcfFunctionHandler(HttpFunction function) {
        this.function = function;
    }

    /** Wraps one instance of the function's class. */
    public static GcfFunctionHandler of(Object function) {
        return new GcfFunctionHandler((HttpFunction) Objects.requireNonNull(function, "function"));
    }

    @Override
    public void handle(FunctionRequest request, ResponseStream response) throws Exception {
        GcfHttpResponse gcfResponse = new GcfHttpResponse(response);
        function.service(new GcfHttpRequest(request), gcfResponse);
        gcfResponse.finish();
    }
}
