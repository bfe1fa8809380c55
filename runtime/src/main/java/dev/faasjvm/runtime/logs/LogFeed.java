package dev.faasjvm.runtime.logs;

import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.backend.LogStream;
import dev.faasjvm.runtime.wire.LogMessage;
import java.time.Duration;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@link LogStream} of one log request: the buffered lines it matched, then, when it follows,
 * the lines its {@link LogBuffer} offers. The live queue is bounded: a reader too slow to keep up
 * loses the lines that do not fit rather than slowing the function down. One reader thread;
 * {@link #offer}, {@link #end} and {@link #close} may come from any thread.
 */
final class LogFeed implements LogStream {
    /** Wakes a waiting reader when the feed ends. */
    private static final LogLine END = new LogLine(java.time.Instant.EPOCH, "", "");

    private final LogBuffer buffer;
    private final LogRequest request;
    private final Deque<LogLine> backlog;
    private final boolean follows;
    private final BlockingQueue<LogLine> live;
    private volatile boolean ended;

    LogFeed(LogBuffer buffer, LogRequest request, Deque<LogLine> backlog, boolean follows, int liveCapacity) {
        this.buffer = buffer;
        this.request = request;
        this.backlog = backlog;
        this.follows = follows;
        this.live = new ArrayBlockingQueue<>(follows ? liveCapacity : 1);
    }

    static boolean matches(LogRequest request, LogLine line) {
        return (request.instance().isEmpty() || request.instance().equals(line.instance()))
                && !line.timestamp().isBefore(request.since());
    }

    /** Called by the buffer, under its lock, for each new line; never blocks. */
    void offer(LogLine line) {
        if (matches(request, line)) {
            live.offer(line);
        }
    }

    /** The function is gone: the reader gets what is queued, then the end. */
    void end() {
        ended = true;
        live.offer(END);
    }

    @Override
    public Optional<LogMessage> next(Duration wait) throws InterruptedException {
        LogLine line = backlog.poll();
        if (line == null && follows) {
            line = ended ? live.poll() : live.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (line == null || line == END) {
            return Optional.empty();
        }
        return Optional.of(new LogMessage(buffer.name(), buffer.namespace(), line.instance(), line.timestamp(),
                line.text()));
    }

    @Override
    public boolean isEnded() {
        return backlog.isEmpty() && (!follows || ended && (live.isEmpty() || live.peek() == END));
    }

    @Override
    public void close() {
        if (follows) {
            buffer.unfollow(this);
        }
        end();
    }
}
