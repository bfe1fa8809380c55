package dev.faasjvm.samples.inspect;

import dev.faasjvm.api.FunctionContext;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers with JSON describing what it received (method, path, query, headers, body length) and
 * its context (name, namespace, replica, env). The JSON is written by hand: the sample bundles no
 * library.
 */
public final class Inspect implements FunctionHandler {
    private final FunctionContext context;

    public Inspect(FunctionContext context) {
        this.context = context;
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) {
        Map<String, Object> out = new TreeMap<>();
        out.put("method", request.method());
        out.put("path", request.path());
        out.put("rawQuery", request.rawQuery());
        out.put("query", request.queryParameters());
        out.put("headers", new TreeMap<>(request.headers()));
        out.put("bodyLength", request.body().length);
        out.put("callId", request.callId());
        out.put("deadline", request.deadline().map(Object::toString).orElse(""));
        out.put("name", context.functionName());
        out.put("namespace", context.namespace());
        out.put("replica", context.replicaId());
        out.put("env", new TreeMap<>(context.env()));
        out.put("contextIsInjected", context == request.context());
        return FunctionResponse.json(Json.write(out));
    }
}
