package dev.faasjvm.runtime.loader;

/**
 * A function could not be loaded: its artifact is missing or unusable, it holds no handler or
 * several, or its constructor threw. The message names the function or artifact and the cause,
 * and is meant for the client that asked for the deployment.
 */
public final class FunctionLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FunctionLoadException(String message) {
        super(message);
    }

    public FunctionLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
