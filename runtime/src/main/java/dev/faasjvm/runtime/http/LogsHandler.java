package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.backend.LogStream;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.GoTime;
import dev.faasjvm.runtime.wire.Json;
import dev.faasjvm.runtime.wire.LogMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /system/logs} (Logs), as faas-provider's {@code logs} handler serves it: the query
 * becomes a {@link LogRequest} (a bad {@code tail} or {@code since} is 422), the 200 and its
 * headers are flushed before any line, then each message is one NDJSON line, flushed on its own.
 * The stream ends when the back-end has no more (a request that does not follow), when the client
 * goes away, or when the write timeout has passed; the back-end's stream is always closed.
 * Streaming holds no Jetty thread: the {@link LogPump} writes every stream with callbacks, and caps
 * how many follow at once (503 beyond). A request without {@code name} is a 400.
 */
final class LogsHandler extends Handler.Abstract {
    static final String NDJSON = "application/x-ndjson";
    private final ProviderBackend backend;
    private final Duration writeTimeout;
    private final LogPump pump;

    LogsHandler(ProviderBackend backend, Duration writeTimeout, LogPump pump) {
        this.backend = backend;
        this.writeTimeout = writeTimeout;
        this.pump = pump;
        addBean(pump); // started and stopped with the server
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            return Exchange.methodNotAllowed(request, response, callback, "GET");
        }
        LogRequest logRequest;
        try {
            logRequest = parse(request);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            Exchange.text(response, callback, 422, "could not parse the log request: " + e.getMessage());
            return true;
        }
        if (logRequest.name().isEmpty()) {
            Exchange.text(response, callback, 400, "The log request needs a function: name is required,"
                    + " e.g. /system/logs?name=echo");
            return true;
        }
        if (logRequest.follow() && !pump.tryFollow()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            Exchange.text(response, callback, 503, "Too many log streams follow at once (the limit is "
                    + pump.maxFollowers() + ", --max-log-followers); try again later");
            return true;
        }
        LogStream stream;
        try {
            stream = backend.logs(logRequest);
        } catch (RuntimeException e) {
            if (logRequest.follow()) {
                pump.unfollow();
            }
            ErrorResponses.write(response, callback, e);
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, NDJSON);
        pump.add(stream, request, response, callback, System.nanoTime() + writeTimeout.toNanos(),
                logRequest.follow());
        return true;
    }

    /** Go's rules: the last value of each parameter; {@code follow} that does not parse is false. */
    static LogRequest parse(Request request) {
        String tail = Exchange.query(request, "tail");
        String since = Exchange.query(request, "since");
        return new LogRequest(Exchange.query(request, "name"), Exchange.namespaceFromQuery(request),
                Exchange.query(request, "instance"),
                since.isEmpty() ? Instant.MIN : GoTime.parse(since),
                tail.isEmpty() ? 0 : parseTail(tail),
                parseBool(Exchange.query(request, "follow")));
    }

    private static int parseTail(String tail) {
        try {
            return Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tail must be a whole number, not \"" + tail + "\"", e);
        }
    }

    private static boolean parseBool(String value) {
        return Arrays.asList("1", "t", "T", "true", "TRUE", "True").contains(value);
    }
}
