package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.wire.GoDuration;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * An HTTP/1.1 connection that answers 408 and closes when a request's headers are not complete
 * within the read timeout of its first byte. Jetty 12 has no such deadline: its idle timeout
 * restarts with every byte, so it cannot bound a client that trickles. The deadline starts when
 * the parser leaves its start state (the first byte of a request, not the wait between requests,
 * so an idle keep-alive connection is still governed by the idle timeout alone) and ends when the
 * parser passes the headers; {@link BodyReads} bounds the body by the same read timeout from the
 * same first byte. A timer is set only for headers that do not arrive in one read.
 *
 * <p>The 408 is written straight to the socket by the timer: while a request's headers are being
 * parsed nothing else writes on the connection (Jetty parses the next request only once the
 * previous response is complete), and the request reached no handler, so nothing is counted.
 * Headers that complete in the very instant the deadline fires lose the race: their request runs
 * on a connection that is closing, and its response is dropped.
 */
final class HeadersDeadlineConnection extends HttpConnection {
    private static final int IDLE = 0;
    private static final int READING_HEADERS = 1;
    private static final int EXPIRED = 2;

    private final Duration readTimeout;
    /** IDLE, READING_HEADERS or EXPIRED; set by the parsing thread and the timer. */
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** When the headers being read started, and their timer if one is set; parsing thread only. */
    private long startedNanos;
    private Scheduler.Task deadline;

    HeadersDeadlineConnection(HttpConfiguration config, Connector connector, EndPoint endPoint, Duration readTimeout) {
        super(config, connector, endPoint);
        this.readTimeout = readTimeout;
    }

    /**
     * The parser Jetty's connection would make, observing its state changes. Called by the super
     * constructor, so it must not use this class's fields; the parser uses them only once parsing.
     */
    @Override
    protected HttpParser newHttpParser(HttpCompliance compliance) {
        HttpParser plain = super.newHttpParser(compliance);
        HttpParser parser = new DeadlineParser((HttpParser.RequestHandler) plain.getHandler(),
                getHttpConfiguration().getRequestHeaderSize(), compliance);
        parser.setHeaderCacheSize(plain.getHeaderCacheSize());
        parser.setHeaderCacheCaseSensitive(plain.isHeaderCacheCaseSensitive());
        return parser;
    }

    /** On the parsing thread: a request's first byte arrived. */
    private void headersStarted() {
        if (state.compareAndSet(IDLE, READING_HEADERS)) {
            startedNanos = System.nanoTime();
        }
    }

    /**
     * On the parsing thread, once it has parsed all the bytes it has: the timer is set only when
     * the headers are still incomplete then, so a request that arrives whole (nearly every one)
     * costs no timer.
     */
    private void parsed() {
        if (state.get() == READING_HEADERS && deadline == null) {
            long left = readTimeout.toNanos() - (System.nanoTime() - startedNanos);
            deadline = getConnector().getScheduler().schedule(this::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
        }
    }

    /** On the parsing thread: the headers are complete, or the request ended without them. */
    private void headersEnded() {
        if (state.compareAndSet(READING_HEADERS, IDLE) && deadline != null) {
            deadline.cancel();
        }
        deadline = null;
    }

    /** On the scheduler's thread: the headers did not arrive in time. */
    private void expire() {
        if (!state.compareAndSet(READING_HEADERS, EXPIRED)) {
            return;
        }
        EndPoint endPoint = getEndPoint();
        TimeoutException cause = new TimeoutException(message());
        endPoint.write(Callback.from(() -> endPoint.close(cause), failure -> endPoint.close(cause)), response());
    }

    private String message() {
        return "The request headers did not arrive within the read timeout of " + GoDuration.format(readTimeout)
                + " (--read-timeout, env read_timeout)\n";
    }

    private ByteBuffer response() {
        byte[] body = message().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 408 Request Timeout\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        ByteBuffer buffer = ByteBuffer.allocate(head.length() + body.length);
        buffer.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
        return buffer;
    }

    /** Tells the connection when a request's headers start and end. */
    private final class DeadlineParser extends HttpParser {
        DeadlineParser(RequestHandler handler, int maxHeaderBytes, HttpCompliance compliance) {
            super(handler, maxHeaderBytes, compliance);
        }

        @Override
        public boolean parseNext(ByteBuffer buffer) {
            boolean handle = super.parseNext(buffer);
            parsed();
            return handle;
        }

        @Override
        protected void setState(State next) {
            State previous = getState();
            super.setState(next);
            if (previous == State.START && next.ordinal() <= State.HEADER.ordinal() && next != State.START) {
                headersStarted();
            } else if (next.ordinal() > State.HEADER.ordinal() || next == State.START) {
                headersEnded();
            }
        }
    }
}
