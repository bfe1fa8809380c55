package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.async.AsyncCall;
import dev.faasjvm.runtime.async.AsyncQueue;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.NotFoundException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * faas-jvm's own {@code /system/async} (no faas-provider counterpart; behind basic auth like every
 * {@code /system/*} route): {@code GET} answers each function's queue (depth, running, oldest call)
 * and every dead letter with its last status and body excerpt; {@code POST /system/async/replay/{id}}
 * puts a dead letter back in its queue (202 with its {@code X-Call-Id}); {@code DELETE
 * /system/async/dead-letters/{id}} deletes one (204). Thread-safe.
 */
final class SystemAsyncHandler extends Handler.Abstract {
    static final String REPLAY = "/replay/";
    static final String DEAD_LETTERS = "/dead-letters/";

    private final AsyncQueue queue;

    SystemAsyncHandler(AsyncQueue queue) {
        this.queue = queue;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String rest = Exchange.pathAfter(request, Routes.SYSTEM_ASYNC);
        String method = request.getMethod();
        try {
            if (rest.isEmpty() || rest.equals("/")) {
                if (!"GET".equals(method)) {
                    return Exchange.methodNotAllowed(request, response, callback, "GET");
                }
                Exchange.json(response, callback, 200, queue.overview());
            } else if (rest.startsWith(REPLAY)) {
                if (!"POST".equals(method)) {
                    return Exchange.methodNotAllowed(request, response, callback, "POST");
                }
                AsyncCall call = queue.replay(id(rest.substring(REPLAY.length())));
                response.getHeaders().put(InvokeHandler.CALL_ID, call.callId());
                Exchange.empty(response, callback, 202);
            } else if (rest.startsWith(DEAD_LETTERS)) {
                if (!"DELETE".equals(method)) {
                    return Exchange.methodNotAllowed(request, response, callback, "DELETE");
                }
                queue.forget(id(rest.substring(DEAD_LETTERS.length())));
                Exchange.empty(response, callback, 204);
            } else {
                throw new NotFoundException("No route " + Routes.SYSTEM_ASYNC + rest + "; use " + Routes.SYSTEM_ASYNC
                        + ", " + Routes.SYSTEM_ASYNC + REPLAY + "{id} or " + Routes.SYSTEM_ASYNC + DEAD_LETTERS + "{id}");
            }
        } catch (RuntimeException e) {
            ErrorResponses.write(response, callback, e);
        }
        return true;
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Dead letter id must be a number (the \"id\" of GET "
                    + Routes.SYSTEM_ASYNC + "), not \"" + text + "\"");
        }
    }
}
