package dev.faasjvm.runtime.backend;

/** 400: the request is malformed or names something unusable; the message says which field and why. */
public final class InvalidRequestException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
