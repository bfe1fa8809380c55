package dev.faasjvm.runtime.async;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.FailureStatus;
import dev.faasjvm.runtime.backend.ProviderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What one attempt of a call came to: the function's answer, or the status the provider would
 * have answered for its failure (as {@code /function/*} would), with the failure's message as body.
 * Immutable.
 *
 * @param status the HTTP status
 * @param headers the function's response headers; empty for a failure
 * @param body the response body
 * @param nanos how long the attempt took
 */
record Outcome(int status, Map<String, List<String>> headers, byte[] body, long nanos) {

    static Outcome of(FunctionResponse response, long nanos) {
        return new Outcome(response.status(), response.headers(), response.body(), nanos);
    }

    /** The answer {@code /function/*} gives for this failure of the back-end. */
    static Outcome of(Throwable failure, long nanos) {
        Throwable cause = unwrap(failure);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new Outcome(statusOf(cause), Map.of("Content-Type", List.of("text/plain; charset=utf-8")),
                (message + "\n").getBytes(StandardCharsets.UTF_8), nanos);
    }

    /** A call that never ran, for the callback of a dead letter: {@code status} and the reason as body. */
    static Outcome never(int status, String reason) {
        return new Outcome(status, Map.of("Content-Type", List.of("text/plain; charset=utf-8")),
                (reason + "\n").getBytes(StandardCharsets.UTF_8), 0);
    }

    /** The start of the body as text, for a dead letter. */
    String excerpt() {
        int length = Math.min(body.length, DeadLetter.EXCERPT_CHARS * 2);
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    static Throwable unwrap(Throwable failure) {
        return FailureStatus.unwrap(failure);
    }

    /** The status {@code /function/*} answers for this failure. */
    private static int statusOf(Throwable cause) {
        return cause instanceof ProviderException ? FailureStatus.of((ProviderException) cause) : 500;
    }
}
