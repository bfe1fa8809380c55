package dev.faasjvm.runtime.state;

/** The state directory cannot be used at all: it cannot be created, or another runtime holds it. */
public final class StateDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StateDirectoryException(String message) {
        super(message);
    }
}
