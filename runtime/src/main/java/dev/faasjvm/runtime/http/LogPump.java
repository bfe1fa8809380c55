package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.LogStream;
import dev.faasjvm.runtime.threads.DaemonThreads;
import dev.faasjvm.runtime.wire.Json;
import dev.faasjvm.runtime.wire.LogMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Streams every open {@code /system/logs} response from one thread, {@code faas-jvm-log-pump},
 * without holding a Jetty thread per stream: every {@link #TICK} it takes what each stream has
 * (without waiting) and writes it with {@code Response.write} and a callback; a stream whose last
 * write has not completed yet (a slow client) is skipped until it has. At most
 * {@code maxFollowers} streams that follow are open at once (issue 10: a few hundred followers
 * each holding a thread once stopped the whole server). Thread-safe.
 */
final class LogPump extends AbstractLifeCycle {
    /** How often streams are checked: the most a line waits before it is sent. */
    static final Duration TICK = Duration.ofMillis(25);
    /** The most lines one write carries, so that one busy stream cannot hold the pump. */
    private static final int BATCH = 256;

    private final int maxFollowers;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger following = new AtomicInteger();
    private volatile ScheduledExecutorService pump;

    LogPump(int maxFollowers) {
        this.maxFollowers = maxFollowers;
    }

    /** Starts the pump thread, with the server (it is a bean of the logs handler). */
    @Override
    protected void doStart() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("faas-jvm-log-pump"));
        started.scheduleWithFixedDelay(this::tick, TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
        pump = started;
    }

    /** The most streams that follow at once; beyond it a request is refused. */
    int maxFollowers() {
        return maxFollowers;
    }

    /** Gives back a place taken with {@link #tryFollow} for a stream that did not start. */
    void unfollow() {
        following.decrementAndGet();
    }

    /** Streams that follow now. */
    int following() {
        return following.get();
    }

    /** Takes a place for a stream that follows; false when they are all taken. */
    boolean tryFollow() {
        if (following.incrementAndGet() > maxFollowers) {
            following.decrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Streams {@code stream} to a response whose status and headers are set: the headers are sent
     * at once, then each line; the response ends when the stream ends, at {@code deadlineNanos}
     * ({@link System#nanoTime()}), or when the client leaves. {@code follows} says whether it holds
     * a place taken with {@link #tryFollow}.
     */
    void add(LogStream stream, Request request, Response response, Callback callback, long deadlineNanos,
            boolean follows) {
        Stream added = new Stream(stream, request, response, callback, deadlineNanos, follows);
        request.addFailureListener(failure -> added.clientFailed.set(true));
        added.writing = true;
        response.write(false, ByteBuffer.allocate(0), Callback.from(() -> {
            added.writing = false;
            streams.add(added);
        }, failure -> added.finish(false)));
    }

    private void tick() {
        long now = System.nanoTime();
        for (Stream stream : streams) {
            try {
                stream.pump(now);
            } catch (RuntimeException e) {
                stream.finish(false); // a broken stream must not stop the others
            }
        }
    }

    /** Stops the pump thread with the server; streams still open end as if their clients had left. */
    @Override
    protected void doStop() {
        ScheduledExecutorService running = pump;
        if (running != null) {
            running.shutdownNow();
        }
        streams.forEach(stream -> stream.finish(false));
    }

    /** One response being streamed. */
    private final class Stream {
        final LogStream source;
        final Response response;
        final Callback callback;
        final long deadlineNanos;
        final boolean follows;
        final ClientProbe client;
        final AtomicBoolean clientFailed = new AtomicBoolean();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile boolean writing;

        Stream(LogStream source, Request request, Response response, Callback callback, long deadlineNanos,
                boolean follows) {
            this.source = source;
            this.response = response;
            this.callback = callback;
            this.deadlineNanos = deadlineNanos;
            this.follows = follows;
            this.client = ClientProbe.of(request);
        }

        /** Runs on the pump thread only. */
        void pump(long now) {
            if (writing || finished.get()) {
                return;
            }
            if (clientFailed.get() || client.isGone()) {
                finish(false);
                return;
            }
            if (now - deadlineNanos >= 0) {
                finish(true);
                return;
            }
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            for (int i = 0; i < BATCH; i++) {
                Optional<LogMessage> message = poll();
                if (message.isEmpty()) {
                    break;
                }
                lines.writeBytes(Json.write(message.get()));
                lines.write('\n');
            }
            if (lines.size() > 0) {
                writing = true;
                response.write(false, ByteBuffer.wrap(lines.toByteArray()), Callback.from(() -> writing = false,
                        failure -> finish(false)));
            } else if (source.isEnded()) {
                finish(true);
            }
        }

        private Optional<LogMessage> poll() {
            try {
                return source.next(Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        /**
         * Ends the stream once: the back-end's stream is closed first, so its subscription is gone
         * before the client sees the end; then the response ends, or, when the client has gone,
         * the exchange is completed as it stands (the client saw a 200: it is not a server error).
         */
        void finish(boolean normally) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            streams.remove(this);
            source.close();
            if (follows) {
                following.decrementAndGet();
            }
            if (normally) {
                response.write(true, null, callback);
            } else {
                callback.failed(new ClientGoneException());
            }
        }
    }

    /** How a stream whose client left is completed: not a failure of the server. */
    static final class ClientGoneException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        ClientGoneException() {
            super("The log client went away", null);
        }
    }
}
