package dev.faasjvm.runtime.backend;

/** 500: the function threw; the message is short and safe to show to a caller. */
public final class InvocationFailedException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public InvocationFailedException(String message) {
        super(message);
    }

    public InvocationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
