package dev.faasjvm.runtime.backend;

import dev.faasjvm.runtime.wire.LogMessage;
import java.time.Duration;
import java.util.Optional;

/**
 * The answer to a {@link LogRequest}: the buffered lines that match it, then, if it follows, each
 * new line as the function prints it. One reader at a time; {@link #close()} may come from any
 * thread and frees what the stream holds.
 */
public interface LogStream extends AutoCloseable {

    /**
     * The next message, waiting at most {@code wait} for one.
     *
     * @return the message, or empty when none came in time or the stream has ended
     * @throws InterruptedException if the reading thread is interrupted while waiting
     */
    Optional<LogMessage> next(Duration wait) throws InterruptedException;

    /**
     * Whether no message will ever come: a stream that does not follow has handed out its buffered
     * lines, or the function was deleted, or the stream was closed.
     */
    boolean isEnded();

    /** Stops the stream and releases its subscription; safe to call twice. */
    @Override
    void close();
}
