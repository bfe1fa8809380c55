package dev.faasjvm.runtime.bench;

import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.ProviderConfig;
import dev.faasjvm.runtime.testing.Samples;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures what slow admin clients cost the functions (issue 10): wrk against {@code /function/echo}
 * idle, then with 1,000 {@code GET /system/logs?follow=true} streams and 200 request bodies that
 * trickle in (one byte sent of a thousand) held open, then idle again once they are closed, and
 * prints throughput, p50 and p99 of the three and the ratio of the loaded p99 to the better idle
 * one. The promise: the loaded p99 stays within 2x of the idle one.
 *
 * <p>System properties: {@code bench.seconds} (per point, default 10), {@code bench.warmup}
 * (default 5), {@code bench.connections} (default 16), {@code bench.followers} (default 1000),
 * {@code bench.uploads} (default 200). Needs wrk on the path.
 */
public final class StarvationBenchmark {
    private static final String BODY = "hello, world\n";

    private final StringBuilder report = new StringBuilder();
    private final List<Socket> slowClients = new ArrayList<>();

    private StarvationBenchmark() {
    }

    /** Runs the benchmark and answers its report; progress goes to standard output. */
    static String run() throws Exception {
        StarvationBenchmark benchmark = new StarvationBenchmark();
        try {
            benchmark.measure();
        } finally {
            for (Socket socket : benchmark.slowClients) {
                socket.close();
            }
        }
        return benchmark.report.toString();
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    private void measure() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        int warmup = Integer.getInteger("bench.warmup", 5);
        int connections = Integer.getInteger("bench.connections", 16);
        int followers = Integer.getInteger("bench.followers", 1000);
        int uploads = Integer.getInteger("bench.uploads", 200);
        Wrk wrk = Wrk.create(BODY);
        line(Machine.describe());
        Path state = Files.createTempDirectory("faas-jvm-bench-starvation");
        // Basic auth is off (a loopback runtime the benchmark owns); the read timeout is longer than
        // the run, so the slow uploads stay open throughout.
        try (Provider provider = Provider.create(ProviderConfig.parse(List.of("--host", "127.0.0.1", "--port", "0",
                "--state-dir", state.toString(), "--basic-auth", "false", "--read-timeout", "10m",
                "--max-log-followers", Integer.toString(followers)), Map.of())).start()) {
            deployEcho(provider);
            String url = "http://127.0.0.1:" + provider.port() + "/function/echo";
            wrk.run(url, connections, warmup);
            Wrk.Result idle = wrk.run(url, connections, seconds);
            System.out.println("idle, before: " + idle);
            for (int i = 0; i < followers; i++) {
                open(provider, "GET /system/logs?name=echo&follow=true HTTP/1.1\r\nHost: bench\r\n\r\n");
            }
            for (int i = 0; i < uploads; i++) {
                open(provider, "POST /system/secrets HTTP/1.1\r\nHost: bench\r\nContent-Length: 1000\r\n\r\n{");
            }
            awaitFollowers(provider, followers);
            wrk.run(url, connections, warmup);
            Wrk.Result loaded = wrk.run(url, connections, seconds);
            System.out.println("loaded: " + loaded);
            int healthz = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + provider.port() + "/healthz")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            line("");
            line("/function/echo, " + connections + " connections, " + seconds + " s per point; loaded = "
                    + followers + " log followers + " + uploads + " slow uploads open (/healthz then: " + healthz
                    + ")");
            for (Socket socket : slowClients) {
                socket.close();
            }
            slowClients.clear();
            Wrk.Result after = wrk.run(url, connections, seconds);
            System.out.println("idle, after: " + after);
            line("");
            line("| | req/s | p50 ms | p99 ms | non-2xx |");
            line("|---|---|---|---|---|");
            row("idle, before", idle);
            row("loaded", loaded);
            row("idle, after", after);
            line("");
            // Against the better idle run: on a shared machine either one may catch a burst of load.
            line(String.format("p99 loaded / best idle: %.2f (the promise: at most 2)", loaded.p99Millis()
                    / Math.min(idle.p99Millis(), after.p99Millis())));
        }
    }

    private void row(String name, Wrk.Result result) {
        line(String.format("| %s | %.0f | %.3f | %.3f | %d |", name, result.requestsPerSecond(), result.p50Millis(),
                result.p99Millis(), result.non2xx()));
    }

    private static void deployEcho(Provider provider) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                provider.uri("/system/functions")).POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"echo\","
                + "\"image\":\"" + Samples.jar("echo").toUri() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("deploy echo answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void open(Provider provider, String request) throws IOException {
        Socket socket = new Socket("127.0.0.1", provider.port());
        slowClients.add(socket);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static void awaitFollowers(Provider provider, int followers) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (provider.logs().followers("echo", "openfaas-fn") < followers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + provider.logs().followers("echo", "openfaas-fn") + " of "
                        + followers + " log followers were served within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
