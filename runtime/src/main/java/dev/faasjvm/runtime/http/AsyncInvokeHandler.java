package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.async.AsyncQueue;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /async-function/{name}[.{namespace}][/{rest}]}, any method, as the OpenFaaS gateway
 * serves it, but without NATS: the call (method, path below the name, query, headers, body) goes
 * to the {@link AsyncQueue}, and the answer is {@code 202 Accepted} with {@code X-Call-Id} once it
 * is durable. An unknown function or namespace is a 404 at once and a body over the limit a 413;
 * nothing else is checked. The body is read and the 202 written without blocking the thread.
 * Thread-safe.
 */
final class AsyncInvokeHandler extends Handler.Abstract {
    static final String CALLBACK_URL = "X-Callback-Url";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate");

    private final AsyncQueue queue;
    private final int maxBodyBytes;

    AsyncInvokeHandler(AsyncQueue queue, int maxBodyBytes) {
        this.queue = queue;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String sent = request.getHeaders().get(InvokeHandler.CALL_ID);
        String callId = sent == null || sent.isBlank() ? InvokeHandler.newCallId() : sent;
        response.getHeaders().put(InvokeHandler.CALL_ID, callId);
        String[] target;
        try {
            target = target(request.getHttpURI().getPath());
        } catch (InvalidRequestException e) {
            ErrorResponses.writeForInvocation(response, callback, e);
            return true;
        }
        if (BodyReads.refuseOverLimit(request, response, callback, maxBodyBytes)) {
            return true;
        }
        Content.Source.asByteArrayAsync(request, maxBodyBytes).whenComplete((body, readFailure) -> {
            if (readFailure != null) {
                ErrorResponses.writeForInvocation(response, callback, Exchange.isOverLimit(readFailure)
                        ? new BodyTooLargeException(-1, maxBodyBytes) : readFailure);
                return;
            }
            String query = request.getHttpURI().getQuery();
            String callbackUrl = request.getHeaders().get(CALLBACK_URL);
            try {
                queue.submit(target[0], target[1], request.getMethod(), target[2], query == null ? "" : query,
                        headers(request, callId), body, callId, callbackUrl == null ? "" : callbackUrl.strip())
                        .whenComplete((call, failure) -> {
                            if (failure != null) {
                                ErrorResponses.writeForInvocation(response, callback, failure);
                            } else {
                                Exchange.empty(response, callback, 202);
                            }
                        });
            } catch (RuntimeException e) {
                ErrorResponses.writeForInvocation(response, callback, e);
            }
        });
        return true;
    }

    /** The request's headers, as the function will see them, with the call id it will run under. */
    private static Map<String, List<String>> headers(Request request, String callId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            if (!HOP_BY_HOP.contains(field.getName().toLowerCase(Locale.ROOT))) {
                headers.computeIfAbsent(field.getName(), ignored -> new ArrayList<>()).add(field.getValue());
            }
        }
        headers.put(InvokeHandler.CALL_ID, List.of(callId));
        return headers;
    }

    /**
     * Name, namespace and rest of {@code /async-function/echo.ns/a/b}: {@code echo}, {@code ns},
     * {@code /a/b}; the name is split on its last dot, as for {@code /function/*}.
     */
    static String[] target(String path) {
        String after = path.length() > Routes.ASYNC_FUNCTION.length() ? path.substring(Routes.ASYNC_FUNCTION.length())
                : "";
        int slash = after.indexOf('/');
        String qualified = slash < 0 ? after : after.substring(0, slash);
        String rest = slash < 0 ? "/" : after.substring(slash);
        if (qualified.isEmpty()) {
            throw new InvalidRequestException("Provide function name in the request path");
        }
        int dot = qualified.lastIndexOf('.');
        String namespace = dot < 0 || dot == qualified.length() - 1 ? ProviderBackend.DEFAULT_NAMESPACE
                : qualified.substring(dot + 1);
        return new String[] {dot < 0 ? qualified : qualified.substring(0, dot), namespace, rest};
    }
}
