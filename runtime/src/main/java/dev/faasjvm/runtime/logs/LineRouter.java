package dev.faasjvm.runtime.logs;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * The byte stream under a routed {@code System.out} or {@code System.err}. Bytes a function's
 * thread writes are collected per thread until a line is complete, then handed whole to the
 * function's {@link FunctionOutput}, so lines of concurrent calls never mix mid-line; bytes of
 * other threads pass straight through to the original stream. A line longer than
 * {@value #MAX_LINE} bytes is cut there. Thread-safe: the pending bytes are per thread.
 */
final class LineRouter extends OutputStream {
    static final int MAX_LINE = 64 * 1024;

    private final OutputCapture capture;
    private final PrintStream original;
    private final Charset charset;
    private final boolean isErr;
    private final ThreadLocal<Pending> pending = new ThreadLocal<>();
    /** Set while a thread writes to its function's own stream, so a stream that wraps System.out cannot loop. */
    private static final ThreadLocal<Boolean> IN_OWN_STREAM = new ThreadLocal<>();

    LineRouter(OutputCapture capture, PrintStream original, Charset charset, boolean isErr) {
        this.capture = capture;
        this.original = original;
        this.charset = charset;
        this.isErr = isErr;
    }

    @Override
    public void write(int b) {
        FunctionOutput output = capture.current();
        if (output == null) {
            flushPending();
            original.write(b);
            return;
        }
        if (toOwnStream(output, new byte[] {(byte) b}, 0, 1)) {
            return;
        }
        Pending line = pendingFor(output);
        line.add((byte) b, this);
        line.releaseIfEmpty();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        FunctionOutput output = capture.current();
        if (output == null) {
            flushPending();
            original.write(bytes, offset, length);
            return;
        }
        if (toOwnStream(output, bytes, offset, length)) {
            return;
        }
        Pending line = pendingFor(output);
        for (int i = offset; i < offset + length; i++) {
            line.add(bytes[i], this);
        }
        line.releaseIfEmpty();
    }

    /** Writes to the stream the function set with System.setOut or setErr, if it set one; answers whether it did. */
    private boolean toOwnStream(FunctionOutput output, byte[] bytes, int offset, int length) {
        java.io.PrintStream own = output.own(isErr);
        if (own == null || IN_OWN_STREAM.get() != null) {
            return false;
        }
        IN_OWN_STREAM.set(Boolean.TRUE);
        try {
            own.write(bytes, offset, length);
            own.flush();
        } finally {
            IN_OWN_STREAM.remove();
        }
        return true;
    }

    @Override
    public void flush() {
        original.flush();
    }

    /** The current thread's pending line for {@code output}; a line begun for another output is ended first. */
    private Pending pendingFor(FunctionOutput output) {
        String instance = capture.instanceOf(output);
        Pending line = pending.get();
        if (line == null) {
            line = new Pending();
            pending.set(line);
        } else if (line.output != null && (line.output != output || !line.instance.equals(instance))) {
            line.emit(this);
        }
        line.output = output;
        line.instance = instance;
        return line;
    }

    /** A thread that printed part of a line for a function now prints as the runtime: end that line. */
    private void flushPending() {
        Pending line = pending.get();
        if (line != null && line.output != null) {
            line.emit(this);
        }
    }

    private void deliver(FunctionOutput output, String instance, byte[] bytes, int length) {
        int end = length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
        output.line(instance, new String(bytes, 0, end, charset), isErr);
    }

    /**
     * One thread's incomplete line and whose it is; {@code output} is set during a write and kept
     * only while a line stays open after it, so an idle thread holds no reference to a function. Touched by its own
     * thread only.
     */
    private static final class Pending {
        private byte[] bytes = new byte[128];
        private int length;
        private FunctionOutput output;
        private String instance = "";

        void add(byte b, LineRouter router) {
            if (b == '\n') {
                emit(router);
                return;
            }
            if (length == bytes.length) {
                if (length >= MAX_LINE) {
                    emit(router);
                } else {
                    bytes = Arrays.copyOf(bytes, Math.min(MAX_LINE, length * 2));
                }
            }
            bytes[length++] = b;
        }

        /** Hands the line over, even an empty one (a bare {@code println()}), and starts afresh. */
        void emit(LineRouter router) {
            router.deliver(output, instance, bytes, length);
            length = 0;
            if (bytes.length > 1024) {
                bytes = new byte[128]; // one long line should not pin its buffer for the thread's life
            }
        }

        /** At the end of a write that completed its line, forgets whose line it was. */
        void releaseIfEmpty() {
            if (length == 0) {
                output = null;
            }
        }
    }

    /** The routed {@code PrintStream}; a class of its own so that {@link OutputCapture} can recognise it. */
    static final class Stream extends PrintStream {
        Stream(LineRouter router, Charset charset) {
            super(router, true, charset);
        }
    }
}
