package dev.faasjvm.runtime.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;

/**
 * Tells whether the client of a long, quiet HTTP/1 response has gone away. Why it exists: while a
 * request is being handled, Jetty 12 does not read its connection, so a client that closes a log
 * stream is noticed only at the next write, which may be minutes away (faas-provider's Go handler
 * learns of it at once through {@code CloseNotifier}). The probe reads the connection without
 * blocking: end of stream or an error means the client left; bytes mean it sent something a
 * streaming GET never expects, and the stream ends too. Only HTTP/1 connections are probed (an
 * HTTP/2 connection is shared by many requests). Used by one thread.
 */
final class ClientProbe {
    private final EndPoint endPoint;
    private final ByteBuffer scratch = BufferUtil.allocate(1);

    private ClientProbe(EndPoint endPoint) {
        this.endPoint = endPoint;
    }

    static ClientProbe of(Request request) {
        HttpVersion version = request.getConnectionMetaData().getHttpVersion();
        boolean http1 = version == HttpVersion.HTTP_1_1 || version == HttpVersion.HTTP_1_0;
        return new ClientProbe(http1 ? request.getConnectionMetaData().getConnection().getEndPoint() : null);
    }

    boolean isGone() {
        if (endPoint == null) {
            return false;
        }
        if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
            return true;
        }
        try {
            BufferUtil.clear(scratch);
            return endPoint.fill(scratch) != 0;
        } catch (IOException e) {
            return true;
        }
    }
}
