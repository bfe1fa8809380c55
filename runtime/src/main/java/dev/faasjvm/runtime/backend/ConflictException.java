package dev.faasjvm.runtime.backend;

/**
 * 409: the request conflicts with what exists: a secret or namespace of that name already exists,
 * or a namespace to delete still holds functions or secrets. (A function that already exists is a
 * {@link FunctionExistsException}.)
 */
public final class ConflictException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
