package dev.faasjvm.runtime.async;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.CallbackReceiver;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /async-function/*} and {@code /system/async} over real HTTP, with a real callback receiver. */
final class AsyncIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestServer server = TestServer.withOptions("--async-backoff", "10ms", "--async-max-attempts", "3");

    private CallbackReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = CallbackReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void asyncCall_withCallbackUrl_answers202ThenPostsTheResultWithItsHeaders() throws Exception {
        server.deploy("echo", "echo");

        HttpResponse<String> accepted = server.sendAnonymous(HttpRequest.newBuilder(server.uri("/async-function/echo"))
                .header("Content-Type", "text/x-greeting").header("X-Callback-Url", receiver.url("/done"))
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        CallbackReceiver.Received result = receiver.await(1, WAIT).get(0);

        String callId = accepted.headers().firstValue("X-Call-Id").orElse("");
        assertAll(
                () -> assertEquals(202, accepted.statusCode(), accepted.body()),
                () -> assertFalse(callId.isEmpty(), "X-Call-Id of the 202"),
                () -> assertEquals("POST", result.method()),
                () -> assertEquals("hello", result.body()),
                () -> assertEquals(callId, result.header("X-Call-Id")),
                () -> assertEquals("echo", result.header("X-Function-Name")),
                () -> assertEquals("200", result.header("X-Function-Status")),
                () -> assertEquals("text/x-greeting", result.header("Content-Type")),
                () -> assertTrue(Double.parseDouble(result.header("X-Duration-Seconds")) >= 0, "X-Duration-Seconds"));
    }

    @Test
    void asyncCall_withItsOwnCallId_keepsItThroughToTheCallback() {
        server.deploy("echo", "echo");

        HttpResponse<String> accepted = post("/async-function/echo/sub/path?x=1", "id-42", "body");
        CallbackReceiver.Received result = receiver.await(1, WAIT).get(0);

        assertEquals("id-42", accepted.headers().firstValue("X-Call-Id").orElse(""));
        assertEquals("id-42", result.header("X-Call-Id"));
    }

    @Test
    void callbackThatFailsTwice_isPostedAgain_untilItIsDelivered() throws Exception {
        server.deploy("echo", "echo");

        try (CallbackReceiver refusing = CallbackReceiver.failFirst(2)) {
            server.sendAnonymous(HttpRequest.newBuilder(server.uri("/async-function/echo"))
                    .header("X-Callback-Url", refusing.url("/done")).POST(HttpRequest.BodyPublishers.ofString("again")));

            assertEquals("again", refusing.await(1, WAIT).get(0).body());
        }
        Awaits.atMost(WAIT).until(() -> queue("echo").path("depth").asInt() == 0);
    }

    @Test
    void unknownFunctionOrNamespace_is404AtOnce_andNothingIsQueued() throws Exception {
        server.deploy("echo", "echo");

        int unknownFunction = post("/async-function/nothing-here", null, "x").statusCode();
        int unknownNamespace = post("/async-function/echo.no-such-namespace", null, "x").statusCode();

        assertEquals(404, unknownFunction, "unknown function");
        assertEquals(404, unknownNamespace, "unknown namespace");
        assertEquals(0, overview().path("functions").size(), overview().toString());
    }

    @Test
    void bodyOverTheLimit_is413() {
        server.deploy("echo", "echo");

        int status = post("/async-function/echo", null, "x".repeat(1024 * 1024 + 1)).statusCode();

        assertEquals(413, status);
    }

    @Test
    void functionThatFailsTwice_succeedsOnTheThirdAttempt_andTheCallbackGetsThatAnswer() throws Exception {
        server.deploy("flaky", "flaky");

        post("/async-function/flaky?failures=2", null, "x");
        CallbackReceiver.Received result = receiver.await(1, WAIT).get(0);

        assertAll(
                () -> assertEquals("200", result.header("X-Function-Status")),
                () -> assertEquals("ok after 2 failures", result.body()),
                () -> assertEquals("3", result.header("X-Attempt")));
        Awaits.atMost(WAIT).until(() -> queue("flaky").path("completed").asInt() == 1);
        assertEquals(2, queue("flaky").path("retried").asInt(), overview().toString());
        assertTrue(server.get("/metrics").body().contains(
                "faasjvm_async_retried_total{function_name=\"flaky.openfaas-fn\"} 2.0"), "retried metric");
    }

    @Test
    void functionThatAlwaysFails_endsInTheDeadLetters_andCanBeReplayedOrDeleted() throws Exception {
        server.deploy("fail", "fail");

        post("/async-function/fail", null, "x");
        CallbackReceiver.Received result = receiver.await(1, WAIT).get(0);
        JsonNode letter = overview().path("deadLetters").get(0);

        assertEquals("500", result.header("X-Function-Status"));
        assertNotNull(letter, overview().toString());
        assertAll(
                () -> assertEquals(3, letter.path("attempts").asInt()),
                () -> assertEquals(500, letter.path("lastStatus").asInt()),
                () -> assertTrue(letter.path("bodyExcerpt").asText().contains("IllegalStateException"), letter.toString()),
                () -> assertTrue(letter.path("reason").asText().contains("3 attempts"), letter.toString()));
        assertEquals(401, server.sendAnonymous(HttpRequest.newBuilder(server.uri("/system/async")).GET())
                .statusCode(), "without credentials");

        HttpResponse<String> replayed = server.post("/system/async/replay/" + letter.path("id").asLong(), "");
        assertEquals(202, replayed.statusCode(), replayed.body());
        receiver.await(2, WAIT);
        Awaits.atMost(WAIT).until(() -> overview().path("deadLetters").size() == 1
                && queue("fail").path("deadLettered").asInt() == 2);
        assertEquals(6, server.provider().metrics().lines()
                .filter(line -> line.startsWith("gateway_function_invocation_total{code=\"500\",function_name=\"fail"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum(), 0.0,
                "two rounds of three attempts, through the invoke path's metrics");

        assertEquals(204, server.delete("/system/async/dead-letters/" + letter.path("id").asLong(), "")
                .statusCode());
        assertEquals(0, overview().path("deadLetters").size());
        assertEquals(404, server.delete("/system/async/dead-letters/" + letter.path("id").asLong(), "")
                .statusCode());
    }

    @Test
    void fiveCallsBehindASlowFunctionWithMaxInflightOne_completeInOrder_withoutA429() throws Exception {
        server.deploy("{\"service\":\"slow\",\"image\":\"" + Samples.jar("sleep").toUri()
                + "\",\"envVars\":{\"max_inflight\":\"1\"}}");

        post("/async-function/slow", "warm-up", "");
        receiver.await(1, WAIT); // callbacks arrive in the order they are sent once the connection is open

        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(post("/async-function/slow?ms=100", "call-" + i, "").headers().firstValue("X-Call-Id")
                    .orElseThrow());
        }
        List<CallbackReceiver.Received> results = receiver.await(6, WAIT).subList(1, 6);

        assertEquals(sent, results.stream().map(result -> result.header("X-Call-Id")).toList(), "order");
        assertTrue(results.stream().allMatch(result -> "200".equals(result.header("X-Function-Status"))),
                "every call answered 200");
        String metrics = server.get("/metrics").body();
        assertFalse(metrics.contains("code=\"429\",function_name=\"slow"), metrics);
    }

    @Test
    void deletingAFunction_deadLettersItsQueuedCalls_withAReason() throws Exception {
        server.deploy("{\"service\":\"slow\",\"image\":\"" + Samples.jar("sleep").toUri()
                + "\",\"envVars\":{\"max_inflight\":\"1\"}}");
        for (int i = 0; i < 3; i++) {
            post("/async-function/slow?ms=2000", null, "");
        }
        Awaits.atMost(WAIT).until(() -> queue("slow").path("running").asInt() == 1);

        assertEquals(202, server.delete("/system/functions", "{\"functionName\":\"slow\"}").statusCode());

        JsonNode letters = overview().path("deadLetters");
        assertEquals(2, letters.size(), letters.toString());
        assertTrue(letters.get(0).path("reason").asText().contains("deleted"), letters.toString());
        assertEquals("404", receiver.await(2, WAIT).get(0).header("X-Function-Status"));
    }

    @Test
    void updatingAFunction_keepsItsQueuedCalls_forTheNewVersion() throws Exception {
        String spec = "{\"service\":\"slow\",\"image\":\"" + Samples.jar("sleep").toUri()
                + "\",\"envVars\":{\"max_inflight\":\"1\",\"v\":\"%s\"}}";
        server.deploy(String.format(spec, "1"));
        for (int i = 0; i < 3; i++) {
            post("/async-function/slow?ms=300", null, "");
        }

        assertEquals(202, server.put("/system/functions", String.format(spec, "2")).statusCode());

        List<CallbackReceiver.Received> results = receiver.await(3, WAIT);
        assertTrue(results.stream().allMatch(result -> "200".equals(result.header("X-Function-Status"))),
                results.toString());
        assertEquals(0, overview().path("deadLetters").size());
    }

    @Test
    void deploymentWithABadAsyncSetting_is400NamingIt() {
        HttpResponse<String> response = server.post("/system/functions", "{\"service\":\"echo\",\"image\":\""
                + Samples.jar("echo").toUri() + "\",\"envVars\":{\"async_max_attempts\":\"zero\"}}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("async_max_attempts"), response.body());
    }

    private HttpResponse<String> post(String path, String callId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("X-Callback-Url", receiver.url("/done"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (callId != null) {
            request.header("X-Call-Id", callId);
        }
        return server.sendAnonymous(request);
    }

    private JsonNode overview() throws Exception {
        HttpResponse<String> response = server.get("/system/async");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private JsonNode queue(String name) throws Exception {
        for (JsonNode queue : overview().path("functions")) {
            if (queue.path("name").asText().equals(name)) {
                return queue;
            }
        }
        return JSON.createObjectNode();
    }
}
