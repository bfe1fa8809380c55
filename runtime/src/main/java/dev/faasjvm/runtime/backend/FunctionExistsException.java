package dev.faasjvm.runtime.backend;

/** 409: a deploy named a function that already exists. */
public final class FunctionExistsException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public FunctionExistsException(String message) {
        super(message);
    }

    public FunctionExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
