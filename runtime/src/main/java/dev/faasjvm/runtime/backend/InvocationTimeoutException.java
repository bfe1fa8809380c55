package dev.faasjvm.runtime.backend;

/** 504: the function ran past its execution timeout. */
public final class InvocationTimeoutException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public InvocationTimeoutException(String message) {
        super(message);
    }

    public InvocationTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
