package dev.faasjvm.runtime.streaming;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.api.ResponseStream;
import dev.faasjvm.runtime.backend.ResponseSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link ResponseStream} of one call: holds status, headers and up to {@link #BUFFER} bytes of
 * body; at the first flush, or when the buffer fills, commits them to the call's {@link ResponseSink}
 * and from then on sends the buffer at each flush and whenever it fills. A call whose sink is
 * {@link ResponseSink#NONE} never commits and is collected whole. Used by the thread running the call.
 */
public final class SinkResponseStream implements ResponseStream {
    /** As much as a servlet container buffers by default (Jetty's 32 KiB), as Google's invoker does. */
    static final int BUFFER = 32 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final ResponseSink sink;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Body body = new Body();
    private int status = 200;
    private boolean committed;
    private byte[] pending = EMPTY;
    private int count;

    public SinkResponseStream(ResponseSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void setStatus(int newStatus) {
        if (newStatus < 100 || newStatus > 599) {
            throw new IllegalArgumentException("Status must be from 100 to 599, not " + newStatus);
        }
        checkNotCommitted("status");
        status = newStatus;
    }

    @Override
    public void addHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        checkNotCommitted("header " + name);
        headers.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
    }

    @Override
    public void setHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        checkNotCommitted("header " + name);
        headers.keySet().removeIf(name::equalsIgnoreCase);
        headers.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public OutputStream body() {
        return body;
    }

    /**
     * When the handler has returned: the whole response if it never committed; else the rest of
     * the body is sent and the answer is the committed status and headers with an empty body (the
     * HTTP layer, which sees the sink committed, only ends the stream).
     */
    public FunctionResponse finish() throws IOException {
        if (!committed) {
            return new FunctionResponse(status, headers, count == pending.length ? pending : Arrays.copyOf(pending, count));
        }
        send();
        return new FunctionResponse(status, headers, EMPTY);
    }

    private void checkNotCommitted(String what) {
        if (committed) {
            throw new IllegalStateException("Cannot set the " + what + ": the response is already committed"
                    + " (its status and headers were sent at the first flush or when its buffer filled)");
        }
    }

    private void append(byte[] bytes, int offset, int length) throws IOException {
        if (sink.streams() && count + length > BUFFER) {
            send();
            if (length >= BUFFER) {
                sink.write(bytes, offset, length);
                return;
            }
        }
        if (count + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(count + length, Math.max(256, pending.length * 2)));
        }
        System.arraycopy(bytes, offset, pending, count, length);
        count += length;
    }

    /** Commits if not yet done, then sends what is buffered (at the commit even nothing, to send the head). */
    private void send() throws IOException {
        if (!committed) {
            if (!sink.commit(status, headers)) {
                throw new IOException("The call has already been answered (it ran past its exec_timeout):"
                        + " nothing more can be sent");
            }
            committed = true;
        } else if (count == 0) {
            return;
        }
        sink.write(pending, 0, count);
        count = 0;
    }

    /** The body: buffered; a flush commits when the call streams, and does nothing when it does not. */
    private final class Body extends OutputStream {
        private final byte[] one = new byte[1];

        @Override
        public void write(int b) throws IOException {
            one[0] = (byte) b;
            append(one, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            append(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            if (sink.streams()) {
                send();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
