package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.backend.FailureStatus;
import dev.faasjvm.runtime.backend.InvocationFailedException;
import dev.faasjvm.runtime.backend.NoReplicaAvailableException;
import dev.faasjvm.runtime.backend.ProviderException;
import dev.faasjvm.runtime.backend.StateWriteException;
import dev.faasjvm.runtime.wire.WireFormatException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Maps every failure to its HTTP status (the seam's through {@link FailureStatus}, the HTTP layer's
 * own here), and answers with the message as plain text
 * (faas-provider answers errors with plain text). Anything unexpected is a 500 whose details go to
 * the log, never to the client.
 */
final class ErrorResponses {
    /** Marks errors the provider generated, so callers can tell them from a function's (faas-provider v0.24.1). */
    static final String INTERNAL_HEADER = "X-OpenFaaS-Internal";

    private static final String RETRY_AFTER = "Retry-After";
    /** A 503 says "not now": a function still being restored, or replicas still starting. */
    private static final String RETRY_AFTER_SECONDS = "2";
    private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    static int statusOf(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ProviderException) {
            return FailureStatus.of((ProviderException) cause);
        }
        if (cause instanceof WireFormatException) {
            return 400;
        }
        if (cause instanceof BodyTooLargeException) {
            return 413;
        }
        if (cause instanceof BodyReads.ReadTimeoutException || cause instanceof TimeoutException) {
            return 408; // the body did not come in time (a plain TimeoutException is Jetty's idle timeout)
        }
        if (cause instanceof HttpException) { // bad framing, e.g. a bad chunk size (issue 10)
            int code = ((HttpException) cause).getCode();
            return code >= 400 && code < 500 ? code : 400;
        }
        if (isClientGone(cause)) {
            return 400; // nobody reads it: the client closed the connection mid-request
        }
        return 500;
    }

    /** Answers a system call's failure. */
    static void write(Response response, Callback callback, Throwable failure) {
        if (unwrap(failure) instanceof NoReplicaAvailableException) {
            response.getHeaders().put(RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        Exchange.text(response, callback, statusOf(failure), messageOf(failure));
    }

    /**
     * Answers an invocation's failure; every failure but the function's own exception is marked
     * as the provider's with {@value #INTERNAL_HEADER}.
     */
    static void writeForInvocation(Response response, Callback callback, Throwable failure) {
        if (!(unwrap(failure) instanceof InvocationFailedException)) {
            response.getHeaders().put(INTERNAL_HEADER, "proxy");
        }
        write(response, callback, failure);
    }

    static String messageOf(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StateWriteException) {
            LOG.log(Level.ERROR, cause.getMessage(), cause.getCause());
        }
        if (isClientGone(cause)) {
            LOG.log(Level.DEBUG, () -> "The client closed its connection mid-request: " + cause);
            return "The request ended early";
        }
        if (cause instanceof TimeoutException) {
            LOG.log(Level.DEBUG, () -> "A request body did not come in time: " + cause);
            return "The request body did not arrive in time";
        }
        if (cause instanceof HttpException) {
            return "Bad request: " + ((HttpException) cause).getReason();
        }
        if (statusOf(cause) == 500 && !(cause instanceof InvocationFailedException)
                && !(cause instanceof StateWriteException)) {
            LOG.log(Level.ERROR, "Unexpected failure", cause);
            return "Internal error in faas-jvm; see its log";
        }
        return cause.getMessage();
    }

    /** A client that closed its connection before its request was read: not the server's fault. */
    static boolean isClientGone(Throwable cause) {
        return cause instanceof EofException || cause instanceof java.nio.channels.ClosedChannelException;
    }

    static Throwable unwrap(Throwable failure) {
        return FailureStatus.unwrap(failure);
    }
}
