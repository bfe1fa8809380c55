package com.openfaas.function;

import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import com.openfaas.model.Response;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenFaaS {@code java11} template's function, as the template writes it ({@code function/src/main/java/
 * com/openfaas/function/Handler.java}), answering what it was given: the body, the raw path and
 * query, a query parameter and every header, one per line. {@code ?status=} and {@code ?type=} set
 * the response's status and content type.
 */
public class Handler extends com.openfaas.model.AbstractHandler {

    public IResponse Handle(IRequest req) {
        Response res = new Response();
        StringBuilder body = new StringBuilder()
                .append("body=").append(req.getBody()).append('\n')
                .append("path=").append(req.getPathRaw()).append('\n')
                .append("query=").append(req.getQueryRaw()).append('\n')
                .append("name=").append(req.getQuery().get("name")).append('\n');
        for (Map.Entry<String, String> header : new TreeMap<>(req.getHeaders()).entrySet()) {
            body.append("header.").append(header.getKey()).append('=').append(header.getValue()).append('\n');
        }
        res.setBody(body.toString());
        String status = req.getQuery().get("status");
        if (status != null) {
            res.setStatusCode(Integer.parseInt(status));
        }
        String type = req.getQuery().get("type");
        if (type != null) {
            res.setContentType(type);
        }
        res.setHeader("X-Handled-By", "openfaas-template");
        return res;
    }
}
