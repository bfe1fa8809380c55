package dev.faasjvm.api;

/**
 * A function that writes its response as it goes, for answers that are large or come in parts
 * (progress, server-sent events, a file read in pieces): its caller receives the first part while
 * it still works on the next. See {@link ResponseStream} for when the response is committed and
 * what a failure after that does.
 *
 * <p>Everything {@link FunctionHandler} says about construction, concurrency, lifecycle and
 * timeouts holds here too. A function that declares it never blocks (deployment annotation
 * {@code dev.faasjvm.never-blocks} or manifest attribute {@code FaaS-Never-Blocks}) still runs its streaming calls on its replicas' own threads, because
 * a write waits for the caller.
 *
 * <pre>{@code
 * public final class Countdown implements StreamingFunctionHandler {
 *     @Override
 *     public void handle(FunctionRequest request, ResponseStream response) throws IOException {
 *         response.setHeader("Content-Type", "text/plain");
 *         OutputStream body = response.body();
 *         for (int i = 3; i > 0; i--) {
 *             body.write((i + "\n").getBytes(StandardCharsets.UTF_8));
 *             body.flush(); // sends status, headers and this line now
 *         }
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StreamingFunctionHandler extends FunctionHandler {

    /**
     * Handles one call, writing its response to {@code response}.
     *
     * @param request the call; valid only until this method returns
     * @param response where to write the answer; valid only until this method returns
     * @throws Exception any failure: a {@code 500} before the response is committed, an aborted
     *     response after
     */
    void handle(FunctionRequest request, ResponseStream response) throws Exception;

    /**
     * Handles one call and collects the whole response: what the runtime does when the call has
     * nowhere to stream to, and a convenient way to test a streaming function.
     *
     * @param request the call
     * @return everything the handler wrote, as one response
     * @throws Exception whatever the handler threw
     */
    @Override
    default FunctionResponse handle(FunctionRequest request) throws Exception {
        CollectedResponse response = new CollectedResponse();
        handle(request, response);
        return response.toResponse();
    }
}
