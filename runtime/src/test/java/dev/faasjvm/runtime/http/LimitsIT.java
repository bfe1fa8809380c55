package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** max_inflight (429), exec_timeout (504, deadline, stuck workers) and the body limit (413), over HTTP. */
final class LimitsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void maxInflight_everyPlaceBusy_answers429AtOnce() {
        deploySleep("\"max_inflight\":\"1\"");
        CompletableFuture<HttpResponse<String>> running = server.occupy("/function/sleep?ms=3000", "/function/sleep",
                1).get(0);

        HttpResponse<String> refused = server.get("/function/sleep");

        assertAll(
                () -> assertEquals(429, refused.statusCode()),
                () -> assertTrue(refused.body().contains("limit of 1 calls in flight"), refused.body()),
                () -> assertEquals("proxy", refused.headers().firstValue("X-OpenFaaS-Internal").orElse("")),
                () -> assertEquals(200, running.orTimeout(20, TimeUnit.SECONDS).join().statusCode()));
        assertEquals(200, server.get("/function/sleep").statusCode(), "the place is free again");
    }

    @Test
    void maxInflight_one_sequentialCallsNeverSee429() {
        deploySleep("\"max_inflight\":\"1\"");

        for (int i = 0; i < 100; i++) {
            HttpResponse<String> response = server.get("/function/sleep");
            assertEquals(200, response.statusCode(), "call " + i + ": " + response.body());
        }
    }

    @Test
    void execTimeout_slowCall_answers504AndWorkerIsInterrupted() {
        deploySleep("\"exec_timeout\":\"300ms\",\"max_inflight\":\"1\"");

        HttpResponse<String> response = server.get("/function/sleep?ms=10000");

        assertEquals(504, response.statusCode());
        // The duration as the user wrote it, not Java's PT0.3S (issue 10).
        assertTrue(response.body().contains("exec_timeout of 300ms"), response.body());
        // The interrupted sleep ends at once, so the one place frees without being counted stuck.
        Awaits.atMost(WAIT).until(() -> server.get("/function/sleep").statusCode() == 200);
        assertFalse(server.status("sleep").get("annotations").has("com.faas-jvm.stuck-workers"));
    }

    @Test
    void execTimeout_wholeSecondsOrDuration_isRead() {
        deploySleep("\"exec_timeout\":\"1\"");

        assertEquals(504, server.get("/function/sleep?ms=5000").statusCode());
        assertEquals(200, server.get("/function/sleep?ms=10").statusCode());
    }

    @Test
    void execTimeout_invalid_failsTheDeployWith400() {
        HttpResponse<String> response = server.post("/system/functions", "{\"service\":\"sleep\",\"image\":\""
                + Samples.jar("sleep").toUri() + "\",\"envVars\":{\"exec_timeout\":\"soon\"}}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("exec_timeout"), response.body());
    }

    @Test
    void execTimeout_workerIgnoresInterrupt_isCountedStuckAndReplaced() {
        deploySleep("\"exec_timeout\":\"200ms\",\"max_inflight\":\"1\"");

        HttpResponse<String> timedOut = server.get("/function/sleep?ms=5000&ignoreInterrupt=true");

        assertEquals(504, timedOut.statusCode());
        Awaits.atMost(WAIT).until(() -> "1".equals(stuckWorkers()));
        // The gauge shows it too, polled like the annotation: on a busy machine a single read may come
        // only after the worker stopped spinning.
        Awaits.atMost(WAIT).until(() -> server.get("/metrics").body()
                .contains("faasjvm_function_stuck_workers{function_name=\"sleep.openfaas-fn\"} 1"));
        // Its place came back although the stuck worker still spins: a new thread serves.
        assertEquals("slept 0ms", server.get("/function/sleep").body());
        JsonNode annotations = server.status("sleep").get("annotations");
        assertEquals("1", annotations.path("com.faas-jvm.stuck-workers-total").asText());
        // Once it returns it is no longer stuck; the total remembers it.
        Awaits.atMost(WAIT).until(() -> "0".equals(stuckWorkers()));
        assertEquals("1", server.status("sleep").get("annotations").path("com.faas-jvm.stuck-workers-total").asText());
    }

    @Test
    void deadline_isTheExecTimeout() throws IOException {
        server.deployJson("{\"service\":\"inspect\",\"image\":\"" + Samples.jar("inspect").toUri()
                + "\",\"envVars\":{\"exec_timeout\":\"30s\"}}");
        server.deployJson("{\"service\":\"unbounded\",\"image\":\"" + Samples.jar("inspect").toUri()
                + "\",\"envVars\":{\"exec_timeout\":\"0\"}}");
        Instant before = Instant.now();

        Instant deadline = Instant.parse(JSON.readTree(server.get("/function/inspect").body()).get("deadline").asText());
        String none = JSON.readTree(server.get("/function/unbounded").body()).get("deadline").asText();

        assertTrue(!deadline.isBefore(before.plusSeconds(30)) && deadline.isBefore(Instant.now().plusSeconds(31)),
                deadline + " should be 30 s after " + before);
        assertEquals("", none, "no exec_timeout, no deadline");
    }

    @Test
    void bodyOverLimit_chunked_answers413() {
        server.deploy("echo", "echo");
        byte[] chunk = new byte[64 * 1024];

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/function/echo"))
                .POST(chunked(chunk, 17)));

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("larger than the limit of 1048576 bytes"), response.body());
    }

    @Test
    void bodyAtLimit_isAccepted() {
        server.deploy("echo", "echo");

        HttpResponse<String> response = server.post("/function/echo", "x".repeat(1024 * 1024));

        assertEquals(200, response.statusCode());
        assertEquals(1024 * 1024, response.body().length());
    }

    private void deploySleep(String env) {
        server.deployJson("{\"service\":\"sleep\",\"image\":\"" + Samples.jar("sleep").toUri() + "\",\"envVars\":{"
                + env + "}}");
    }

    private String stuckWorkers() {
        return server.status("sleep").get("annotations").path("com.faas-jvm.stuck-workers").asText("");
    }

    /** A body of unknown length, so it is sent chunked and the limit can only be found while reading. */
    private static HttpRequest.BodyPublisher chunked(byte[] chunk, int times) {
        HttpRequest.BodyPublisher fixed = HttpRequest.BodyPublishers.ofByteArrays(
                java.util.Collections.nCopies(times, chunk));
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                fixed.subscribe(subscriber);
            }
        };
    }
}
