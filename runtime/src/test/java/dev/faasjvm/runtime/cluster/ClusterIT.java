package dev.faasjvm.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real faas-jvm processes sharing one real 3-member etcd cluster on loopback: the contract
 * across nodes (a 202 from one node means every node serves the new generation), serialised
 * concurrent changes, local JARs shared by hash, placement and failover, logs fan-out, and etcd
 * faults. Skips with one line when no etcd binary is installed.
 */
final class ClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSPECT = "dev.faasjvm.samples.inspect.Inspect";

    @TempDir
    static Path work;
    private static EtcdCluster etcd;
    private static ClusterNodes nodes;

    @BeforeAll
    static void startCluster() throws Exception {
        etcd = EtcdCluster.start(3);
        nodes = ClusterNodes.start(work, etcd, 3);
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void deploy_throughOneNode_isCallableOnEveryNodeRightAfterThe202_evenWithItsJarDeleted() throws Exception {
        Path first = Files.copy(Samples.jar("inspect"), work.resolve("inspect-first.jar"));

        assertEquals(202, nodes.send(0, "POST", "/system/functions", spec("hello", first, "1", 1)).statusCode(),
                nodes.errors());
        Files.delete(first);

        for (int node = 0; node < 3; node++) {
            assertEquals("1", version(call(node, "hello")), "node " + node + " runs the deployed generation");
        }
        Path second = Files.copy(Samples.jar("inspect"), work.resolve("inspect-second.jar"));
        assertEquals(202, nodes.send(1, "PUT", "/system/functions", spec("hello", second, "2", 1)).statusCode());
        Files.delete(second);
        for (int node = 0; node < 3; node++) {
            assertEquals("2", version(call(node, "hello")), "node " + node + " runs the updated generation");
        }
        FunctionStatus status = status(2, "hello");
        assertEquals(second.toString(), status.image(), "the image as deployed, not the node's copy");
        assertEquals(1, status.replicas(), "replicas is the cluster-wide count");
    }

    @Test
    void deploy_ofAJarThatDoesNotLoad_is400_andNothingIsCommitted() {
        HttpResponse<String> refused = nodes.send(1, "POST", "/system/functions", "{\"service\":\"broken\","
                + "\"image\":\"" + Samples.jar("broken") + "\"}");

        assertEquals(400, refused.statusCode(), refused.body());
        for (int node = 0; node < 3; node++) {
            assertEquals(404, nodes.get(node, "/system/function/broken").statusCode(), "nothing on node " + node);
        }
    }

    @Test
    void call_toANodeWithoutAReplica_isForwardedOneHop_andOnlyTheHolderLoadsTheFunction() throws Exception {
        assertEquals(202, nodes.send(0, "POST", "/system/functions", spec("single", Samples.jar("inspect"), "1", 1))
                .statusCode());
        List<String> holders = holders(cluster(0), "single");
        assertEquals(1, holders.size(), "one replica sits on one node: " + cluster(0));

        for (int node = 0; node < 3; node++) {
            int viewer = node;
            Awaits.atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(holders,
                    loadedOn(cluster(viewer), "single"), "only the holder has it loaded, as node " + viewer + " sees"));
        }
        for (int node = 0; node < 3; node++) {
            JsonNode answer = call(node, "single");
            boolean holder = holders.contains("n" + (node + 1));
            assertEquals(!holder, answer.path("headers").has("X-Faas-Jvm-Forwarded-By"),
                    "node n" + (node + 1) + (holder ? " serves it itself" : " forwards it") + ": " + answer);
            assertEquals(200, nodes.get(node, "/system/function/single").statusCode(), "every node has its record");
            HttpResponse<String> logs = nodes.get(node, "/system/logs?name=single");
            assertEquals(200, logs.statusCode(), "logs through node " + node + ": " + logs.body());
        }

        assertEquals(202, nodes.send(1, "POST", "/system/scale-function/single",
                "{\"serviceName\":\"single\",\"replicas\":3}").statusCode());
        Awaits.atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(List.of("n1", "n2", "n3"),
                loadedOn(cluster(2), "single"), "three replicas: loaded on every node"));
        assertEquals(202, nodes.send(1, "POST", "/system/scale-function/single",
                "{\"serviceName\":\"single\",\"replicas\":0}").statusCode());
        Awaits.atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(1,
                loadedOn(cluster(0), "single").size(), "at zero one node keeps it loaded, to scale from zero"));
        for (int node = 0; node < 3; node++) {
            assertEquals("1", version(call(node, "single")), "node " + node + " answers from zero");
        }
    }

    @Test
    void availableReplicas_isWhatTheNodesHaveAvailable_notWhatIsPlanned() throws Exception {
        assertEquals(202, nodes.send(0, "POST", "/system/functions", spec("counted", Samples.jar("inspect"), "1", 1))
                .statusCode());
        String keeper = holders(cluster(0), "counted").get(0);
        int paused = keeper.equals("n3") ? 1 : 2;
        int[] live = paused == 1 ? new int[] {0, 2} : new int[] {0, 1};
        nodes.pause(paused);
        try {
            CompletableFuture<HttpResponse<String>> scaled = CompletableFuture.supplyAsync(() -> nodes.send(live[0],
                    "POST", "/system/scale-function/counted", "{\"serviceName\":\"counted\",\"replicas\":3}"));
            for (int node : live) {
                Awaits.atMost(Duration.ofSeconds(10)).until(() -> status(node, "counted").replicas() == 3);
                FunctionStatus status = status(node, "counted");
                assertTrue(status.availableReplicas() < 3, "the paused node's replica is not available, as node "
                        + node + " sees: " + status.availableReplicas());
            }
            assertEquals(202, scaled.get().statusCode());
            for (int node : live) {
                Awaits.atMost(Duration.ofSeconds(20)).until(() -> status(node, "counted").availableReplicas() == 3);
            }
        } finally {
            nodes.resume(paused);
        }
        Awaits.atMost(Duration.ofSeconds(30)).until(() -> cluster(0).path("nodes").size() == 3);
        for (int node = 0; node < 3; node++) {
            int viewer = node;
            Awaits.atMost(Duration.ofSeconds(20)).until(() -> status(viewer, "counted").availableReplicas() == 3
                    && loadedOn(cluster(viewer), "counted").size() == 3);
        }
    }

    @Test
    void a202_withAPausedNode_dropsIt_andItServesNoOldGenerationWhenItResumes() throws Exception {
        Path jar = Samples.jar("inspect");
        assertEquals(202, nodes.send(0, "POST", "/system/functions", spec("fenced", jar, "1", 3)).statusCode());
        JsonNode before = call(2, "fenced");
        assertEquals("1", version(before));
        assertTrue(!before.path("headers").has("X-Faas-Jvm-Forwarded-By"), "n3 serves it itself: " + before);
        nodes.pause(2);
        try {
            long started = System.nanoTime();
            assertEquals(202, nodes.send(1, "PUT", "/system/functions", spec("fenced", jar, "2", 3)).statusCode());
            long took = (System.nanoTime() - started) / 1_000_000;
            assertTrue(took < 15_000, "the 202 came within the lease's TTL and the peer's timeout: " + took + " ms");
            JsonNode cluster = cluster(0);
            assertEquals(List.of("n1", "n2"), names(cluster), "the paused node is no longer a member: " + cluster);
            for (int node = 0; node < 2; node++) {
                assertEquals("2", version(call(node, "fenced")), "node " + node + " serves the new generation");
            }
        } finally {
            nodes.resume(2);
        }
        Awaits.atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            HttpResponse<String> answer = nodes.send(2, "POST", "/function/fenced", "hi");
            if (answer.statusCode() == 503) {
                assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.headers().toString());
                return false;
            }
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("2", version(JSON.readTree(answer.body())), "never the old generation after the 202");
            return true;
        });
        Awaits.atMost(Duration.ofSeconds(30)).until(() -> cluster(0).path("nodes").size() == 3);
        assertEquals("2", version(call(2, "fenced")));
    }

    @Test
    void scaleToZero_clusterWide_thenACallOnAnyNodeScalesFromZero() throws Exception {
        assertEquals(202, nodes.send(2, "POST", "/system/functions", spec("zero", Samples.jar("inspect"), "1", 1))
                .statusCode());

        assertEquals(202, nodes.send(0, "POST", "/system/scale-function/zero",
                "{\"serviceName\":\"zero\",\"replicas\":0}").statusCode());

        for (int node = 0; node < 3; node++) {
            assertEquals(0, status(node, "zero").replicas(), "zero replicas, as seen from node " + node);
        }
        for (int node = 0; node < 3; node++) {
            assertEquals("1", version(call(node, "zero")), "a call to node " + node + " scales from zero");
        }
    }

    @Test
    void concurrentChanges_throughTwoNodes_areSerialisedNotLost() throws Exception {
        Path jar = Samples.jar("inspect");
        assertEquals(202, nodes.send(0, "POST", "/system/functions", spec("race", jar, "0", 1)).statusCode());

        CompletableFuture<Void> updates = CompletableFuture.runAsync(() -> {
            for (int version = 1; version <= 5; version++) {
                assertEquals(202, nodes.send(0, "PUT", "/system/functions", spec("race", jar, "" + version, 1))
                        .statusCode());
            }
        });
        CompletableFuture<Void> scales = CompletableFuture.runAsync(() -> {
            for (int replicas : new int[] {2, 4, 1, 2, 3}) {
                assertEquals(202, nodes.send(1, "POST", "/system/scale-function/race",
                        "{\"serviceName\":\"race\",\"replicas\":" + replicas + "}").statusCode());
            }
        });
        CompletableFuture<Void> secrets = CompletableFuture.allOf(createSecrets(0, "a"), createSecrets(2, "b"));
        CompletableFuture.allOf(updates, scales, secrets).join();

        for (int node = 0; node < 3; node++) {
            FunctionStatus status = status(node, "race");
            assertEquals("5", status.envVars().get("v"), "the last update is kept on node " + node);
            assertEquals(3, status.replicas(), "the last scale is kept on node " + node);
        }
        String listed = nodes.get(1, "/system/secrets").body();
        for (String prefix : List.of("a", "b")) {
            for (int i = 0; i < 4; i++) {
                assertTrue(listed.contains("\"" + prefix + i + "\""), "secret " + prefix + i + " in " + listed);
            }
        }
    }

    private static CompletableFuture<Void> createSecrets(int node, String prefix) {
        return CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 4; i++) {
                assertEquals(202, nodes.send(node, "POST", "/system/secrets", "{\"name\":\"" + prefix + i
                        + "\",\"value\":\"x\"}").statusCode() / 100 * 100 + 2, "secret " + prefix + i);
            }
        });
    }

    @Test
    void replicas_spreadAcrossNodes_moveWhenANodeDies_andTheRestartedNodeConvergesBeforeItServes()
            throws Exception {
        Path jar = Samples.jar("inspect");
        assertEquals(202, nodes.send(0, "POST", "/system/functions", spec("spread", jar, "1", 3)).statusCode());
        JsonNode before = cluster(1);
        for (JsonNode node : before.path("nodes")) {
            assertEquals(1, replicasOn(node, "spread"), "one replica on each node: " + before);
        }
        // Asked of the nodes that hold them: each publishes what it has available within moments.
        Awaits.atMost(Duration.ofSeconds(5)).until(() -> status(1, "spread").availableReplicas() == 3);

        nodes.kill(2);
        Awaits.atMost(Duration.ofSeconds(30)).until(() -> cluster(0).path("nodes").size() == 2);
        JsonNode after = cluster(0);
        int total = 0;
        for (JsonNode node : after.path("nodes")) {
            total += replicasOn(node, "spread");
        }
        assertEquals(3, total, "the dead node's replica moved to a survivor: " + after);
        assertEquals(202, nodes.send(0, "PUT", "/system/functions", spec("spread", jar, "2", 3)).statusCode());

        nodes.launch(2);

        assertEquals("2", version(call(2, "spread")), "the restarted node serves the current generation at once");
        Awaits.atMost(Duration.ofSeconds(30)).until(() -> cluster(0).path("nodes").size() == 3);
    }

    @Test
    void logs_fromEveryNode_areMergedByTime() throws Exception {
        deployPrinterOnEveryNode("printer");
        for (int node = 0; node < 3; node++) {
            assertEquals(200, nodes.send(node, "POST", "/function/printer?text=from-n" + (node + 1), "").statusCode());
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : nodes.get(0, "/system/logs?name=printer").body().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }

        for (int node = 1; node <= 3; node++) {
            String text = "from-n" + node + " 1";
            String instance = "n" + node + "/";
            assertTrue(lines.stream().anyMatch(line -> line.path("text").asText().contains(text)
                    && line.path("instance").asText().startsWith(instance)), "a line of n" + node + " in " + lines);
        }
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(!Instant.parse(lines.get(i).path("timestamp").asText())
                    .isBefore(Instant.parse(lines.get(i - 1).path("timestamp").asText())), "merged by time: " + lines);
        }
    }

    @Test
    void logs_followedOnOneNode_streamNewLinesOfEveryNode() throws Exception {
        deployPrinterOnEveryNode("follower");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> follow = follow(0, "follower", seen);
        try {
            for (int node = 0; node < 3; node++) {
                assertEquals(200, nodes.send(node, "POST", "/function/follower?text=live-n" + (node + 1), "")
                        .statusCode());
            }

            Awaits.atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (int node = 1; node <= 3; node++) {
                    String text = "live-n" + node + " 1";
                    String instance = "\"instance\":\"n" + node + "/";
                    assertTrue(seen.stream().anyMatch(line -> line.contains(text) && line.contains(instance)),
                            "a followed line of n" + node + " in " + seen);
                }
            });
        } finally {
            follow.body().close();
        }
    }

    @Test
    void logs_followedOnOneNode_goOnWhileANodeIsDown_andTakeInTheNodeWhenItComesBack() throws Exception {
        deployPrinterOnEveryNode("rejoin");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> follow = follow(0, "rejoin", seen);
        try {
            nodes.kill(2);
            assertEquals(200, nodes.send(1, "POST", "/function/rejoin?text=while-n3-is-down", "").statusCode());
            Awaits.atMost(Duration.ofSeconds(20)).until(() -> followed(seen, "while-n3-is-down 1", "n2"));

            nodes.launch(2);
            assertEquals(200, nodes.send(2, "POST", "/function/rejoin?text=from-the-restarted-n3", "")
                    .statusCode());

            Awaits.atMost(Duration.ofSeconds(20)).until(() -> followed(seen, "from-the-restarted-n3 1", "n3"));
            assertEquals(200, nodes.send(1, "POST", "/function/rejoin?text=still-open", "").statusCode());
            Awaits.atMost(Duration.ofSeconds(20)).until(() -> followed(seen, "still-open 1", "n2"));
        } finally {
            follow.body().close();
            Awaits.atMost(Duration.ofSeconds(30)).until(() -> cluster(0).path("nodes").size() == 3);
        }
    }

    /** Deploys the printer sample through node 0 with a replica on every node. */
    private static void deployPrinterOnEveryNode(String function) {
        assertEquals(202, nodes.send(0, "POST", "/system/functions", "{\"service\":\"" + function + "\",\"image\":\""
                + Samples.jar("printer") + "\",\"labels\":{\"com.openfaas.scale.min\":\"3\"}}").statusCode());
    }

    /** Follows a function's logs through one node, each line read into {@code seen} on a thread of its own. */
    private static HttpResponse<java.util.stream.Stream<String>> follow(int node, String function, List<String> seen)
            throws Exception {
        HttpResponse<java.util.stream.Stream<String>> follow = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(nodes.uri(node, "/system/logs?name=" + function + "&follow=true"))
                        .build(), HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                follow.body().forEach(seen::add);
            } catch (java.io.UncheckedIOException e) {
                // the test hung up
            }
        });
        reader.setDaemon(true);
        reader.start();
        return follow;
    }

    private static boolean followed(List<String> seen, String text, String node) {
        return seen.stream().anyMatch(line -> line.contains(text) && line.contains("\"instance\":\"" + node + "/"));
    }

    @Test
    void etcd_oneMemberLost_changesGoOn_noQuorum_writesAnswer503NamingTheStore_callsStillServed()
            throws Exception {
        Path jar = Samples.jar("inspect");
        assertEquals(202, nodes.send(0, "POST", "/system/functions", spec("steady", jar, "1", 1)).statusCode());
        try {
            etcd.kill(0);
            etcd.awaitHealthy(1); // a new leader, if the lost member was it
            assertEquals(202, nodes.send(1, "POST", "/system/functions", spec("steady2", jar, "1", 1)).statusCode(),
                    "one etcd member lost: changes go on");

            etcd.kill(1);
            HttpResponse<String> refused = nodes.send(2, "POST", "/system/functions", spec("refused", jar, "1", 1));
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("deployment store"), refused.body());
            for (int node = 0; node < 3; node++) {
                assertEquals("1", version(call(node, "steady")), "calls are still served on node " + node);
            }
        } finally {
            etcd.launch(0);
            etcd.launch(1);
            etcd.awaitHealthy(0);
            etcd.awaitHealthy(1);
        }
        Awaits.atMost(Duration.ofSeconds(30)).until(() -> nodes.send(2, "POST", "/system/functions",
                spec("recovered", jar, "1", 1)).statusCode() == 202);
        for (int node = 0; node < 3; node++) {
            assertEquals("1", version(call(node, "recovered")), "node " + node + " follows etcd again");
        }
    }

    static String spec(String name, Path jar, String version, int minReplicas) {
        return "{\"service\":\"" + name + "\",\"image\":\"" + jar + "\",\"envProcess\":\"" + INSPECT + "\","
                + "\"envVars\":{\"v\":\"" + version + "\"},"
                + "\"labels\":{\"com.openfaas.scale.min\":\"" + minReplicas + "\"}}";
    }

    private static JsonNode call(int node, String function) throws Exception {
        HttpResponse<String> response = nodes.send(node, "POST", "/function/" + function, "hi");
        assertEquals(200, response.statusCode(), "call of " + function + " on node " + node + ": "
                + response.body());
        return JSON.readTree(response.body());
    }

    private static String version(JsonNode inspect) {
        return inspect.path("env").path("v").asText();
    }

    private static FunctionStatus status(int node, String function) {
        HttpResponse<String> response = nodes.get(node, "/system/function/" + function);
        assertEquals(200, response.statusCode(), response.body());
        return Json.read(response.body().getBytes(StandardCharsets.UTF_8), FunctionStatus.class);
    }

    private static JsonNode cluster(int node) throws Exception {
        return JSON.readTree(nodes.get(node, "/system/cluster").body());
    }

    private static int replicasOn(JsonNode node, String function) {
        for (JsonNode placed : node.path("functions")) {
            if (placed.path("name").asText().equals(function)) {
                return placed.path("replicas").asInt();
            }
        }
        return 0;
    }

    private static List<String> loadedOn(JsonNode cluster, String function) {
        List<String> loaded = new ArrayList<>();
        for (JsonNode node : cluster.path("nodes")) {
            for (JsonNode held : node.path("loaded")) {
                if (held.path("name").asText().equals(function)) {
                    loaded.add(node.path("name").asText());
                }
            }
        }
        return loaded;
    }

    private static List<String> names(JsonNode cluster) {
        List<String> names = new ArrayList<>();
        cluster.path("nodes").forEach(node -> names.add(node.path("name").asText()));
        return names;
    }

    private static List<String> holders(JsonNode cluster, String function) {
        List<String> holders = new ArrayList<>();
        for (JsonNode node : cluster.path("nodes")) {
            if (replicasOn(node, function) > 0) {
                holders.add(node.path("name").asText());
            }
        }
        return holders;
    }
}
