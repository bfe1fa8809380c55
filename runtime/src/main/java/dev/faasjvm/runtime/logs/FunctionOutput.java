package dev.faasjvm.runtime.logs;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the output of one generation of a function goes: the function's {@link LogBuffer}, tagged
 * with the replica that printed, and the runtime's own output with a prefix. The registry gets one
 * per generation from {@link FunctionLogs#attach}, tags each replica thread with
 * {@link #tagCurrentThread(String)}, and closes it when the generation retires. Thread-safe.
 */
public final class FunctionOutput implements AutoCloseable {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final OutputCapture capture;
    private final ClassLoader loader;
    private final LogBuffer buffer;
    private final Clock clock;
    private final String generationInstance;
    private final String prefix;
    /** What the function's own System.setOut / setErr asked for, or null for the routed streams. */
    private volatile java.io.PrintStream ownOut;
    private volatile java.io.PrintStream ownErr;

    FunctionOutput(OutputCapture capture, ClassLoader loader, LogBuffer buffer, Clock clock,
            String generationInstance) {
        this.capture = capture;
        this.loader = loader;
        this.buffer = buffer;
        this.clock = clock;
        this.generationInstance = generationInstance;
        this.prefix = "[" + buffer.name() + "." + buffer.namespace() + " ";
    }

    /**
     * Marks the calling thread, and the threads it starts from now on, as a replica's: their lines
     * carry {@code instance}. Call it first thing on each replica thread.
     */
    public void tagCurrentThread(String instance) {
        capture.tag(this, instance);
    }

    /** Unique in this JVM, so a replica tag can name its output without holding it. */
    long id() {
        return id;
    }

    /** The instance of lines from threads of this generation that no replica tagged. */
    String generationInstance() {
        return generationInstance;
    }

    void replace(boolean isErr, java.io.PrintStream stream) {
        if (isErr) {
            ownErr = stream;
        } else {
            ownOut = stream;
        }
    }

    /** The stream the function set in place of standard output or error, or {@code null}. */
    java.io.PrintStream own(boolean isErr) {
        return isErr ? ownErr : ownOut;
    }

    /** Keeps one complete line and echoes it, prefixed, to the runtime's own output. */
    void line(String instance, String text, boolean toStandardError) {
        buffer.append(new LogLine(clock.instant(), instance, text));
        capture.echo(prefix + instance + "] " + text, toStandardError);
    }

    /** Stops attributing the generation's threads to the function; they print as the runtime again. */
    @Override
    public void close() {
        capture.unregister(loader, this);
    }
}
