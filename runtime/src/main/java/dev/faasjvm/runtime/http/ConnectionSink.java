package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.ResponseSink;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * The caller's connection as a call's {@link ResponseSink}: a streaming function commits its
 * status and headers here and writes its body from its replica thread, each write blocking that
 * thread (never a Jetty one) until the connection has taken the bytes. Who ends the exchange is
 * decided once, by {@link #settle()}: a call that committed is ended here (or aborted when it
 * failed after the commit); one that did not is answered by {@link InvokeHandler} as any other.
 * Thread-safe.
 */
final class ConnectionSink implements ResponseSink {
    private static final System.Logger LOG = System.getLogger(ConnectionSink.class.getName());
    private static final int OPEN = 0;
    private static final int SETTLED = -1;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long startNanos;
    /** OPEN, SETTLED (the runtime answers), or the status the function committed. */
    private final AtomicInteger state = new AtomicInteger(OPEN);

    ConnectionSink(Request request, Response response, Callback callback, long startNanos) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.startNanos = startNanos;
    }

    @Override
    public boolean commit(int status, Map<String, List<String>> headers) {
        if (!state.compareAndSet(OPEN, status)) {
            return false;
        }
        response.getHeaders().put(InvokeHandler.DURATION, InvokeHandler.seconds(System.nanoTime() - startNanos));
        InvokeHandler.head(request, response, status, headers);
        return true;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(bytes, offset, length), written);
            written.block();
        }
    }

    @Override
    public int settle() {
        state.compareAndSet(OPEN, SETTLED);
        int now = state.get();
        return now == SETTLED ? 0 : now;
    }

    /** After {@link #settle()} found the response committed: ends the body, or cuts it off on a failure. */
    void end(Throwable failure, String functionName, String callId) {
        if (failure == null) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        Throwable cause = ErrorResponses.unwrap(failure);
        LOG.log(Level.WARNING, () -> "Function " + functionName + ": call " + callId + " failed after its status "
                + state.get() + " was sent; the response is aborted: " + cause.getMessage());
        callback.failed(cause);
    }
}
