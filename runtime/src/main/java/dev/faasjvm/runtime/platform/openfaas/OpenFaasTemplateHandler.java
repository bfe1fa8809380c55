package dev.faasjvm.runtime.platform.openfaas;

import com.openfaas.model.IHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import com.openfaas.model.Request;
import com.sun.net.httpserver.Headers;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Calls an OpenFaaS template handler as the template's {@code App.InvokeHandler} does. What the
 * function sees: the body as UTF-8, read only for {@code POST} (empty otherwise); the first value of
 * each header, under the name the JDK's {@code HttpServer} gives it ({@code Content-type}); the raw
 * query ({@code null} when there is none); the decoded path below the function name. What the
 * caller gets: the response's status (200 unless set), {@code Content-Type} only when the handler set a
 * non-empty one, the handler's headers (also under {@code HttpServer}'s names), and the body as UTF-8.
 * Thread-safe if the handler is, as in the template, where one instance serves every request.
 */
public final class OpenFaasTemplateHandler implements FunctionHandler {
    private final IHandler handler;

    private OpenFaasTemplateHandler(IHandler handler) {
        this.handler = handler;
    }

    /** Wraps one instance of the template's handler class. */
    public static OpenFaasTemplateHandler of(Object handler) {
        return new OpenFaasTemplateHandler((IHandler) Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) {
        String body = request.method().equalsIgnoreCase("POST")
                ? new String(request.body(), StandardCharsets.UTF_8) : "";
        IRequest templateRequest = new Request(body, firstValues(request.headers()),
                request.rawQuery().isEmpty() ? null : request.rawQuery(), decodedPath(request.path()));
        IResponse response = handler.Handle(templateRequest);
        return answer(response);
    }

    /** The first value of each header, keyed as {@code com.sun.net.httpserver.Headers} keys it. */
    private static Map<String, String> firstValues(Map<String, List<String>> headers) {
        Headers normalized = new Headers();
        headers.forEach((name, values) -> values.forEach(value -> normalized.add(name, value)));
        Map<String, String> first = new HashMap<>();
        for (Map.Entry<String, List<String>> header : normalized.entrySet()) {
            if (!header.getValue().isEmpty()) {
                first.put(header.getKey(), header.getValue().get(0));
            }
        }
        return first;
    }

    /** {@code URI.getPath()}, as the entrypoint reads it; a path that is no valid URI path stays raw. */
    private static String decodedPath(String rawPath) {
        try {
            return URI.create("http://function" + rawPath).getPath();
        } catch (IllegalArgumentException e) {
            return rawPath;
        }
    }

    private static FunctionResponse answer(IResponse response) {
        byte[] body = response.getBody().getBytes(StandardCharsets.UTF_8);
        Headers headers = new Headers();
        String contentType = response.getContentType();
        if (contentType.length() > 0) {
            headers.set("Content-Type", contentType);
        }
        for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach(copy::put);
        return new FunctionResponse(response.getStatusCode(), copy, body);
    }
}
