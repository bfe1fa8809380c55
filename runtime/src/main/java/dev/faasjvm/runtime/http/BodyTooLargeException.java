package dev.faasjvm.runtime.http;

/** A request body is larger than the configured limit: answered with 413 before any handler runs. */
final class BodyTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long length, int maxBytes) {
        super(length < 0
                ? "Request body is larger than the limit of " + maxBytes + " bytes"
                : "Request body of " + length + " bytes is larger than the limit of " + maxBytes + " bytes");
    }
}
