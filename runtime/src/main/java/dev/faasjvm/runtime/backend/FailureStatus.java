package dev.faasjvm.runtime.backend;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The HTTP status each failure of the seam stands for, in one place for every client of the seam
 * (the HTTP layer, the async queue), and the unwrapping of the futures that carry them. Stateless.
 */
public final class FailureStatus {
    private FailureStatus() {
    }

    /** The failure inside {@code CompletionException}s and {@code ExecutionException}s. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The status of a back-end's failure; 500 for a failed write and for the function's own exception. */
    public static int of(ProviderException failure) {
        if (failure instanceof InvalidRequestException) {
            return 400;
        }
        if (failure instanceof FunctionNotFoundException || failure instanceof NotFoundException) {
            return 404;
        }
        if (failure instanceof FunctionExistsException || failure instanceof ConflictException) {
            return 409;
        }
        if (failure instanceof CapacityExceededException) {
            return 429;
        }
        if (failure instanceof NotImplementedException) {
            return 501;
        }
        if (failure instanceof NoReplicaAvailableException || failure instanceof StoreUnavailableException) {
            return 503;
        }
        if (failure instanceof InvocationTimeoutException) {
            return 504;
        }
        return 500; // InvocationFailedException, StateWriteException
    }
}
