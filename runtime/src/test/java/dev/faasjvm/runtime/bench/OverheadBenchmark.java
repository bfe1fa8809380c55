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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Measures, in one JVM and one run, the overhead of faas-jvm's invocation path with wrk, in
 * alternating rounds (every target once per round, in turn, so that the machine's load drifts
 * over all of them alike), for GET and for POST of 1 KiB, at 1, 16 and 64 connections, against:
 * <ul>
 *   <li>bare blocking Jetty: a {@code Handler.Abstract} echo, the ceiling for calling user code;</li>
 *   <li>bare non-blocking Jetty: the same on the thread that read the request, the absolute ceiling;</li>
 *   <li>faas-jvm {@code /function/echo}, and the same function declared never-blocking;</li>
 *   <li>load spread at random over 100 echo functions, pooled and never-blocking, and as baseline the
 *   same client script choosing among 100 copies of one function's path (wrk's Lua per request costs
 *   CPU on the same cores, so the spread rows are compared with a client that pays it too).</li>
 * </ul>
 * CPU per request is the JVM's process CPU time over the requests wrk counted (all servers live in
 * this JVM; only the one under load works). Ratios are taken within each round, then their median
 * is printed: faas-jvm / blocking Jetty (throughput, p99, CPU), never-blocking / non-blocking Jetty,
 * and spread / one function. Then the time from a scale request to {@code availableReplicas} for 0
 * to 1 and 1 to 16 replicas, and the first call to a function at zero replicas. Prints Markdown.
 *
 * <p>System properties: {@code bench.seconds} (per point, default 3), {@code bench.rounds}
 * (default 2), {@code bench.warmup} (seconds per target, default 3), {@code bench.connections}
 * (default {@code 1,16,64}), {@code bench.methods} (default {@code GET,POST}), {@code bench.scaling}
 * (default true), {@code bench.targets} (a comma-separated subset of the targets' names, e.g.
 * {@code faas-jvm,100 spread} for the spread rows alone; default all; a ratio is printed when
 * both its targets ran). Needs wrk on the path.
 */
public final class OverheadBenchmark {
    private static final String BODY = "hello, world\n";
    private static final String KIB = "x".repeat(1023) + "\n";
    private static final int SPREAD = 100;
    private static final int SCALE_ROUNDS = 5;
    private static final List<String> TARGETS = List.of("bare blocking", "bare non-blocking", "faas-jvm",
            "faas-jvm never-blocks", "100 spread", "100 spread never-blocks", "one function via spread's client",
            "one never-blocks via spread's client");
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private final HttpClient client = HttpClient.newHttpClient();
    private final StringBuilder report = new StringBuilder();
    /** The targets measured, by name: all of {@link #TARGETS} unless {@code bench.targets} names some. */
    private List<String> selected = TARGETS;

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

    /** One measured point: wrk's result and the process CPU nanoseconds per request. */
    private record Point(Wrk.Result wrk, double cpuNanosPerRequest) {
    }

    private void measure() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 3);
        int rounds = Integer.getInteger("bench.rounds", 2);
        int warmup = Integer.getInteger("bench.warmup", 3);
        int[] connections = Arrays.stream(System.getProperty("bench.connections", "1,16,64").split(","))
                .mapToInt(text -> Integer.parseInt(text.strip())).toArray();
        List<String> methods = List.of(System.getProperty("bench.methods", "GET,POST").split(","));
        String targets = System.getProperty("bench.targets", "").strip();
        selected = targets.isEmpty() ? TARGETS : Arrays.stream(targets.split(",")).map(String::strip).toList();
        for (String target : selected) {
            if (!TARGETS.contains(target)) {
                throw new IllegalArgumentException("Unknown bench.targets entry \"" + target + "\"; use " + TARGETS);
            }
        }
        line(Machine.describe());
        // A never-blocking function demoted during the run would be measured as a pooled one: say so in the report.
        List<String> demotions = new CopyOnWriteArrayList<>();
        Handler demotionWatch = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("declared that it never blocks")) {
                    demotions.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger replicaLog = Logger.getLogger("dev.faasjvm.runtime.registry.Replica");
        replicaLog.addHandler(demotionWatch);
        try (BareJetty blocking = BareJetty.start(true, 0); BareJetty nonBlocking = BareJetty.start(false, 0);
                Provider provider = start(Map.of())) {
            deploy(provider, "echo", "");
            deploy(provider, "echo-nb", NEVER_BLOCKS);
            List<String> spread = new ArrayList<>();
            List<String> spreadNb = new ArrayList<>();
            for (int i = 0; i < SPREAD; i++) {
                deploy(provider, "echo-" + i, "");
                deploy(provider, "nb-" + i, NEVER_BLOCKS);
                spread.add("/function/echo-" + i);
                spreadNb.add("/function/nb-" + i);
            }
            String faas = "http://127.0.0.1:" + provider.port();
            List<String> urls = List.of("http://127.0.0.1:" + blocking.port() + "/",
                    "http://127.0.0.1:" + nonBlocking.port() + "/", faas + "/function/echo", faas + "/function/echo-nb",
                    faas + "/", faas + "/", faas + "/", faas + "/");
            for (String url : urls.subList(0, 4)) {
                check(url);
            }
            for (String method : methods) {
                String body = method.equals("GET") ? "" : KIB;
                List<Wrk> wrks = List.of(Wrk.create(method, body, List.of()), Wrk.create(method, body, List.of()),
                        Wrk.create(method, body, List.of()), Wrk.create(method, body, List.of()),
                        Wrk.create(method, body, spread), Wrk.create(method, body, spreadNb),
                        // The spread rows' client picks a path per request in Lua, which costs wrk CPU on the
                        // same cores; their baseline must pay the same, so it picks among 100 copies of one path.
                        Wrk.create(method, body, Collections.nCopies(SPREAD, "/function/echo")),
                        Wrk.create(method, body, Collections.nCopies(SPREAD, "/function/echo-nb")));
                System.out.printf("overhead: %s, warming up every target for %d s%n", method, warmup);
                for (int t = 0; t < urls.size(); t++) {
                    if (selected.contains(TARGETS.get(t))) {
                        wrks.get(t).run(urls.get(t), 16, warmup);
                    }
                }
                for (int c : connections) {
                    List<List<Point>> byRound = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        List<Point> points = new ArrayList<>();
                        for (int t = 0; t < urls.size(); t++) {
                            points.add(selected.contains(TARGETS.get(t)) ? point(wrks.get(t), urls.get(t), c, seconds)
                                    : null);
                        }
                        byRound.add(points);
                    }
                    table(method, body.length(), c, seconds, byRound);
                    System.out.println("overhead: measured " + method + " at " + c + " connection(s)");
                }
            }
            if (Boolean.parseBoolean(System.getProperty("bench.scaling", "true"))) {
                scaling(provider);
            }
        } finally {
            replicaLog.removeHandler(demotionWatch);
        }
        line("");
        line(demotions.isEmpty() ? "No never-blocking function was demoted during the run."
                : "WARNING: " + demotions.size() + " never-blocking function(s) were demoted during the run, so their"
                        + " later figures are a pooled function's: " + demotions);
    }

    private static final String NEVER_BLOCKS = ",\"annotations\":{\"dev.faasjvm.never-blocks\":\"true\"}";

    private static Point point(Wrk wrk, String url, int connections, int seconds) throws Exception {
        long cpu = OS.getProcessCpuTime();
        Wrk.Result result = wrk.run(url, connections, seconds);
        long used = OS.getProcessCpuTime() - cpu;
        return new Point(result, result.requests() == 0 ? Double.NaN : used / (double) result.requests());
    }

    private void table(String method, int bodyBytes, int connections, int seconds, List<List<Point>> byRound) {
        line("");
        line(String.format("### %s%s, %d connection(s): wrk -t%d -c%d -d%ds, %d alternating rounds, medians",
                method, bodyBytes == 0 ? "" : " " + bodyBytes + " B", connections, Math.min(2, connections),
                connections, seconds, byRound.size()));
        line("");
        line("| target | req/s | p50 ms | p99 ms | CPU us/request | errors |");
        line("|---|---|---|---|---|---|");
        for (int t = 0; t < TARGETS.size(); t++) {
            int target = t;
            if (!selected.contains(TARGETS.get(t))) {
                continue;
            }
            line(String.format("| %s | %,.0f | %.3f | %.3f | %.1f | %s |", TARGETS.get(t),
                    median(byRound, p -> p.get(target).wrk().requestsPerSecond()),
                    median(byRound, p -> p.get(target).wrk().p50Millis()),
                    median(byRound, p -> p.get(target).wrk().p99Millis()),
                    median(byRound, p -> p.get(target).cpuNanosPerRequest()) / 1000,
                    errors(byRound, target)));
        }
        line("");
        line("| ratio (median of per-round ratios) | throughput | p99 | CPU per request |");
        line("|---|---|---|---|");
        ratio(byRound, "faas-jvm / bare blocking Jetty (goal >= 0.95, p99 <= 1.3, CPU <= 1.1)", 2, 0);
        ratio(byRound, "faas-jvm never-blocks / bare non-blocking Jetty (goal >= 0.9)", 3, 1);
        ratio(byRound, "100 spread / one function, same client (goal >= 0.9, CPU <= 1.15)", 4, 6);
        ratio(byRound, "100 spread never-blocks / one never-blocks function, same client", 5, 7);
        ratio(byRound, "100 spread / one function, wrk's static request", 4, 2);
        ratio(byRound, "faas-jvm never-blocks / bare blocking Jetty", 3, 0);
    }

    private void ratio(List<List<Point>> byRound, String what, int b, int a) {
        if (!selected.contains(TARGETS.get(a)) || !selected.contains(TARGETS.get(b))) {
            return;
        }
        line(String.format("| %s | %.2f | %.2f | %.2f |", what,
                median(byRound, p -> p.get(b).wrk().requestsPerSecond() / p.get(a).wrk().requestsPerSecond()),
                median(byRound, p -> p.get(b).wrk().p99Millis() / p.get(a).wrk().p99Millis()),
                median(byRound, p -> p.get(b).cpuNanosPerRequest() / p.get(a).cpuNanosPerRequest())));
    }

    private static double median(List<List<Point>> byRound, java.util.function.ToDoubleFunction<List<Point>> value) {
        double[] values = byRound.stream().mapToDouble(value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String errors(List<List<Point>> byRound, int target) {
        long non2xx = byRound.stream().mapToLong(points -> points.get(target).wrk().non2xx()).sum();
        String socket = byRound.stream().map(points -> points.get(target).wrk().errors()).filter(e -> !e.isEmpty())
                .findFirst().orElse("");
        return (non2xx == 0 ? "" : non2xx + " non-2xx ") + socket;
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
        send(HttpRequest.newBuilder(URI.create(url)).GET()); // a replica's first call runs pooled: warm it
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
