package dev.faasjvm.runtime.backend;

/** 503: the function exists but has no replica that can take the call. */
public final class NoReplicaAvailableException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public NoReplicaAvailableException(String message) {
        super(message);
    }

    public NoReplicaAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
