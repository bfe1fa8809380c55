package dev.faasjvm.runtime.async;

import dev.faasjvm.runtime.backend.Invocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One accepted asynchronous call, as it is kept in the journal: the request as
 * {@code /async-function/*} received it, where to post the result, and how often it has run.
 * Immutable.
 *
 * @param seq the queue's own number for it, increasing in the order calls were accepted
 * @param callId the caller's {@code X-Call-Id}, or the one generated for it
 * @param name the function's name
 * @param namespace the function's namespace
 * @param method the HTTP method
 * @param path the path below the function name, starting with {@code /}
 * @param rawQuery the query string without {@code ?}, empty when none
 * @param headers the request headers, case-insensitive
 * @param body the request body
 * @param callbackUrl the {@code X-Callback-Url} to post the result to, empty for none
 * @param enqueuedMillis when it was accepted, in epoch milliseconds
 * @param attempts how many times it has run so far
 */
public record AsyncCall(long seq, String callId, String name, String namespace, String method, String path,
        String rawQuery, Map<String, List<String>> headers, byte[] body, String callbackUrl, long enqueuedMillis,
        int attempts) {

    public AsyncCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        headers = caseInsensitiveCopy(Objects.requireNonNull(headers, "headers"));
    }

    /** The same call, having run {@code count} times. */
    AsyncCall withAttempts(int count) {
        return new AsyncCall(seq, callId, name, namespace, method, path, rawQuery, headers, body, callbackUrl,
                enqueuedMillis, count);
    }

    /** The call as the back-end runs it, with its own call id. */
    Invocation invocation() {
        return new Invocation(method, path, rawQuery, headers, body, callId);
    }

    /** {@code name} in the default namespace, {@code name.namespace} elsewhere: as the caller named it. */
    String function() {
        return namespace.equals(dev.faasjvm.runtime.backend.ProviderBackend.DEFAULT_NAMESPACE)
                ? name : name + "." + namespace;
    }

    private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            copy.computeIfAbsent(header.getKey(), ignored -> new ArrayList<>()).addAll(header.getValue());
        }
        copy.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(copy);
    }
}
