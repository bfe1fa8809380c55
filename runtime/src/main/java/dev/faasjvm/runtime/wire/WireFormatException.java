package dev.faasjvm.runtime.wire;

/**
 * A request body that is not valid JSON for the expected wire type. The message is a plain,
 * sentence-case description that names the JSON field and is safe to send to an HTTP client as a
 * 400 body; it never contains a stack trace or a secret value.
 */
public final class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message is sent to the client as is. */
    public WireFormatException(String message) {
        super(message);
    }

    WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
