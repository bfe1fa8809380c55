package dev.faasjvm.runtime.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.CallbackReceiver;
import dev.faasjvm.runtime.testing.ForkedRuntime;
import dev.faasjvm.runtime.testing.Samples;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a forked runtime with SIGKILL while it holds asynchronous calls (queued, running, and
 * being accepted), restarts it on the same state, and checks that every acknowledged call
 * completes: at least once, with its own call id.
 */
final class AsyncCrashIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private CallbackReceiver receiver;

    @TempDir
    Path work;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = CallbackReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void sigkillWithCallsQueuedAndOneRunning_restart_everyAcknowledgedCallCompletes() throws Exception {
        Path state = work.resolve("state");
        ForkedRuntime runtime = ForkedRuntime.start(state, work.resolve("stderr.log"), "--async-backoff", "10ms");
        deploy(runtime, "{\"service\":\"slow\",\"image\":\"" + Samples.jar("sleep").toUri()
                + "\",\"envVars\":{\"max_inflight\":\"1\"}}");
        List<String> acknowledged = new ArrayList<>();
        acknowledged.add(submit(runtime, "/async-function/slow?ms=1500", "running-1"));
        for (int i = 2; i <= 6; i++) {
            acknowledged.add(submit(runtime, "/async-function/slow?ms=10", "queued-" + i));
        }
        Awaits.atMost(WAIT).until(() -> queueOf(runtime, "slow").path("running").asInt() == 1);

        runtime.kill();
        assertEquals(0, receiver.received().size(), "no call finished before the kill");
        ForkedRuntime restarted = ForkedRuntime.start(state, work.resolve("stderr.log"), "--async-backoff", "10ms");
        try {
            receiver.await(acknowledged.size(), WAIT);
            Map<String, Long> completed = receiver.received().stream()
                    .collect(Collectors.groupingBy(result -> result.header("X-Call-Id"), Collectors.counting()));

            assertEquals(Set.copyOf(acknowledged), completed.keySet(), "every acknowledged call, by its call id");
            assertTrue(receiver.received().stream().allMatch(result -> "200".equals(
                    result.header("X-Function-Status"))), receiver.received().toString());
        } finally {
            assertEquals(0, restarted.terminate(60, TimeUnit.SECONDS), "exit code after SIGTERM");
        }
    }

    @Test
    void sigkillWhileCallsAreBeingAccepted_restart_everyAcknowledgedCallCompletes() throws Exception {
        Path state = work.resolve("state");
        ForkedRuntime runtime = ForkedRuntime.start(state, work.resolve("stderr.log"));
        deploy(runtime, "{\"service\":\"echo\",\"image\":\"" + Samples.jar("echo").toUri() + "\"}");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            int id = client;
            clients.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; !killed.get(); i++) {
                    try {
                        acknowledged.add(submit(runtime, "/async-function/echo", "c" + id + "-" + i));
                    } catch (Exception e) {
                        return; // the runtime is gone: this call was never acknowledged
                    }
                }
            }));
        }
        Awaits.atMost(WAIT).until(() -> acknowledged.size() >= 200);

        killed.set(true);
        runtime.kill();
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        ForkedRuntime restarted = ForkedRuntime.start(state, work.resolve("stderr.log"));
        try {
            Awaits.atMost(WAIT).until(() -> received().containsAll(acknowledged));
        } finally {
            assertEquals(0, restarted.terminate(60, TimeUnit.SECONDS), "exit code after SIGTERM");
        }
    }

    private Set<String> received() {
        return receiver.received().stream().map(result -> result.header("X-Call-Id"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private void deploy(ForkedRuntime runtime, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.uri("/system/functions"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }

    /** Submits a call and returns its id once it is acknowledged (202); throws otherwise. */
    private String submit(ForkedRuntime runtime, String path, String callId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.uri(path))
                .timeout(Duration.ofSeconds(10)).header("X-Call-Id", callId)
                .header("X-Callback-Url", receiver.url("/done")).POST(HttpRequest.BodyPublishers.ofString(callId))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return callId;
    }

    private JsonNode queueOf(ForkedRuntime runtime, String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.uri("/system/async")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode queue : JSON.readTree(response.body()).path("functions")) {
            if (queue.path("name").asText().equals(name)) {
                return queue;
            }
        }
        return JSON.createObjectNode();
    }
}
