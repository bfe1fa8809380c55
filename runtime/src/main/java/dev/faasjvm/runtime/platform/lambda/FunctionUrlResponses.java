package dev.faasjvm.runtime.platform.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.api.FunctionResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a Lambda function's result to the HTTP response a function URL sends: a JSON object with a
 * {@code statusCode} gives the status, {@code headers}, {@code cookies} (as {@code Set-Cookie}) and
 * {@code body} (base64-decoded when {@code isBase64Encoded}); any other result is a 200 whose
 * {@code application/json} body is the result's JSON as the function wrote it. Stateless.
 */
final class FunctionUrlResponses {
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

    private FunctionUrlResponses() {
    }

    static FunctionResponse of(byte[] result, ObjectMapper mapper) {
        JsonNode tree;
        try {
            tree = mapper.readTree(result);
        } catch (IOException notJson) {
            tree = null;
        }
        if (tree == null || !tree.isObject() || !tree.has("statusCode")) {
            return new FunctionResponse(200, JSON, result);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode sent = tree.path("headers");
        for (Iterator<Map.Entry<String, JsonNode>> fields = sent.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> header = fields.next();
            headers.put(header.getKey(), List.of(header.getValue().asText()));
        }
        List<String> cookies = new ArrayList<>();
        tree.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
        if (!cookies.isEmpty()) {
            headers.put("Set-Cookie", cookies);
        }
        JsonNode bodyNode = tree.path("body");
        String body = bodyNode.isTextual() ? bodyNode.asText()
                : bodyNode.isMissingNode() || bodyNode.isNull() ? "" : bodyNode.toString();
        byte[] bytes = tree.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new FunctionResponse(tree.path("statusCode").asInt(), headers, bytes);
    }
}
