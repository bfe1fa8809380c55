package dev.faasjvm.runtime.http;

import java.time.Duration;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * HTTP/1.1 connections whose request headers must arrive within the read timeout: Jetty's own
 * connections bound a request's headers only by the connector's idle timeout, which every byte
 * resets, so a client sending its request line a byte a second kept a connection forever (issue 10).
 * See {@link HeadersDeadlineConnection}.
 */
final class HeadersDeadlineConnectionFactory extends HttpConnectionFactory {
    private final Duration readTimeout;

    /** Headers must arrive within {@code readTimeout} of a request's first byte; none when zero. */
    HeadersDeadlineConnectionFactory(HttpConfiguration config, Duration readTimeout) {
        super(config);
        this.readTimeout = readTimeout;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        if (readTimeout.isZero()) {
            return super.newConnection(connector, endPoint);
        }
        HeadersDeadlineConnection connection = new HeadersDeadlineConnection(getHttpConfiguration(), connector,
                endPoint, readTimeout);
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }
}
