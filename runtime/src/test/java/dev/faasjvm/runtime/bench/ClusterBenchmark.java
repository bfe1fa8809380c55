package dev.faasjvm.runtime.bench;

import dev.faasjvm.runtime.etcd.EtcdClient;
import dev.faasjvm.runtime.etcd.EtcdConfig;
import dev.faasjvm.runtime.etcd.EtcdDeploymentStore;
import dev.faasjvm.runtime.etcd.StoreKeys;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.ClusterNodes;
import dev.faasjvm.runtime.testing.EtcdCluster;
import dev.faasjvm.runtime.testing.ForkedRuntime;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster mode on this machine, against a real 3-member etcd on loopback and real node
 * processes (started as the tests start them: {@code ForkedRuntime}'s JVM flags, C1 only, serial
 * GC, 256 MB heap): deploy-to-callable-everywhere latency with 1 and 3 nodes, call latency on a
 * node that holds a replica and on one that forwards the call, throughput of 1 node and of 3 nodes
 * (wrk, the same connections in total; honest: every node and wrk share the same 2 CPUs), and how
 * long a restarted node takes to serve when the cluster holds 1,000 functions.
 */
final class ClusterBenchmark {
    private static final int DEPLOYS = 15;
    private static final int CALLS = 2000;
    private static final int CONNECTIONS = 12;
    private static final int FUNCTIONS = 1000;
    private static final Pattern CONVERGED = Pattern.compile("converged on revision \\d+ \\((\\d+) functions\\) in (\\d+) ms");

    private ClusterBenchmark() {
    }

    static String run() throws Exception {
        if (System.getProperty(ForkedRuntime.JAR_PROPERTY) == null) {
            System.setProperty(ForkedRuntime.JAR_PROPERTY, Path.of("target", "faas-jvm.jar").toAbsolutePath()
                    .toString());
        }
        int seconds = Integer.getInteger("bench.seconds", 10);
        Path work = Files.createTempDirectory("faas-jvm-cluster-bench");
        StringBuilder report = new StringBuilder("## Cluster: 3-member etcd and node processes on loopback\n"
                + BenchmarkRuntime.machine() + ", load average " + loadAverage() + " at start\n\n");
        Wrk wrk = Wrk.create("Hello, world!");
        try (EtcdCluster etcd = EtcdCluster.start(3)) {
            List<String> rows = new ArrayList<>();
            try (ClusterNodes one = ClusterNodes.start(work.resolve("one"), etcd, 1, "--etcd-prefix", "/bench-one/")) {
                rows.add("| deploy -> callable on every node, 1 node | " + deployLatency(one) + " |");
                rows.add("| throughput, 1 node, " + CONNECTIONS + " connections | " + throughput(one, wrk, seconds)
                        + " |");
            }
            try (ClusterNodes three = ClusterNodes.start(work.resolve("three"), etcd, 3, "--etcd-prefix",
                    "/bench-three/")) {
                rows.add("| deploy -> callable on every node, 3 nodes | " + deployLatency(three) + " |");
                rows.addAll(callLatency(three));
                rows.add("| throughput, 3 nodes, " + CONNECTIONS + " connections in all | "
                        + throughput(three, wrk, seconds) + " |");
                rows.add("| restarted node serves, cluster of " + FUNCTIONS + " functions | "
                        + restart(three, etcd) + " |");
            }
            report.append("| measure | result |\n| --- | --- |\n");
            rows.forEach(row -> report.append(row).append('\n'));
        } finally {
            try (java.util.stream.Stream<Path> paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return report.toString();
    }

    private static String deployLatency(ClusterNodes nodes) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < DEPLOYS; i++) {
            String name = "d" + i;
            long start = System.nanoTime();
            expect(202, nodes.send(0, "POST", "/system/functions", "{\"service\":\"" + name + "\",\"image\":\""
                    + Samples.jar("echo") + "\"}"));
            for (int node = 0; node < nodes.size(); node++) {
                expect(200, nodes.send(node, "POST", "/function/" + name, "hi"));
            }
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(millis);
        return String.format("median %d ms, max %d ms (%d deploys)", millis.get(millis.size() / 2),
                millis.get(millis.size() - 1), DEPLOYS);
    }

    private static List<String> callLatency(ClusterNodes nodes) throws Exception {
        expect(202, nodes.send(0, "POST", "/system/functions", "{\"service\":\"lat\",\"image\":\""
                + Samples.jar("echo") + "\"}"));
        int holder = -1;
        int forwarder = -1;
        for (int node = 0; node < nodes.size(); node++) {
            String body = nodes.get(node, "/system/cluster").body();
            boolean holds = body.matches("(?s).*\"name\":\"n" + (node + 1) + "\"[^\\]]*\"functions\":\\[[^\\]]*\"lat\".*");
            if (holds && holder < 0) {
                holder = node;
            } else if (!holds && forwarder < 0) {
                forwarder = node;
            }
        }
        return List.of("| call latency, node with a replica (sequential, " + CALLS + " calls) | "
                + latency(nodes, holder) + " |", "| call latency, node that forwards (one hop) | "
                + latency(nodes, forwarder) + " |");
    }

    private static String latency(ClusterNodes nodes, int node) {
        for (int i = 0; i < CALLS / 4; i++) {
            nodes.send(node, "POST", "/function/lat", "hi");
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            expect(200, nodes.send(node, "POST", "/function/lat", "hi"));
            micros.add((System.nanoTime() - start) / 1000);
        }
        Collections.sort(micros);
        return String.format("median %d us, p99 %d us", micros.get(micros.size() / 2),
                micros.get(micros.size() * 99 / 100));
    }

    /** wrk against every node at once, the connections split evenly; the function has a replica on each node. */
    private static String throughput(ClusterNodes nodes, Wrk wrk, int seconds) {
        expect(202, nodes.send(0, "POST", "/system/functions", "{\"service\":\"tp\",\"image\":\""
                + Samples.jar("echo") + "\",\"labels\":{\"com.openfaas.scale.min\":\"" + nodes.size() + "\"}}"));
        List<CompletableFuture<Wrk.Result>> runs = new ArrayList<>();
        for (int node = 0; node < nodes.size(); node++) {
            String url = nodes.uri(node, "/function/tp").toString();
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return wrk.run(url, CONNECTIONS / nodes.size(), seconds);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        double total = 0;
        long non2xx = 0;
        for (CompletableFuture<Wrk.Result> run : runs) {
            Wrk.Result result = run.join();
            total += result.requestsPerSecond();
            non2xx += result.non2xx();
        }
        return String.format("%,.0f requests/s (%d non-2xx)", total, non2xx);
    }

    private static String restart(ClusterNodes nodes, EtcdCluster etcd) throws InterruptedException {
        EtcdClient client = EtcdClient.create(new EtcdConfig(EtcdConfig.parse(etcd.endpoints()), "", "", null, null,
                null, Duration.ofSeconds(5)));
        EtcdDeploymentStore store = new EtcdDeploymentStore(client, new StoreKeys("/bench-three/"));
        String echo = Samples.jar("echo").toString();
        for (int i = 0; i < FUNCTIONS; i++) {
            store.save(new StoredDeployment(new FunctionDeployment("r" + i, echo, "openfaas-fn", "", Map.of(),
                    List.of(), List.of(), Map.of(), Map.of(), null, null, false), 1, Instant.now(), ""));
        }
        long revision = client.range("/bench-three/").revision();
        waitApplied(nodes, revision);
        nodes.kill(2);
        long start = System.nanoTime();
        nodes.launch(2);
        long serving = (System.nanoTime() - start) / 1_000_000;
        Matcher converged = CONVERGED.matcher(nodes.node(2).errors());
        String reconcile = "";
        while (converged.find()) {
            reconcile = converged.group(2) + " ms to apply " + converged.group(1) + " functions";
        }
        return String.format("spawn -> serving %,d ms (%s)", serving, reconcile);
    }

    private static void waitApplied(ClusterNodes nodes, long revision) {
        Pattern applied = Pattern.compile("\"self\":true,\"healthy\":true,\"ready\":(true|false),\"appliedRevision\":(\\d+)");
        for (int node = 0; node < nodes.size(); node++) {
            int which = node;
            Awaits.atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Matcher matcher = applied.matcher(nodes.get(which, "/system/cluster").body());
                return matcher.find() && Long.parseLong(matcher.group(2)) >= revision;
            });
        }
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Expected " + status + ", got " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
