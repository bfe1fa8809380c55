package dev.faasjvm.runtime.backend;

/**
 * 404: the secret or namespace a request names does not exist. A missing function is a
 * {@link FunctionNotFoundException}, which an invocation also marks as the provider's own answer.
 */
public final class NotFoundException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
