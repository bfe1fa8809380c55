package dev.faasjvm.api;

/**
 * A function: turns one request into one response.
 *
 * <p>The runtime creates one instance per replica, through a public constructor that takes either
 * no arguments or a single {@link FunctionContext}. The constructor runs on the replica's own
 * thread with the function's class loader as the thread's context class loader; if it throws, the
 * deployment fails and the client is told why.
 *
 * <p><b>Concurrency.</b> Like a servlet, one instance serves many calls at once: up to the
 * replica's {@code max_inflight} calls run concurrently on the replica's worker threads. Keep
 * per-call state in local variables, and make shared fields thread-safe.
 *
 * <p><b>Lifecycle.</b> An instance that also implements {@link AutoCloseable} is closed when its
 * replica retires (scale-down, update, delete), after its in-flight calls have finished. An
 * exception from {@code close()} is logged and otherwise ignored.
 */
@FunctionalInterface
public interface FunctionHandler {

    /**
     * Handles one call.
     *
     * <p>Any exception (or error) thrown here becomes a {@code 500} response with a short body; it
     * is logged once with the function's name and never affects other calls. A call that runs
     * past the function's {@code exec_timeout} is answered with {@code 504} and its thread is
     * interrupted: long-running work should respond to interruption, and may read
     * {@link FunctionRequest#deadline()} to stop in time.
     *
     * @param request the call; valid only until this method returns
     * @return the response to send; never {@code null}
     * @throws Exception any failure, reported to the caller as {@code 500}
     */
    FunctionResponse handle(FunctionRequest request) throws Exception;
}
