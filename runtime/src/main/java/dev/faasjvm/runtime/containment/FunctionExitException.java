package dev.faasjvm.runtime.containment;

/**
 * Thrown where a function called {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt}: the runtime never ends because of one function. A call that ends with it
 * is answered 500 naming the function and the status it tried to exit with.
 */
public final class FunctionExitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int status;

    FunctionExitException(String function, String method, int status) {
        super("Function " + function + " called " + method + "(" + status + "); the runtime does not exit for a"
                + " function, so this call fails instead");
        this.function = function;
        this.status = status;
    }

    /** The function, as {@code name.namespace}. */
    public String function() {
        return function;
    }

    /** The status the function tried to exit with. */
    public int status() {
        return status;
    }

    /** The exception itself if it is one, or the first of its causes that is; else {@code null}. */
    public static FunctionExitException in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FunctionExitException) {
                return (FunctionExitException) cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
