package dev.faasjvm.runtime.backend;

/** 429: every replica of the function is at its concurrency limit. */
public final class CapacityExceededException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public CapacityExceededException(String message) {
        super(message);
    }

    public CapacityExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
