package dev.faasjvm.runtime.platform;

import dev.faasjvm.api.FunctionRequest;

/**
 * What a platform's request shows of the connection a call came over, which faas-jvm's own
 * {@link FunctionRequest} does not: the runtime's requests implement it, and requests that do not
 * (a test's own) count as HTTP/1.1 from an unknown address.
 */
public interface CallOrigin {
    /** The HTTP version, e.g. {@code HTTP/1.1}. */
    String protocol();

    /** The IP address of the connection's other end, empty when unknown. */
    String remoteAddress();

    /** The protocol of {@code request}. */
    static String protocolOf(FunctionRequest request) {
        return request instanceof CallOrigin ? ((CallOrigin) request).protocol() : "HTTP/1.1";
    }

    /** The remote address of {@code request}, empty when unknown. */
    static String remoteAddressOf(FunctionRequest request) {
        return request instanceof CallOrigin ? ((CallOrigin) request).remoteAddress() : "";
    }
}
