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
 * Blocks its Jetty thread for as long as it streams.
 */
final class LogsHandler extends Handler.Abstract {
    static final String NDJSON = "application/x-ndjson";
    /** How often a quiet stream checks whether its client has gone or its time is up. */
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final ProviderBackend backend;
    private final Duration writeTimeout;

    LogsHandler(ProviderBackend backend, Duration writeTimeout) {
        this.backend = backend;
        this.writeTimeout = writeTimeout;
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
        LogStream stream;
        try {
            stream = backend.logs(logRequest);
        } catch (RuntimeException e) {
            ErrorResponses.write(response, callback, e);
            return true;
        }
        try {
            try (stream) {
                stream(request, response, stream);
            }
            // The back-end's stream is closed before the client sees the end, so its subscription is gone by then.
            response.write(true, null, callback);
        } catch (IOException | RuntimeException e) {
            callback.failed(e); // the client went away or the connection broke: nothing left to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        }
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

    private void stream(Request request, Response response, LogStream stream) throws IOException, InterruptedException {
        AtomicBoolean failed = new AtomicBoolean();
        request.addFailureListener(failure -> failed.set(true));
        ClientProbe client = ClientProbe.of(request);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, NDJSON);
        write(response, ByteBuffer.allocate(0));
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            Optional<LogMessage> message = stream.next(Duration.ofNanos(Math.min(remaining, CHECK_EVERY.toNanos())));
            if (message.isPresent()) {
                write(response, ByteBuffer.wrap(line(message.get())));
            } else if (stream.isEnded()) {
                return;
            } else if (failed.get() || client.isGone()) {
                throw new IOException("The log client went away");
            }
        }
    }

    private static byte[] line(LogMessage message) {
        byte[] json = Json.write(message);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /** Writes and flushes one chunk, waiting until it is sent. */
    private static void write(Response response, ByteBuffer content) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, content, written);
            written.block();
        }
    }
}
