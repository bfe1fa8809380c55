package dev.faasjvm.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.CallbackReceiver;
import dev.faasjvm.runtime.testing.Samples;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Asynchronous calls (issue 15), on a runtime whose state (and so its journal) is on disk:
 * <ul>
 *   <li>for comparison, wrk against {@code /function/echo} in the same minute: on a shared machine
 *       the ratio says more than either figure;</li>
 *   <li>enqueue throughput: wrk with {@value #CONNECTIONS} connections posting to
 *       {@code /async-function/parked}, a function that runs one call at a time for a minute, so
 *       every other call stays queued and each answer is a 202 after its fsync (group commit);</li>
 *   <li>drain rate: the parked function is then updated to the echo sample (its queue is kept)
 *       and timed until its queue is empty;</li>
 *   <li>202 to callback at low load: one call at a time to echo, from its 202 to the arrival of
 *       its result at a callback receiver in this JVM.</li>
 * </ul>
 */
final class AsyncBenchmark {
    static final int CONNECTIONS = 64;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int LATENCY_CALLS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AsyncBenchmark() {
    }

    static String run() throws Exception {
        StringBuilder report = new StringBuilder("## Asynchronous calls: journal on disk, group commit\n"
                + BenchmarkRuntime.machine() + "\n\n");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (BenchmarkRuntime runtime = BenchmarkRuntime.start()) {
            runtime.deployEcho("echo");
            enqueueAndDrain(runtime, client, report);
            latency(runtime, client, report);
        }
        return report.toString();
    }

    private static void enqueueAndDrain(BenchmarkRuntime runtime, HttpClient client, StringBuilder report)
            throws Exception {
        String sleep = Samples.jar("sleep").toUri().toString();
        send(client, runtime, "POST", "/system/functions", "{\"service\":\"parked\",\"image\":\"" + sleep
                + "\",\"envVars\":{\"max_inflight\":\"1\"}}", 202);
        Wrk wrk = Wrk.create("ping");
        String parked = runtime.provider().uri("/async-function/parked?ms=120000").toString();
        wrk.run(parked, CONNECTIONS, 3); // warms the JIT up; these calls queue too, and drain below
        // The same machine's yardstick, in the same minute: synchronous calls to echo over HTTP.
        Wrk.Result sync = wrk.run(runtime.provider().uri("/function/echo").toString(), CONNECTIONS, SECONDS);
        Wrk.Result enqueue = wrk.run(parked, CONNECTIONS, SECONDS);
        long queued = depth(client, runtime, "parked");
        report.append(String.format("| measure | result |%n| --- | --- |%n"
                + "| for comparison: /function/echo, %d connections, %d s | %,.0f calls/s, p50 %.2f ms |%n",
                CONNECTIONS, SECONDS, sync.requestsPerSecond(), sync.p50Millis()));
        report.append(String.format("| enqueue, %d connections, %d s | %,.0f acknowledged calls/s, p50 %.2f ms, p99 %.2f ms,"
                + " non-2xx %d %s|%n", CONNECTIONS, SECONDS, enqueue.requestsPerSecond(), enqueue.p50Millis(),
                enqueue.p99Millis(), enqueue.non2xx(), enqueue.errors().isEmpty() ? "" : "(" + enqueue.errors() + ") "));

        long start = System.nanoTime();
        send(client, runtime, "PUT", "/system/functions", "{\"service\":\"parked\",\"image\":\""
                + Samples.jar("echo").toUri() + "\"}", 202);
        Awaits.atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> depth(client, runtime, "parked") <= 1); // the call sleeping two minutes stays
        double seconds = (System.nanoTime() - start) / 1e9;
        report.append(String.format("| drain against echo (update of the parked function to echo) | %,d calls in"
                + " %.2f s: %,.0f calls/s |%n", queued - 1, seconds, (queued - 1) / seconds));
        send(client, runtime, "DELETE", "/system/functions", "{\"functionName\":\"parked\"}", 202);
    }

    private static void latency(BenchmarkRuntime runtime, HttpClient client, StringBuilder report)
            throws Exception {
        List<Double> toCallback = new ArrayList<>();
        List<Double> toAck = new ArrayList<>();
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            for (int i = 0; i < LATENCY_CALLS + 200; i++) {
                long sent = System.nanoTime();
                HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(
                        runtime.provider().uri("/async-function/echo")).header("X-Callback-Url", receiver.url("/r"))
                        .POST(HttpRequest.BodyPublishers.ofString("ping")).build(), HttpResponse.BodyHandlers.ofString());
                long acknowledged = System.nanoTime();
                if (accepted.statusCode() != 202) {
                    throw new IllegalStateException("async call answered " + accepted.statusCode());
                }
                int expected = i + 1;
                Awaits.atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofNanos(50_000))
                        .until(() -> receiver.received().size() >= expected);
                if (i >= 200) { // the first 200 warm the JIT up
                    toAck.add((acknowledged - sent) / 1e6);
                    toCallback.add((receiver.received().get(i).nanos() - acknowledged) / 1e6);
                }
            }
        }
        report.append(String.format("| 202 to callback, one call at a time, %d calls | p50 %.2f ms, p99 %.2f ms |%n"
                + "| request to 202 (fsync included), same calls | p50 %.2f ms, p99 %.2f ms |%n", LATENCY_CALLS,
                percentile(toCallback, 50), percentile(toCallback, 99), percentile(toAck, 50), percentile(toAck, 99)));
    }

    private static long depth(HttpClient client, BenchmarkRuntime runtime, String name) throws Exception {
        JsonNode overview = JSON.readTree(send(client, runtime, "GET", "/system/async", null, 200));
        for (JsonNode queue : overview.path("functions")) {
            if (queue.path("name").asText().equals(name)) {
                return queue.path("depth").asLong();
            }
        }
        return 0;
    }

    private static String send(HttpClient client, BenchmarkRuntime runtime, String method, String path, String body,
            int expected) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(runtime.provider().uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
