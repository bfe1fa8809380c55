package dev.faasjvm.samples.flaky;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fails the first {@code failures} attempts (query parameter, default 2) of each call id with a
 * 503, then answers 200 {@code ok after <n> failures} with an {@code X-Attempt} header: a function
 * that recovers, for retries of asynchronous calls.
 */
public final class Flaky implements FunctionHandler {
    private final ConcurrentHashMap<String, Integer> attempts = new ConcurrentHashMap<>();

    @Override
    public FunctionResponse handle(FunctionRequest request) {
        int failures = Integer.parseInt(request.queryParameter("failures").orElse("2"));
        int attempt = attempts.merge(request.callId(), 1, Integer::sum);
        if (attempt <= failures) {
            return FunctionResponse.of(503, ("attempt " + attempt + " failed").getBytes(StandardCharsets.UTF_8));
        }
        return FunctionResponse.ok(("ok after " + failures + " failures").getBytes(StandardCharsets.UTF_8))
                .withHeader("X-Attempt", Integer.toString(attempt))
                .withHeader("Content-Type", "text/plain");
    }
}
