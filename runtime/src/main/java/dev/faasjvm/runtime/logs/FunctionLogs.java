package dev.faasjvm.runtime.logs;

import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.backend.LogStream;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logs of one runtime's functions: a {@link LogBuffer} per function, kept from its deploy to
 * its delete (so across updates), fed by the {@link FunctionOutput} of each generation through the
 * {@link OutputCapture}, and read by {@link #stream(LogRequest)}. Thread-safe.
 */
public final class FunctionLogs {
    /** Lines a following reader may fall behind by before it loses lines. */
    static final int LIVE_CAPACITY = 4096;

    private final int linesPerFunction;
    private final Clock clock;
    private final OutputCapture capture;
    private final ConcurrentHashMap<Key, LogBuffer> buffers = new ConcurrentHashMap<>();

    /**
     * Logs that keep the last {@code linesPerFunction} lines of each function.
     *
     * @param capture where the functions' threads print; {@link OutputCapture#global()} outside tests
     */
    public FunctionLogs(int linesPerFunction, Clock clock, OutputCapture capture) {
        if (linesPerFunction < 1) {
            throw new IllegalArgumentException("linesPerFunction must be at least 1, not " + linesPerFunction);
        }
        this.linesPerFunction = linesPerFunction;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capture = Objects.requireNonNull(capture, "capture");
    }

    /**
     * Routes what the threads of one generation print to the function's log, creating the log if
     * the function has none yet. Call it before any code of the generation runs; close the result
     * when the generation retires.
     *
     * @param generationInstance the instance of lines from threads no replica tagged, e.g. {@code echo-3}
     * @param loader the generation's class loader, the context loader of its threads
     */
    public FunctionOutput attach(String name, String namespace, String generationInstance, ClassLoader loader) {
        return attach(name, namespace, generationInstance, loader, true);
    }

    /**
     * As {@link #attach(String, String, String, ClassLoader)}; {@code ownLoader} false for a function
     * that runs in a class loader it shares (a {@code class:} image runs in the application's): then
     * only its replica threads, and the threads they start, print to its log, not every thread of
     * that loader, such as the test that deployed it.
     */
    public FunctionOutput attach(String name, String namespace, String generationInstance, ClassLoader loader,
            boolean ownLoader) {
        LogBuffer buffer = buffers.computeIfAbsent(new Key(name, namespace),
                key -> new LogBuffer(name, namespace, linesPerFunction));
        FunctionOutput output = new FunctionOutput(capture, loader, buffer, clock, generationInstance);
        if (ownLoader) {
            capture.register(loader, output);
        } else {
            capture.registerTaggedOnly(output);
        }
        return output;
    }

    /** Forgets a deleted function's log and ends the streams that follow it. */
    public void remove(String name, String namespace) {
        LogBuffer buffer = buffers.remove(new Key(name, namespace));
        if (buffer != null) {
            buffer.close();
        }
    }

    /**
     * The lines of a function that match {@code request}, and new ones if it follows.
     *
     * @throws FunctionNotFoundException if the function has no log (it does not exist)
     */
    public LogStream stream(LogRequest request) {
        LogBuffer buffer = buffers.get(new Key(request.name(), request.namespace()));
        if (buffer == null) {
            throw new FunctionNotFoundException("Function \"" + request.name() + "\" not found in namespace \""
                    + request.namespace() + "\"");
        }
        return buffer.open(request, LIVE_CAPACITY);
    }

    /** How many streams follow a function's log now; 0 when it has none or does not exist. */
    public int followers(String name, String namespace) {
        LogBuffer buffer = buffers.get(new Key(name, namespace));
        return buffer == null ? 0 : buffer.followerCount();
    }

    private record Key(String name, String namespace) {
    }
}
