package dev.faasjvm.api;

import java.io.OutputStream;

/**
 * The response of a {@link StreamingFunctionHandler}, written while the handler runs: set the
 * status and headers, then write the body to {@link #body()}.
 *
 * <p><b>Commit.</b> What is written to the body is held in a buffer (32 KiB). The response is
 * <em>committed</em>, its status and headers sent to the caller, at the first
 * {@link OutputStream#flush() flush} of the body or when the buffer fills; from then on the buffer
 * is sent at each flush and each time it fills. A response never committed is sent whole when the
 * handler returns, exactly as a {@link FunctionResponse} would be. Once committed, the status and
 * headers can no longer change: the setters throw {@link IllegalStateException}.
 *
 * <p><b>Failures.</b> A handler that throws, or runs past its {@code exec_timeout}, before the
 * response is committed gets the usual {@code 500} or {@code 504}. After the commit the caller has
 * its status already: the response is aborted instead (the connection is reset, so the caller sees
 * a truncated body, never a complete one), the call is counted with the status that was sent, and
 * the failure is logged. Writing to a response whose call has timed out throws
 * {@link java.io.IOException}.
 *
 * <p><b>Where it streams.</b> Calls to {@code /function/<name>} stream. Calls that have nowhere to
 * stream to (queued calls to {@code /async-function/<name>}, calls a node forwards to another,
 * calls through {@link FunctionHandler#handle(FunctionRequest)}) collect the whole response first:
 * nothing commits early and the setters always work.
 *
 * <p>A response stream belongs to one call and is meant to be used by the thread that runs it.
 */
public interface ResponseStream {

    /**
     * Sets the status, {@code 200} unless set.
     *
     * @param status the HTTP status, from 100 to 599
     * @throws IllegalArgumentException if the status is outside 100 to 599
     * @throws IllegalStateException if the response is already committed
     */
    void setStatus(int status);

    /**
     * Adds a value to a header; values already set for it stay.
     *
     * @param name the header's name
     * @param value the value to add
     * @throws IllegalStateException if the response is already committed
     * @throws NullPointerException if {@code name} or {@code value} is {@code null}
     */
    void addHeader(String name, String value);

    /**
     * Sets a header to one value, replacing the values set before (whatever the case of the name).
     *
     * @param name the header's name
     * @param value its value
     * @throws IllegalStateException if the response is already committed
     * @throws NullPointerException if {@code name} or {@code value} is {@code null}
     */
    void setHeader(String name, String value);

    /**
     * Whether the status and headers have been sent.
     *
     * @return true once the response is committed
     */
    boolean isCommitted();

    /**
     * The body. Each call returns the same stream; closing it flushes it. Writes block while the
     * caller is slower than the function.
     *
     * @return the stream to write the body to
     */
    OutputStream body();
}
