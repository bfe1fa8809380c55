package dev.faasjvm.runtime.backend;

/**
 * 500: a change could not be made durable (the state directory is read-only, full, or gone), so it
 * was not made at all: the running functions and the stored state are as they were. The message
 * says which function and why, and is safe to show to the client.
 */
public final class StateWriteException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public StateWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
