package dev.faasjvm.runtime.backend;

/** 404: the named function (or namespace member) does not exist. */
public final class FunctionNotFoundException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public FunctionNotFoundException(String message) {
        super(message);
    }

    public FunctionNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
