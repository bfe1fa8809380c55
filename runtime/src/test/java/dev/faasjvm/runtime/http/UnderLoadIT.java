package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Updates and deletes while a steady stream of calls runs: no call is lost or answered 5xx. */
final class UnderLoadIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CALLERS = 4;

    @RegisterExtension
    final TestServer server = TestServer.create();

    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

    @AfterEach
    void stopCallers() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void update_twentyTimesUnderSteadyCalls_everyCall2xxAndBothVersionsAnswer() {
        server.deployJson(inspect("1"));
        Stream stream = new Stream("/function/inspect");
        stream.start();
        Awaits.atMost(WAIT).until(() -> stream.calls.get() >= 20);

        for (int update = 1; update <= 20; update++) {
            String version = update % 2 == 0 ? "1" : "2";
            HttpResponse<String> response = server.put("/system/functions", inspect(version));
            assertEquals(202, response.statusCode(), "update " + update + ": " + response.body());
            int seen = stream.calls.get();
            Awaits.atMost(WAIT).until(() -> stream.calls.get() >= seen + 5);
        }
        stream.stop();

        assertAll(
                () -> assertEquals(Set.of(200), stream.statuses.keySet(), "statuses seen: " + stream.statuses),
                () -> assertEquals(Set.of("1", "2"), stream.versions, "both versions answered, nothing else"),
                () -> assertEquals(1, server.replicas("inspect")));
    }

    @Test
    void update_keepsTheReplicaCountItWasScaledTo() {
        server.deployJson(inspect("1"));
        server.scale("inspect", 3);

        server.put("/system/functions", inspect("2"));

        assertEquals(3, server.replicas("inspect"));
        assertEquals(3, server.availableReplicas("inspect"));
    }

    @Test
    void delete_runningCallsCompleteAndNewCallsGet404() {
        server.deployJson("{\"service\":\"sleep\",\"image\":\"" + Samples.jar("sleep").toUri()
                + "\",\"envVars\":{\"max_inflight\":\"3\"}}");
        List<CompletableFuture<HttpResponse<String>>> running = server.occupy("/function/sleep?ms=2000",
                "/function/sleep", 3);

        HttpResponse<String> deleted = server.delete("/system/functions", "{\"functionName\":\"sleep\"}");
        HttpResponse<String> after = server.get("/function/sleep");

        assertEquals(202, deleted.statusCode());
        assertEquals(404, after.statusCode());
        for (CompletableFuture<HttpResponse<String>> call : running) {
            HttpResponse<String> response = call.orTimeout(20, TimeUnit.SECONDS).join();
            assertEquals(200, response.statusCode(), response.body());
        }
    }

    @Test
    void delete_underSteadyCalls_callsGet200Or404AndNothingHangs() {
        server.deploy("echo", "echo");
        Stream stream = new Stream("/function/echo");
        stream.start();
        Awaits.atMost(WAIT).until(() -> stream.calls.get() >= 20);

        assertEquals(202, server.delete("/system/functions", "{\"functionName\":\"echo\"}").statusCode());
        Awaits.atMost(WAIT).until(() -> stream.statuses.containsKey(404));
        stream.stop();

        assertEquals(Set.of(200, 404), stream.statuses.keySet(), "statuses seen: " + stream.statuses);
    }

    private static String versionOf(String body) {
        for (String version : List.of("1", "2")) {
            if (body.contains("\"VERSION\":\"" + version + "\"")) {
                return version;
            }
        }
        return body;
    }

    private static String inspect(String version) {
        return "{\"service\":\"inspect\",\"image\":\"" + Samples.jar("inspect").toUri()
                + "\",\"envVars\":{\"VERSION\":\"" + version + "\"}}";
    }

    /** {@value #CALLERS} callers calling one path back to back until stopped; stop() waits for them. */
    private final class Stream {
        final String path;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger calls = new AtomicInteger();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final Set<String> versions = ConcurrentHashMap.newKeySet();
        private List<? extends java.util.concurrent.Future<?>> workers;

        Stream(String path) {
            this.path = path;
        }

        void start() {
            workers = IntStream.range(0, CALLERS).mapToObj(i -> callers.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> response = server.get(path);
                    statuses.computeIfAbsent(response.statusCode(), code -> new AtomicInteger()).incrementAndGet();
                    versions.add(versionOf(response.body()));
                    calls.incrementAndGet();
                }
            })).collect(Collectors.toList());
        }

        void stop() {
            running.set(false);
            for (java.util.concurrent.Future<?> worker : workers) {
                try {
                    worker.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("A caller failed or hung", e);
                }
            }
        }
    }
}
