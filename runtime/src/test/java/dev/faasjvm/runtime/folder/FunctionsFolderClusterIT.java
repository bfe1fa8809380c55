package dev.faasjvm.runtime.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.etcd.EtcdClient;
import dev.faasjvm.runtime.etcd.EtcdConfig;
import dev.faasjvm.runtime.etcd.KeyValue;
import dev.faasjvm.runtime.etcd.StoreKeys;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.ClusterNodes;
import dev.faasjvm.runtime.testing.EtcdCluster;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real faas-jvm processes over one real 3-member etcd, each with a {@code --functions} folder
 * of its own: the same JAR in every folder is one deployment, written once; of different JARs the
 * newer runs everywhere; a JAR removed from its source's folder deletes the function unless
 * another live node's folder still provides it; a deploy or update through the API is never
 * overwritten by a folder. Skips with one line when no etcd binary is installed.
 */
final class FunctionsFolderClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough for several polls of every folder (200 ms each) and for a write to reach every node. */
    private static final Duration STABLE = Duration.ofSeconds(3);
    private static final StoreKeys KEYS = new StoreKeys(StoreKeys.DEFAULT_PREFIX);

    @TempDir
    static Path work;
    private static EtcdCluster etcd;
    private static ClusterNodes nodes;
    private static EtcdClient client;

    @BeforeAll
    static void startCluster() throws Exception {
        etcd = EtcdCluster.start(3);
        for (int node = 0; node < 3; node++) {
            Files.createDirectories(folder(node));
            Files.copy(Samples.jar("echo"), folder(node).resolve("same.jar"));
        }
        nodes = ClusterNodes.start(work, etcd, 3, node -> List.of("--functions", folder(node).toString()),
                "--functions-poll", "200ms");
        client = EtcdClient.create(new EtcdConfig(EtcdConfig.parse(etcd.endpoints()), "", "", null, null, null,
                Duration.ofSeconds(2)));
        for (int node = 0; node < 3; node++) {
            awaitReady(node);
        }
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
    void sameJarInEveryFolderAtStart_isOneDeployment_writtenOnce_andStaysSo() {
        for (int node = 0; node < 3; node++) {
            int n = node;
            // While the three nodes still join, a call may be told the function is moving; it then runs.
            Awaits.atMost(WAIT).untilAsserted(() -> assertEquals("hi", call(n, "same"),
                    "node " + n + " runs it"));
        }
        KeyValue written = entry("same");

        assertEquals(written.createRevision(), written.modRevision(), "three starting nodes wrote it once");
        Awaits.atMost(STABLE.plusSeconds(5)).during(STABLE).untilAsserted(() ->
                assertEquals(written.modRevision(), entry("same").modRevision(), "no node writes it again"));
    }

    @Test
    void differentJars_theNewerRunsEverywhere_andTheNodeWithTheOlderOneSaysSo() throws Exception {
        Instant now = Instant.now();
        place(0, "diff", "echo", now.minusSeconds(3600));
        awaitEverywhere("diff", "hi");

        place(1, "diff", "printer", now);
        awaitEverywhere("diff", "printed 1");
        Awaits.atMost(WAIT).until(() -> nodes.node(1).errors().contains("replacing node n1's older diff.jar"));

        place(2, "diff", "echo", now.minusSeconds(7200));
        Awaits.atMost(WAIT).until(() -> nodes.node(2).errors().contains("skipped diff.jar: node n2's functions"
                + " folder provides another diff.jar"));
        Awaits.atMost(STABLE.plusSeconds(5)).during(STABLE).untilAsserted(() -> {
            for (int node = 0; node < 3; node++) {
                assertEquals("printed 1", call(node, "diff"), "node " + node + " still runs the newer JAR");
            }
        });
    }

    @Test
    void jarRemovedFromItsSourcesFolder_isDeletedEverywhere() throws Exception {
        place(0, "gone", "echo", Instant.now());
        awaitEverywhere("gone", "hi");

        Files.delete(folder(0).resolve("gone.jar"));

        awaitDeletedEverywhere("gone");
    }

    @Test
    void jarRemovedFromItsSourcesFolder_whileAnotherNodeProvidesIt_staysWithThatNodesJar() throws Exception {
        Instant now = Instant.now();
        place(0, "kept", "echo", now);
        awaitEverywhere("kept", "hi");
        place(1, "kept", "printer", now.minusSeconds(3600)); // older: n1's stays the source
        Awaits.atMost(WAIT).until(() -> client.get(KEYS.folder("n2"))
                .map(kv -> new String(kv.value(), StandardCharsets.UTF_8).contains("\"kept\"")).orElse(false));
        assertEquals("hi", call(2, "kept"));

        Files.delete(folder(0).resolve("kept.jar"));

        awaitEverywhere("kept", "printed 1");
        assertEquals("n2", status(0, "kept").annotations().get(FunctionsFolder.NODE_ANNOTATION));
        Files.delete(folder(1).resolve("kept.jar"));
        awaitDeletedEverywhere("kept");
    }

    @Test
    void updateThroughTheApi_isNeverOverwrittenByAFolder_notEvenAfterARestart() throws Exception {
        place(2, "api", "echo", Instant.now());
        awaitEverywhere("api", "hi");
        // A client that sends back the status it read, the folder's annotations included.
        FunctionStatus folders = status(0, "api");
        String update = "{\"service\":\"api\",\"image\":\"" + Samples.jar("printer") + "\",\"annotations\":"
                + Json.writeString(folders.annotations()) + "}";
        assertEquals(202, nodes.send(0, "PUT", "/system/functions", update).statusCode());
        awaitEverywhere("api", "printed 1");

        place(2, "api", "inspect", Instant.now().plusSeconds(60));
        Awaits.atMost(WAIT).until(() -> nodes.node(2).errors().contains("skipped api.jar: function \"api\" was"
                + " deployed or updated through the API"));
        nodes.kill(2);
        nodes.launch(2);
        awaitReady(2);

        Awaits.atMost(WAIT).until(() -> nodes.node(2).errors().contains("faas-jvm: functions folder: skipped"
                + " api.jar: function \"api\" was deployed or updated through the API")); // said at start
        for (int node = 0; node < 3; node++) {
            assertEquals("printed 1", call(node, "api"), "node " + node + " runs what the API deployed");
        }
    }

    /** Puts a sample JAR into a node's folder as {@code name.jar}, modified at {@code modified}, at once. */
    private static void place(int node, String name, String sample, Instant modified) throws IOException {
        Path hidden = folder(node).resolve("." + name + ".jar");
        Files.copy(Samples.jar(sample), hidden, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(hidden, FileTime.from(modified));
        Files.move(hidden, folder(node).resolve(name + ".jar"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path folder(int node) {
        return work.resolve("f" + (node + 1));
    }

    private static void awaitEverywhere(String function, String answer) {
        Awaits.atMost(WAIT).untilAsserted(() -> {
            for (int node = 0; node < 3; node++) {
                assertEquals(answer, call(node, function), "node " + node);
            }
        });
    }

    private static void awaitDeletedEverywhere(String function) {
        Awaits.atMost(WAIT).untilAsserted(() -> {
            for (int node = 0; node < 3; node++) {
                assertEquals(404, nodes.get(node, "/system/function/" + function).statusCode(), "deleted on node "
                        + node);
            }
        });
    }

    private static void awaitReady(int node) {
        Awaits.atMost(WAIT).until(() -> nodes.get(node, "/healthz?ready=1").statusCode() == 200);
    }

    private static String call(int node, String function) {
        return nodes.send(node, "POST", "/function/" + function, "hi").body();
    }

    private static FunctionStatus status(int node, String function) {
        HttpResponse<String> response = nodes.get(node, "/system/function/" + function);
        assertEquals(200, response.statusCode(), response.body());
        return Json.read(response.body().getBytes(StandardCharsets.UTF_8), FunctionStatus.class);
    }

    private static KeyValue entry(String function) {
        return client.get(KEYS.function(function, ProviderBackend.DEFAULT_NAMESPACE)).orElseThrow();
    }
}
