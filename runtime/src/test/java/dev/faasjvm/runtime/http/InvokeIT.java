package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** /function/{name}[.{namespace}][/{rest}]: what reaches the handler and what comes back. */
final class InvokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void echo_binaryBody_comesBackByteForByte() throws Exception {
        server.deploy("echo", "echo");
        byte[] body = new byte[256 * 4];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }

        HttpResponse<byte[]> response = server.client().send(HttpRequest.newBuilder(server.uri("/function/echo"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertArrayEquals(body, response.body());
        assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void neverBlocksFunction_runsOnTheServersThreadNotAReplicaThread() {
        server.deploy("{\"service\":\"lc\",\"image\":\"" + Samples.jar("lifecycle").toUri()
                + "\",\"annotations\":{\"dev.faasjvm.never-blocks\":\"true\"}}");

        String first = server.get("/function/lc").body();
        String second = server.get("/function/lc").body();

        assertTrue(first.contains(" thread=fn-lc-"), "a replica's first call runs on its own thread: " + first);
        assertTrue(second.contains(" thread=") && !second.contains(" thread=fn-"), second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    void inspect_anyMethod_reachesHandlerWithPathQueryAndHeaders(String method) throws IOException {
        server.post("/system/functions", "{\"service\":\"inspect\",\"image\":\"" + Samples.jar("inspect").toUri()
                + "\",\"envVars\":{\"GREETING\":\"hello\"}}");

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(
                server.uri("/function/inspect.openfaas-fn/a/b%20c?x=1&x=2&y=%C3%A9"))
                .header("X-Custom", "one").header("x-custom", "two")
                .method(method, HttpRequest.BodyPublishers.ofString("abc")));

        JsonNode seen = JSON.readTree(response.body());
        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertEquals(method, seen.get("method").asText()),
                () -> assertEquals("/a/b%20c", seen.get("path").asText()),
                () -> assertEquals("x=1&x=2&y=%C3%A9", seen.get("rawQuery").asText()),
                () -> assertEquals("[\"1\",\"2\"]", seen.get("query").get("x").toString()),
                () -> assertEquals("é", seen.get("query").get("y").get(0).asText()),
                () -> assertEquals("[\"one\",\"two\"]", seen.get("headers").get("X-Custom").toString()),
                () -> assertEquals(3, seen.get("bodyLength").asInt()),
                () -> assertEquals("inspect", seen.get("name").asText()),
                () -> assertEquals("openfaas-fn", seen.get("namespace").asText()),
                () -> assertTrue(seen.get("replica").asText().startsWith("inspect-"), seen.get("replica").asText()),
                () -> assertEquals("hello", seen.get("env").get("GREETING").asText()),
                () -> assertTrue(seen.get("contextIsInjected").asBoolean()));
    }

    @Test
    void inspect_noSubPath_seesSlash() throws IOException {
        server.deploy("inspect", "inspect");

        JsonNode seen = JSON.readTree(server.get("/function/inspect").body());

        assertEquals("/", seen.get("path").asText());
        assertEquals("", seen.get("rawQuery").asText());
    }

    @Test
    void call_withCallId_echoesItAndSetsDuration() throws IOException {
        server.deploy("inspect", "inspect");

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/function/inspect"))
                .header("X-Call-Id", "call-42").GET());

        assertEquals("call-42", response.headers().firstValue("X-Call-Id").orElse(""));
        assertEquals("call-42", JSON.readTree(response.body()).get("callId").asText());
        String duration = response.headers().firstValue("X-Duration-Seconds").orElse("");
        assertTrue(duration.matches("\\d+(\\.\\d+)?"), "plain decimal seconds: " + duration);
    }

    @Test
    void call_withoutCallId_getsGeneratedOne() throws IOException {
        server.deploy("inspect", "inspect");

        HttpResponse<String> response = server.get("/function/inspect");

        String callId = response.headers().firstValue("X-Call-Id").orElse("");
        assertFalse(callId.isEmpty());
        assertEquals(callId, JSON.readTree(response.body()).get("callId").asText());
    }

    @Test
    void call_unknownFunction_answers404MarkedInternal() {
        HttpResponse<String> response = server.post("/function/nope", "hi");

        assertEquals(404, response.statusCode());
        assertEquals("proxy", response.headers().firstValue("X-OpenFaaS-Internal").orElse(""));
        assertTrue(response.body().contains("\"nope\" not found"), response.body());
    }

    @Test
    void call_unknownNamespace_answers404() {
        server.deploy("echo", "echo");

        assertEquals(404, server.post("/function/echo.elsewhere", "hi").statusCode());
    }

    @Test
    void call_noFunctionName_answers400() {
        HttpResponse<String> response = server.get("/function/");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("Provide function name"), response.body());
    }

    @Test
    void call_handlerThrows_answers500WithoutStackTraceAndOthersKeepWorking() {
        server.deploy("fail", "fail");
        server.deploy("echo", "echo");

        HttpResponse<String> response = server.post("/function/fail", "x");

        assertEquals(500, response.statusCode());
        assertEquals("Function \"fail\" failed: IllegalStateException\n", response.body());
        assertFalse(response.headers().firstValue("X-OpenFaaS-Internal").isPresent(), "the function's own error");
        assertEquals("still fine", server.post("/function/echo", "still fine").body());
        assertEquals(500, server.post("/function/fail", "again").statusCode());
    }

    @Test
    void wordcount_jsonRecord_isBoundAndAnsweredAsJson() throws IOException {
        server.deploy("wordcount", "wordcount");

        HttpResponse<String> response = server.post("/function/wordcount", "{\"text\":\"one two  three\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(JSON.readTree("{\"words\":3,\"characters\":14}"), JSON.readTree(response.body()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":", "{\"text\":[1,2]}", "not json"})
    void wordcount_bodyThatDoesNotBind_answers400NamingTheType(String body) {
        server.deploy("wordcount", "wordcount");

        HttpResponse<String> response = server.post("/function/wordcount", body);

        assertEquals(400, response.statusCode());
        assertTrue(response.body().startsWith("Request body does not bind to dev.faasjvm.samples.wordcount"),
                response.body());
        assertFalse(response.body().contains("Source:"), response.body());
    }

    @Test
    void wordcount_emptyBody_answers400() {
        server.deploy("wordcount", "wordcount");

        HttpResponse<String> response = server.post("/function/wordcount", "");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().startsWith("Request body is empty"), response.body());
    }

    @Test
    void call_functionSetsNoContentType_getsRequestsOrTextPlain() {
        server.post("/system/functions", "{\"service\":\"two\",\"image\":\"" + Samples.jar("twohandlers").toUri()
                + "\",\"envProcess\":\"dev.faasjvm.samples.twohandlers.First\"}");

        HttpResponse<String> plain = server.get("/function/two");
        HttpResponse<String> typed = server.send(HttpRequest.newBuilder(server.uri("/function/two"))
                .header("Content-Type", "application/x-custom").POST(HttpRequest.BodyPublishers.ofString("x")));

        assertEquals("text/plain", plain.headers().firstValue("Content-Type").orElse(""));
        assertEquals("application/x-custom", typed.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void call_bodyOverLimit_answers413BeforeTheHandler() {
        server.deploy("echo", "echo");

        HttpResponse<String> response = server.post("/function/echo", "x".repeat(1024 * 1024 + 1));

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("larger than the limit"), response.body());
    }
}
