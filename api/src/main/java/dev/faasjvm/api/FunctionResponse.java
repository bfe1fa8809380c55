package dev.faasjvm.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a function answers: a status, headers and a body.
 *
 * <p>Build one with a factory ({@link #ok(String)}, {@link #of(int, byte[])}, {@link #json(String)},
 * ...) and adjust it with {@link #withHeader(String, String)} and {@link #withStatus(int)}, each of
 * which returns a new value. The runtime adds {@code X-Duration-Seconds} and {@code X-Call-Id}; when
 * no {@code Content-Type} is given it uses the request's, else {@code text/plain}, as OpenFaaS does.
 *
 * <p>The body array is not copied, so that large bodies cost nothing extra: do not change an array
 * after handing it to a response. Apart from that, a response is immutable and thread-safe.
 *
 * @param status the HTTP status, from 100 to 599
 * @param headers the response headers, each with its values in order; copied, never {@code null}
 * @param body the response body, possibly empty, never {@code null}
 */
public record FunctionResponse(int status, Map<String, List<String>> headers, byte[] body) {

    private static final byte[] EMPTY = new byte[0];
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";

    /**
     * Checks the status and copies the headers.
     *
     * @param status the HTTP status, from 100 to 599
     * @param headers the response headers; copied
     * @param body the response body; not copied
     * @throws IllegalArgumentException if the status is outside 100 to 599
     * @throws NullPointerException if {@code headers}, a header value or {@code body} is {@code null}
     */
    public FunctionResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("Status must be from 100 to 599, not " + status);
        }
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers")
                .forEach((name, values) -> copy.put(
                        Objects.requireNonNull(name, "header name"),
                        List.copyOf(Objects.requireNonNull(values, "header values"))));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * A {@code 200} response with a UTF-8 text body.
     *
     * @param body the text to send
     * @return the response
     * @throws NullPointerException if {@code body} is {@code null}
     */
    public static FunctionResponse ok(String body) {
        return text(200, body);
    }

    /**
     * A {@code 200} response with a binary body and no content type of its own.
     *
     * @param body the bytes to send; not copied
     * @return the response
     * @throws NullPointerException if {@code body} is {@code null}
     */
    public static FunctionResponse ok(byte[] body) {
        return of(200, body);
    }

    /**
     * A response with the given status and body, and no headers.
     *
     * @param status the HTTP status, from 100 to 599
     * @param body the bytes to send; not copied
     * @return the response
     * @throws IllegalArgumentException if the status is outside 100 to 599
     * @throws NullPointerException if {@code body} is {@code null}
     */
    public static FunctionResponse of(int status, byte[] body) {
        return new FunctionResponse(status, Map.of(), body);
    }

    /**
     * A response with the given status and no body, such as {@code 204} or {@code 302} (add a
     * {@code Location} with {@link #withHeader(String, String)}).
     *
     * @param status the HTTP status, from 100 to 599
     * @return the response
     * @throws IllegalArgumentException if the status is outside 100 to 599
     */
    public static FunctionResponse status(int status) {
        return of(status, EMPTY);
    }

    /**
     * A response with the given status and a UTF-8 text body ({@code text/plain; charset=utf-8}).
     *
     * @param status the HTTP status, from 100 to 599
     * @param body the text to send
     * @return the response
     * @throws IllegalArgumentException if the status is outside 100 to 599
     * @throws NullPointerException if {@code body} is {@code null}
     */
    public static FunctionResponse text(int status, String body) {
        return new FunctionResponse(status, Map.of("Content-Type", List.of(TEXT)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A {@code 200} response whose body is the given JSON text ({@code application/json}).
     *
     * @param json the JSON document, already serialised
     * @return the response
     * @throws NullPointerException if {@code json} is {@code null}
     */
    public static FunctionResponse json(String json) {
        return new FunctionResponse(200, Map.of("Content-Type", List.of(JSON)),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * This response with one more value for a header; values already set for the header stay.
     *
     * @param name the header's name
     * @param value the value to add
     * @return a new response
     * @throws NullPointerException if {@code name} or {@code value} is {@code null}
     */
    public FunctionResponse withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
        values.add(value);
        copy.put(name, values);
        return new FunctionResponse(status, copy, body);
    }

    /**
     * This response with another status.
     *
     * @param newStatus the HTTP status, from 100 to 599
     * @return a new response
     * @throws IllegalArgumentException if the status is outside 100 to 599
     */
    public FunctionResponse withStatus(int newStatus) {
        return new FunctionResponse(newStatus, headers, body);
    }

    /**
     * The body decoded as UTF-8, handy in tests of a function.
     *
     * @return the body as text
     */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Compares status, headers and body content.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a response with equal status, headers and body bytes
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof FunctionResponse
                && status == ((FunctionResponse) other).status
                && headers.equals(((FunctionResponse) other).headers)
                && Arrays.equals(body, ((FunctionResponse) other).body);
    }

    /**
     * A hash of status, headers and body content.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * (31 * status + headers.hashCode()) + Arrays.hashCode(body);
    }

    /**
     * Status, headers and body size, for logs and test failures.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "FunctionResponse[status=" + status + ", headers=" + headers
                + ", body=" + body.length + " bytes]";
    }
}
