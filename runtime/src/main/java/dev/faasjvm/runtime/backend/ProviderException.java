package dev.faasjvm.runtime.backend;

/**
 * The root of the failures a back-end reports; each subclass stands for one HTTP status, which
 * the HTTP layer maps in one place. Messages are sentence case, name the offending value, and are
 * sent to the client as they are.
 */
public abstract sealed class ProviderException extends RuntimeException
        permits FunctionNotFoundException, FunctionExistsException, InvalidRequestException,
                NotImplementedException, InvocationFailedException, CapacityExceededException,
                InvocationTimeoutException, NoReplicaAvailableException, NotFoundException,
                ConflictException, StateWriteException,
                StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    protected ProviderException(String message) {
        super(message);
    }

    protected ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
