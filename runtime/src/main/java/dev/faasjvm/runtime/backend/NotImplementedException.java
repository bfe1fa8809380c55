package dev.faasjvm.runtime.backend;

/** 501: this provider does not offer the operation (yet). */
public final class NotImplementedException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public NotImplementedException(String message) {
        super(message);
    }

    public NotImplementedException(String message, Throwable cause) {
        super(message, cause);
    }
}
