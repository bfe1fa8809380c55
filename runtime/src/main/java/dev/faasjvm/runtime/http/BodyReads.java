package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.wire.GoDuration;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a whole request body without holding a thread (Jetty's demand callbacks), bounded in size
 * and in time: OpenFaaS's {@code read_timeout} is the longest reading one request may take,
 * however slowly its bytes trickle in (issue 10: a client sending a byte a second kept a request,
 * and its thread, forever). Stateless.
 */
final class BodyReads {
    /** The request attribute under which a {@code /system/*} body read ahead is kept for its handler. */
    static final String BODY = BodyReads.class.getName() + ".body";

    private BodyReads() {
    }

    /**
     * Reads the body: the future fails with {@link ReadTimeoutException} once {@code timeout} has
     * passed since the request's first byte, so that its headers ({@link HeadersDeadlineConnection})
     * and its body share one read timeout.
     */
    @SuppressWarnings("removal")
    static CompletableFuture<byte[]> read(Request request, int maxBytes, Duration timeout, Scheduler scheduler) {
        CompletableFuture<byte[]> read = Content.Source.asByteArrayAsync(request, maxBytes);
        if (read.isDone() || timeout.isZero()) {
            return read;
        }
        long left = timeout.toNanos() - (System.nanoTime() - request.getBeginNanoTime());
        Scheduler.Task timer = scheduler.schedule(() -> read.completeExceptionally(new ReadTimeoutException(timeout)),
                Math.max(0, left), TimeUnit.NANOSECONDS);
        read.whenComplete((body, failure) -> timer.cancel());
        return read;
    }

    /**
     * Answers an invocation 413 if its declared body is longer than {@code maxBytes}, after reading and
     * dropping it (see {@link #discard}); false, and nothing written, otherwise.
     */
    static boolean refuseOverLimit(Request request, Response response, Callback callback, int maxBytes) {
        long length = request.getLength();
        if (length <= maxBytes) {
            return false;
        }
        Runnable refuse = () -> ErrorResponses.writeForInvocation(response, callback,
                new BodyTooLargeException(length, maxBytes));
        if (length - maxBytes <= MAX_DISCARDED_BYTES) {
            discard(request, refuse);
        } else {
            refuse.run();
        }
        return true;
    }

    /**
     * Reads and drops the rest of a body, without holding a thread, then runs {@code then}: a body
     * refused for its size is still read (up to {@link #MAX_DISCARDED_BYTES}), so that a client that
     * sends all of it before it reads the answer (the JDK's HttpClient) gets the 413 rather than a
     * broken pipe, and the connection stays usable. Failures end the drain as the end does.
     */
    static void discard(Content.Source body, Runnable then) {
        while (true) {
            Content.Chunk chunk = body.read();
            if (chunk == null) {
                body.demand(() -> discard(body, then));
                return;
            }
            chunk.release();
            if (chunk.isLast() || Content.Chunk.isFailure(chunk)) {
                then.run();
                return;
            }
        }
    }

    /** A declared body longer than this, past the limit, is not read at all: its connection is closed after the 413. */
    static final long MAX_DISCARDED_BYTES = 4L * 1024 * 1024;

    /** 408: the request's body did not arrive within the read timeout. */
    static final class ReadTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadTimeoutException(Duration timeout) {
            super("The request body did not arrive within the read timeout of " + GoDuration.format(timeout)
                    + " (--read-timeout, env read_timeout)", null, false, false);
        }
    }
}
