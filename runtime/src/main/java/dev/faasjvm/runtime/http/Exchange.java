package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Small helpers shared by the route handlers: query parameters, reading a bounded body, and
 * writing JSON or text answers. Each writer completes the callback exactly once.
 */
final class Exchange {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    private Exchange() {
    }

    /** The last value of a query parameter (as Go's faas-provider reads it), or empty. */
    static String query(Request request, String name) {
        Fields fields = Request.extractQueryParameters(request);
        Fields.Field field = fields.get(name);
        if (field == null || field.getValues().isEmpty()) {
            return "";
        }
        return field.getValues().get(field.getValues().size() - 1);
    }

    /**
     * The decoded path after a route's prefix, e.g. the {@code {name}} of {@code /system/function/{name}};
     * empty when the path is the prefix without its trailing slash.
     */
    static String pathAfter(Request request, String prefix) {
        String path = request.getHttpURI().getDecodedPath();
        return path.length() > prefix.length() ? path.substring(prefix.length()) : "";
    }

    /** The namespace a system call names in its query, defaulted. */
    static String namespaceFromQuery(Request request) {
        String namespace = query(request, "namespace");
        return namespace.isEmpty() ? ProviderBackend.DEFAULT_NAMESPACE : namespace;
    }

    /** Reads a whole system-call body, refusing more than {@code maxBytes}. */
    static byte[] body(Request request, int maxBytes) throws Exception {
        long length = request.getLength();
        if (length > maxBytes) {
            throw new BodyTooLargeException(length, maxBytes);
        }
        Object readAhead = request.getAttribute(BodyReads.BODY);
        if (readAhead instanceof byte[]) {
            return (byte[]) readAhead;
        }
        if (readAhead instanceof Throwable) {
            Throwable failure = ErrorResponses.unwrap((Throwable) readAhead);
            if (isOverLimit(failure)) {
                throw new BodyTooLargeException(-1, maxBytes);
            }
            throw failure instanceof Exception ? (Exception) failure : new java.util.concurrent.ExecutionException(failure);
        }
        try {
            return Content.Source.asByteArrayAsync(request, maxBytes).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (isOverLimit(e.getCause())) {
                throw new BodyTooLargeException(-1, maxBytes);
            }
            throw e;
        }
    }

    /**
     * Whether a failed bounded read ({@code Content.Source.asByteArrayAsync(source, max)}) failed
     * because the body passed the limit. Jetty 12.1 reports that with an IllegalStateException
     * ("Max size exceeded"), earlier versions with an IllegalArgumentException; an I/O failure
     * (the client went away) is neither.
     */
    static boolean isOverLimit(Throwable readFailure) {
        Throwable cause = readFailure instanceof java.util.concurrent.CompletionException
                && readFailure.getCause() != null ? readFailure.getCause() : readFailure;
        return cause instanceof IllegalStateException || cause instanceof IllegalArgumentException;
    }

    static void json(Response response, Callback callback, int status, Object value) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(Json.write(value)), callback);
    }

    static void text(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
        response.write(true, ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }

    static void empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.write(true, null, callback);
    }

    /** Answers 405 naming the allowed methods, as a router would for a known path. */
    static boolean methodNotAllowed(Request request, Response response, Callback callback, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        text(response, callback, 405, "Method " + request.getMethod() + " is not allowed on "
                + request.getHttpURI().getDecodedPath() + "; allowed: " + allowed);
        return true;
    }
}
