package dev.faasjvm.runtime.platform.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.runtime.platform.CallOrigin;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The event a Lambda function URL (API Gateway HTTP API, payload format 2.0) sends for an HTTP call:
 * {@code rawPath} is the path below the function's name; header names are lower-cased, and repeated
 * headers and query parameters are joined with commas; the {@code Cookie} header becomes
 * {@code cookies}; {@code requestContext.requestId} is the call id; a body is sent as text when its
 * content type is textual and it is valid UTF-8, else base64 with {@code isBase64Encoded}.
 * Stateless.
 */
final class LambdaEvents {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Content types whose bodies function URLs pass as text (besides {@code text/*}, {@code +json}, {@code +xml}). */
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml",
            "application/javascript", "application/x-www-form-urlencoded", "application/yaml", "application/x-yaml");

    private LambdaEvents() {
    }

    /** The event for {@code request}, received at {@code now}, as JSON. */
    static byte[] of(FunctionRequest request, String function, Instant now) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", request.path());
        event.put("rawQueryString", request.rawQuery());
        Map<String, String> headers = joinedHeaders(request.headers());
        String cookies = headers.remove("cookie");
        if (cookies != null) {
            ArrayNode list = event.putArray("cookies");
            for (String cookie : cookies.split(";")) {
                if (!cookie.isBlank()) {
                    list.add(cookie.strip());
                }
            }
        }
        headers.forEach(event.putObject("headers")::put);
        if (!request.queryParameters().isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            request.queryParameters().forEach((name, values) -> query.put(name, String.join(",", values)));
        }
        requestContext(event.putObject("requestContext"), request, function, headers, now);
        body(event, request.body(), headers.getOrDefault("content-type", ""));
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> joinedHeaders(Map<String, List<String>> headers) {
        Map<String, String> joined = new LinkedHashMap<>();
        headers.forEach((name, values) -> joined.merge(name.toLowerCase(Locale.ROOT), String.join(",", values),
                (first, more) -> first + "," + more));
        return joined;
    }

    private static void requestContext(ObjectNode context, FunctionRequest request, String function,
            Map<String, String> headers, Instant now) {
        String host = headers.getOrDefault("host", "");
        context.put("accountId", "anonymous");
        context.put("apiId", function);
        context.put("domainName", host);
        context.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.path());
        http.put("protocol", CallOrigin.protocolOf(request));
        http.put("sourceIp", CallOrigin.remoteAddressOf(request));
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", request.callId());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
    }

    private static void body(ObjectNode event, byte[] body, String contentType) {
        if (body.length == 0) {
            event.put("isBase64Encoded", false);
            return;
        }
        String text = isTextual(contentType) ? utf8(body) : null;
        event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", text == null);
    }

    static boolean isTextual(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || TEXT_TYPES.contains(type)
                || type.endsWith("+json") || type.endsWith("+xml");
    }

    /** The body as UTF-8 text, or {@code null} when it is not valid UTF-8. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
