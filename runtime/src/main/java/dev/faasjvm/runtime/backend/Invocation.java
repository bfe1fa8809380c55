package dev.faasjvm.runtime.backend;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One call as the HTTP layer received it, before a back-end gives it to a function.
 *
 * @param method the HTTP method
 * @param path the path below the function name, starting with {@code /}
 * @param rawQuery the query string without {@code ?}, empty when none
 * @param headers case-insensitive request headers; may be a lazy view, read only during the call
 * @param body the complete request body
 * @param callId the caller's {@code X-Call-Id}, or one generated for this call
 * @param protocol the HTTP version the call came with, e.g. {@code HTTP/1.1}
 * @param remoteAddress the IP address of the connection's other end, empty when unknown
 * @param sink where a streaming function's response goes as it writes it; {@link ResponseSink#NONE}
 *     when the call has nowhere to stream to
 */
public record Invocation(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
        String callId, String protocol, String remoteAddress, ResponseSink sink) {

    public Invocation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(sink, "sink");
    }

    /** A call with nowhere to stream to: its response is collected whole. */
    public Invocation(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
            String callId, String protocol, String remoteAddress) {
        this(method, path, rawQuery, headers, body, callId, protocol, remoteAddress, ResponseSink.NONE);
    }

    /** A call that did not come over a connection of its own (an HTTP/1.1 one from an unknown address). */
    public Invocation(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
            String callId) {
        this(method, path, rawQuery, headers, body, callId, "HTTP/1.1", "");
    }

    /** A call with no query and no headers, and a fresh call id. */
    public static Invocation of(String method, String path, byte[] body) {
        return new Invocation(method, path, "", Map.of(), body, UUID.randomUUID().toString());
    }
}
