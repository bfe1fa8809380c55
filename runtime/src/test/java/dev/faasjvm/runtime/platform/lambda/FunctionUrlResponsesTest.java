package dev.faasjvm.runtime.platform.lambda;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.api.FunctionResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The function URL examples of Lambda's documentation ("Response payload format"), as the caller sees them. */
final class FunctionUrlResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"\"Hello, world!\"", "{\"message\":\"Hello, world!\"}", "[1,2]", "null", "not json"})
    void resultWithoutStatusCode_isA200JsonBodyAsWritten(String result) {
        FunctionResponse response = FunctionUrlResponses.of(bytes(result), JSON);

        assertAll(
                () -> assertEquals(200, response.status()),
                () -> assertEquals(Map.of("Content-Type", List.of("application/json")), response.headers()),
                () -> assertEquals(result, response.bodyAsString()));
    }

    @Test
    void customResponse_givesStatusHeadersCookiesAndBody() {
        FunctionResponse response = FunctionUrlResponses.of(bytes("{\"statusCode\":201,"
                + "\"headers\":{\"Content-Type\":\"application/json\",\"My-Custom-Header\":\"Custom Value\"},"
                + "\"body\":\"{ \\\"message\\\": \\\"Hello, world!\\\" }\","
                + "\"cookies\":[\"Cookie_1=Value1; Expires=21 Oct 2021 07:48 GMT\",\"Cookie_2=Value2; Max-Age=78000\"],"
                + "\"isBase64Encoded\":false}"), JSON);

        assertAll(
                () -> assertEquals(201, response.status()),
                () -> assertEquals(List.of("application/json"), response.headers().get("Content-Type")),
                () -> assertEquals(List.of("Custom Value"), response.headers().get("My-Custom-Header")),
                () -> assertEquals(List.of("Cookie_1=Value1; Expires=21 Oct 2021 07:48 GMT",
                        "Cookie_2=Value2; Max-Age=78000"), response.headers().get("Set-Cookie")),
                () -> assertEquals("{ \"message\": \"Hello, world!\" }", response.bodyAsString()));
    }

    @Test
    void base64Body_isDecoded() {
        FunctionResponse response = FunctionUrlResponses.of(
                bytes("{\"statusCode\":200,\"body\":\"AP8B\",\"isBase64Encoded\":true}"), JSON);

        assertEquals(List.of((byte) 0, (byte) -1, (byte) 1), List.of(response.body()[0], response.body()[1],
                response.body()[2]));
    }

    @Test
    void statusCodeWithoutBody_isAnEmptyBody() {
        FunctionResponse response = FunctionUrlResponses.of(bytes("{\"statusCode\":204}"), JSON);

        assertEquals(204, response.status());
        assertEquals(0, response.body().length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
