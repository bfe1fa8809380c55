package dev.faasjvm.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.ClusterNodes;
import dev.faasjvm.runtime.testing.EtcdCluster;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the spirit of CrashRestartIT, for a cluster: clients drive deploys, updates, scales and
 * deletes through every node while a node or an etcd member is killed with SIGKILL and started
 * again; a change whose answer is lost is sent again through another node until one acknowledges
 * it. Afterwards every acknowledged change is visible on every node, and every function answers its
 * current version on every node. Seeded: a failure prints the seed; {@code -Dfaasjvm.cluster.seed=N}
 * replays the same choices, {@code -Dfaasjvm.cluster.rounds=N} sets the rounds (default 2, short).
 */
final class ClusterFaultIT {
    private static final long SEED = Long.getLong("faasjvm.cluster.seed", new SecureRandom().nextLong());
    private static final int ROUNDS = Integer.getInteger("faasjvm.cluster.rounds", 2);
    private static final int CLIENTS = 2;
    private static final int FUNCTIONS_PER_CLIENT = 2;
    private static final int OPS_PER_ROUND = 4;
    private static final Duration RETRY_FOR = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** What the test knows of a function: its version (env var v) and its cluster-wide replicas. */
    private record Spec(int version, int replicas) {
    }

    private final Map<String, Spec> expected = new ConcurrentHashMap<>();

    @Test
    void changesThroughEveryNode_whileNodesAndEtcdMembersDie_areAllThereAfterwards() throws Exception {
        Random seeds = new Random(SEED);
        try (EtcdCluster etcd = EtcdCluster.start(3); ClusterNodes nodes = ClusterNodes.start(work, etcd, 3)) {
            for (int round = 0; round < ROUNDS; round++) {
                List<CompletableFuture<Void>> running = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    Random random = new Random(seeds.nextLong());
                    int owner = client;
                    running.add(CompletableFuture.runAsync(() -> drive(nodes, owner, random)));
                }
                Random faults = new Random(seeds.nextLong());
                running.add(CompletableFuture.runAsync(() -> fault(etcd, nodes, faults)));
                CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            }

            Awaits.atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEveryNodeAgrees(nodes));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("Seed " + SEED + " (replay with -Dfaasjvm.cluster.seed=" + SEED + "): "
                    + e.getMessage(), e);
        }
    }

    private void drive(ClusterNodes nodes, int client, Random random) {
        for (int op = 0; op < OPS_PER_ROUND; op++) {
            String name = "c" + client + "-f" + random.nextInt(FUNCTIONS_PER_CLIENT);
            Spec current = expected.get(name);
            if (current == null) {
                send(nodes, random, "POST", "/system/functions", ClusterIT.spec(name, Samples.jar("inspect"), "1", 1),
                        Set.of(202, 409));
                expected.put(name, new Spec(1, 1));
                continue;
            }
            switch (random.nextInt(3)) {
                case 0 -> {
                    int version = current.version() + 1;
                    send(nodes, random, "PUT", "/system/functions", ClusterIT.spec(name, Samples.jar("inspect"),
                            "" + version, 1), Set.of(202));
                    expected.put(name, new Spec(version, Math.max(1, current.replicas())));
                }
                case 1 -> {
                    int replicas = random.nextInt(4);
                    send(nodes, random, "POST", "/system/scale-function/" + name, "{\"serviceName\":\"" + name
                            + "\",\"replicas\":" + replicas + "}", Set.of(202));
                    expected.put(name, new Spec(current.version(), replicas));
                }
                default -> {
                    send(nodes, random, "DELETE", "/system/functions", "{\"functionName\":\"" + name + "\"}",
                            Set.of(202, 404));
                    expected.remove(name);
                }
            }
        }
    }

    /** Sends a change through random nodes until one acknowledges it. */
    private static void send(ClusterNodes nodes, Random random, String method, String path, String body,
            Set<Integer> acknowledged) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            int node = random.nextInt(nodes.size());
            try {
                HttpResponse<String> response = nodes.send(node, method, path, body);
                if (acknowledged.contains(response.statusCode())) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() < 500) {
                    throw new AssertionError(method + " " + path + " " + body + " answered " + last);
                }
            } catch (RuntimeException e) { // the node is down or went down during the call: try another
                last = e.toString();
            }
            Awaits.atMost(Duration.ofSeconds(1)).pollDelay(Duration.ofMillis(200)).until(() -> true);
        }
        throw new AssertionError(method + " " + path + " was never acknowledged: " + last + "\n" + nodes.errors());
    }

    private static void fault(EtcdCluster etcd, ClusterNodes nodes, Random random) {
        try {
            if (random.nextBoolean()) {
                int node = random.nextInt(nodes.size());
                nodes.kill(node);
                nodes.launch(node);
            } else {
                int member = random.nextInt(etcd.size());
                etcd.kill(member);
                etcd.restart(member);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertEveryNodeAgrees(ClusterNodes nodes) throws Exception {
        for (int node = 0; node < nodes.size(); node++) {
            for (int client = 0; client < CLIENTS; client++) {
                for (int f = 0; f < FUNCTIONS_PER_CLIENT; f++) {
                    String name = "c" + client + "-f" + f;
                    Optional<Spec> want = Optional.ofNullable(expected.get(name));
                    HttpResponse<String> status = nodes.get(node, "/system/function/" + name);
                    if (want.isEmpty()) {
                        assertEquals(404, status.statusCode(), name + " is deleted on node " + node);
                        continue;
                    }
                    assertEquals(200, status.statusCode(), name + " exists on node " + node);
                    FunctionStatus seen = Json.read(status.body().getBytes(StandardCharsets.UTF_8),
                            FunctionStatus.class);
                    assertEquals(want.get(), new Spec(Integer.parseInt(seen.envVars().get("v")), (int) seen.replicas()),
                            name + " on node " + node);
                    HttpResponse<String> call = nodes.send(node, "POST", "/function/" + name, "hi");
                    assertEquals(200, call.statusCode(), name + " answers on node " + node + ": " + call.body());
                    JsonNode answer = JSON.readTree(call.body());
                    assertEquals("" + want.get().version(), answer.path("env").path("v").asText(),
                            name + " answers its current version on node " + node);
                }
            }
        }
    }
}
