package dev.faasjvm.runtime.bench;

import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.ProviderConfig;
import dev.faasjvm.runtime.testing.Samples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Measures, in one JVM and one run, the overhead of faas-jvm's invocation path: wrk against (a) a
 * bare Jetty handler answering the same bytes and (b) {@code /function/echo}, at 1, 16 and 64
 * connections, printing throughput, p50, p99 and the ratio b/a; then the time from a scale request
 * to {@code availableReplicas} for 0 to 1 and 1 to 16 replicas, and the time of the first call to
 * a function at zero replicas (class loader warm, and evicted). Prints a Markdown table.
 *
 * <p>System properties: {@code bench.seconds} (per point, default 10), {@code bench.warmup}
 * (seconds of warm-up per server, default 5), {@code bench.connections} (default {@code 1,16,64}).
 * Needs wrk on the path.
 */
public final class OverheadBenchmark {
    private static final String BODY = "hello, world\n";
    private static final int SCALE_ROUNDS = 5;

    private final HttpClient client = HttpClient.newHttpClient();
    private final StringBuilder report = new StringBuilder();

    private OverheadBenchmark() {
    }

    /** Runs the benchmark and answers its report, Markdown tables included; progress goes to standard output. */
    static String run() throws Exception {
        OverheadBenchmark benchmark = new OverheadBenchmark();
        benchmark.measure();
        return benchmark.report.toString();
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    private void measure() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        int warmup = Integer.getInteger("bench.warmup", 5);
        int[] connections = Arrays.stream(System.getProperty("bench.connections", "1,16,64").split(","))
                .mapToInt(text -> Integer.parseInt(text.strip())).toArray();
        Wrk wrk = Wrk.create(BODY);
        line(Machine.describe());
        try (BareJetty bare = BareJetty.start(); Provider provider = start(Map.of())) {
            deploy(provider, "echo", "");
            String bareUrl = "http://127.0.0.1:" + bare.port() + "/";
            String faasUrl = "http://127.0.0.1:" + provider.port() + "/function/echo";
            check(bareUrl);
            check(faasUrl);
            System.out.printf("overhead: warming up both servers for %d s each%n", warmup);
            wrk.run(bareUrl, 16, warmup);
            wrk.run(faasUrl, 16, warmup);
            List<String> rows = new ArrayList<>();
            for (int c : connections) {
                Wrk.Result a = wrk.run(bareUrl, c, seconds);
                Wrk.Result b = wrk.run(faasUrl, c, seconds);
                rows.add(row(c, a, b));
                System.out.println("overhead: measured " + c + " connection(s)");
            }
            throughput(seconds, rows);
            scaling(provider);
        }
    }

    private static String row(int connections, Wrk.Result a, Wrk.Result b) {
        String errors = (a.non2xx() + b.non2xx() > 0 ? " non-2xx: " + a.non2xx() + "/" + b.non2xx() : "")
                + (a.errors().isEmpty() ? "" : " bare " + a.errors()) + (b.errors().isEmpty() ? "" : " faas-jvm " + b.errors());
        return String.format("| %d | %,.0f | %.3f | %.3f | %,.0f | %.3f | %.3f | %.2f | %.2f |%s", connections,
                a.requestsPerSecond(), a.p50Millis(), a.p99Millis(), b.requestsPerSecond(), b.p50Millis(),
                b.p99Millis(), b.requestsPerSecond() / a.requestsPerSecond(), b.p99Millis() / a.p99Millis(), errors);
    }

    private void throughput(int seconds, List<String> rows) {
        line("");
        line(String.format("wrk -t2 (-t1 at 1 connection) -d%ds --latency, POST of a 13-byte body echoed back", seconds));
        line("");
        line("| connections | (a) bare Jetty req/s | p50 ms | p99 ms | (b) faas-jvm /function/echo req/s"
                + " | p50 ms | p99 ms | throughput b/a | p99 b/a |");
        line("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(this::line);
    }

    private void scaling(Provider provider) throws Exception {
        String base = "http://127.0.0.1:" + provider.port();
        deploy(provider, "scaled", "");
        double[] zeroToOne = new double[SCALE_ROUNDS];
        double[] oneToSixteen = new double[SCALE_ROUNDS];
        double[] firstCallWarm = new double[SCALE_ROUNDS];
        for (int round = 0; round < SCALE_ROUNDS; round++) {
            scaleAndWait(base, 0, n -> n == 0);
            zeroToOne[round] = scaleAndWait(base, 1, n -> n == 1);
            oneToSixteen[round] = scaleAndWait(base, 16, n -> n == 16);
            scaleAndWait(base, 0, n -> n == 0);
            firstCallWarm[round] = timeCall(base + "/function/scaled");
        }
        double[] firstCallCold = new double[SCALE_ROUNDS];
        try (Provider cold = start(Map.of("FAAS_JVM_WARM_LOADERS", "0"))) {
            String coldBase = "http://127.0.0.1:" + cold.port();
            deploy(cold, "scaled", "");
            for (int round = 0; round < SCALE_ROUNDS; round++) {
                scaleAndWait(coldBase, 0, n -> n == 0);
                firstCallCold[round] = timeCall(coldBase + "/function/scaled");
            }
        }
        line("");
        line(String.format("Scaling, median (min-max) of %d rounds, ms; a scale request is answered before its replicas"
                + " are ready, the time runs until GET /system/function shows them available", SCALE_ROUNDS));
        line("");
        line("| what | ms |");
        line("|---|---|");
        line("| scale request 0 -> 1, until availableReplicas = 1 | " + summary(zeroToOne) + " |");
        line("| scale request 1 -> 16, until availableReplicas = 16 | " + summary(oneToSixteen) + " |");
        line("| first call at zero replicas, class loader warm | " + summary(firstCallWarm) + " |");
        line("| first call at zero replicas, class loader evicted (JAR reloaded) | " + summary(firstCallCold) + " |");
    }

    private Provider start(Map<String, String> env) throws Exception {
        // Basic auth off, as for the other benchmarks: the /system calls here are set-up, not measured.
        return Provider.create(ProviderConfig.builder().environment(env).host("127.0.0.1").port(0).inMemoryState()
                .basicAuth(false).build()).start();
    }

    private void deploy(Provider provider, String name, String labels) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + provider.port()
                + "/system/functions")).POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"" + name
                + "\",\"image\":\"" + Samples.jar("echo").toUri() + "\"" + labels + "}")));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Deploying " + name + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Milliseconds from sending the scale request until the status shows the wanted available count. */
    private double scaleAndWait(String base, int replicas, IntPredicate done) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/system/scale-function/scaled"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"serviceName\":\"scaled\",\"replicas\":" + replicas + "}")));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Scaling answered " + response.statusCode() + ": " + response.body());
        }
        while (!done.test(available(base))) {
            if (System.nanoTime() - start > 30_000_000_000L) {
                throw new IllegalStateException("Scaling to " + replicas + " did not finish in 30 s");
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private int available(String base) throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(URI.create(base + "/system/function/scaled")).GET()).body();
        int at = body.indexOf("\"availableReplicas\":");
        return at < 0 ? 0 : Integer.parseInt(body.substring(at + 20).split("[,}]", 2)[0]);
    }

    private double timeCall(String url) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The call at zero answered " + response.statusCode() + ": " + response.body());
        }
        return millis;
    }

    private void check(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(BODY)));
        if (response.statusCode() != 200 || !response.body().equals(BODY)) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("%.1f (%.1f-%.1f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }
}
