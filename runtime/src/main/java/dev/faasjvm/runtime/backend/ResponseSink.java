package dev.faasjvm.runtime.backend;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where a call's response can be sent while the function still runs: the caller's connection.
 * The HTTP layer gives one with each call to {@code /function/*}; calls with nowhere to stream to
 * (queued, forwarded, embedded) carry {@link #NONE} and are collected whole. Used by the thread
 * running the call, except {@link #committedStatus()}, which any thread may read.
 */
public interface ResponseSink {

    /** No connection to stream to: the response is collected and sent when the function returns. */
    ResponseSink NONE = new ResponseSink() {
        @Override
        public boolean commit(int status, Map<String, List<String>> headers) {
            return false;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            throw new IOException("This call has no connection to stream to");
        }

        @Override
        public int settle() {
            return 0;
        }
    };

    /** Whether a commit can send anything: false for {@link #NONE}. */
    default boolean streams() {
        return this != NONE;
    }

    /**
     * Sends the status and headers. False when the call has already been answered (it timed out)
     * or has nowhere to stream to; then nothing was sent.
     */
    boolean commit(int status, Map<String, List<String>> headers);

    /** Sends part of the body after {@link #commit}, waiting until the connection has taken it. */
    void write(byte[] bytes, int offset, int length) throws IOException;

    /**
     * Fixes the outcome once the call has completed, from any thread, so that everyone who reports
     * on the call agrees: the status the function committed, or 0 when it committed nothing, and
     * then no commit can succeed any more (the caller gets the runtime's answer). Idempotent.
     */
    int settle();
}
