package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.ArtifactServer;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Everything a client was told succeeded comes back after a restart; nothing else does. */
final class DurableStateIT {
    private static final String TEAM = "{\"name\":\"team\",\"labels\":{\"openfaas\":\"1\"}}";
    @RegisterExtension
    final TestServer server = TestServer.create();
    @RegisterExtension
    final ArtifactServer artifacts = ArtifactServer.create();

    @Test
    void deployAndUpdate_thenRestart_functionComesBackAsLastUpdatedWithItsReplicasAndCreationTime()
            throws Exception {
        assertEquals(202, server.post("/system/functions", inspect("fn", "1", 2)).statusCode());
        String createdAt = field(server.get("/system/function/fn").body(), "createdAt");
        assertEquals(202, server.put("/system/functions", inspect("fn", "2", 3)).statusCode());

        server.restart();

        String status = server.get("/system/function/fn").body();
        assertAll(
                () -> assertEquals(createdAt, field(status, "createdAt")),
                () -> assertTrue(status.contains("\"replicas\":3"), status),
                () -> assertTrue(status.contains("\"availableReplicas\":3"), status),
                () -> assertTrue(server.get("/function/fn").body().contains("\"env\":{\"v\":\"2\"}")));
    }

    @Test
    void delete_thenRestart_functionStaysGone() throws Exception {
        server.deploy("gone", "echo");
        server.deploy("kept", "echo");
        assertEquals(202, server.delete("/system/functions", "{\"functionName\":\"gone\"}").statusCode());

        server.restart();

        assertEquals(404, server.get("/system/function/gone").statusCode());
        assertEquals("hi", server.post("/function/kept", "hi").body());
    }

    @Test
    void refusedDeployAndUpdate_thenRestart_leaveNoTrace() throws Exception {
        server.deploy("fn", "echo");
        assertEquals(400, server.post("/system/functions", Samples.deployment("broken", "broken")).statusCode());
        assertEquals(400, server.put("/system/functions", Samples.deployment("fn", "nohandler")).statusCode());

        server.restart();

        assertEquals(404, server.get("/system/function/broken").statusCode());
        assertEquals("hi", server.post("/function/fn", "hi").body());
        assertFalse(Files.exists(server.stateDir().resolve("deployments/openfaas-fn/broken.json")));
    }

    @Test
    void restart_reportsHowManyWereRestored() throws Exception {
        server.deploy("one", "echo");
        server.deploy("two", "echo");

        server.restart();

        String state = server.get("/system/state").body();
        assertTrue(state.contains("\"restored\":2"), state);
        assertTrue(state.contains("\"problems\":[]"), state);
        assertEquals(2, server.provider().restored().restored());
    }

    @Test
    void corruptEntry_isReportedByNameAndReason_theRestStart_andTheFileIsLeftAlone() throws Exception {
        server.deploy("fine", "echo");
        Path corrupt = server.stateDir().resolve("deployments/openfaas-fn/torn.json");
        Files.writeString(corrupt, "{\"format\":1,\"spec\":{\"service\":\"to");

        server.restart();

        HttpResponse<String> state = server.get("/system/state");
        assertAll(
                () -> assertEquals(200, state.statusCode()),
                () -> assertTrue(state.body().contains("\"entry\":\"deployments/openfaas-fn/torn.json\""), state.body()),
                () -> assertTrue(state.body().contains("\"reason\":\"Invalid JSON"), state.body()),
                () -> assertTrue(state.body().contains("\"restored\":1"), state.body()),
                () -> assertEquals("hi", server.post("/function/fine", "hi").body()),
                () -> assertEquals("{\"format\":1,\"spec\":{\"service\":\"to", Files.readString(corrupt)));
    }

    @Test
    void entryWhoseJarIsGone_isReportedAndKept_theRestStart() throws Exception {
        Path jar = Files.copy(Samples.jar("echo"), server.stateDir().resolve("vanishing.jar"));
        assertEquals(202, server.post("/system/functions",
                "{\"service\":\"vanishing\",\"image\":\"" + jar.toUri() + "\"}").statusCode());
        server.deploy("fine", "echo");
        Files.delete(jar);

        server.restart();

        String state = server.get("/system/state").body();
        assertTrue(state.contains("\"entry\":\"deployments/openfaas-fn/vanishing.json\""), state);
        assertTrue(state.contains("no file or folder at"), state);
        assertTrue(Files.exists(server.stateDir().resolve("deployments/openfaas-fn/vanishing.json")));
        assertEquals("hi", server.post("/function/fine", "hi").body());
    }

    @Test
    void remoteImage_whoseServerIsDownAtRestart_isRestoredFromTheArtifactCache() throws Exception {
        String image = artifacts.serve("/echo.jar", Files.readAllBytes(Samples.jar("echo"))).uri("/echo.jar")
                .toString();
        assertEquals(202, server.post("/system/functions",
                "{\"service\":\"remote\",\"image\":\"" + image + "\"}").statusCode());
        artifacts.stop();

        server.restart();

        assertEquals("hi", server.post("/function/remote", "hi").body());
        assertEquals(List.of(), server.provider().restored().problems());
        assertTrue(server.get("/system/function/remote").body().contains("\"image\":\"" + image + "\""),
                "the status shows the image as deployed, not the pinned copy");
    }

    @Test
    void unwritableStateDirectory_failsEveryChangeWith500_andChangesNothing() throws Exception {
        assertEquals(202, server.post("/system/functions", inspect("fn", "1", 1)).statusCode());
        Path namespaceDir = server.stateDir().resolve("deployments/openfaas-fn");
        Path moved = server.stateDir().resolve("moved-away");
        Files.move(namespaceDir, moved);
        Files.writeString(namespaceDir, "a file where the folder was: unwritable, even for root");

        HttpResponse<String> deploy = server.post("/system/functions", Samples.deployment("other", "echo"));
        HttpResponse<String> update = server.put("/system/functions", inspect("fn", "2", 1));
        HttpResponse<String> delete = server.delete("/system/functions", "{\"functionName\":\"fn\"}");
        HttpResponse<String> scale = server.post("/system/scale-function/fn", "{\"serviceName\":\"fn\",\"replicas\":3}");

        assertAll(
                () -> assertEquals(500, deploy.statusCode()),
                () -> assertTrue(deploy.body().contains("Cannot deploy \"other\": its state cannot be written"),
                        deploy.body()),
                () -> assertTrue(deploy.body().contains("nothing was changed"), deploy.body()),
                () -> assertEquals(500, update.statusCode()),
                () -> assertTrue(update.body().contains("Cannot update \"fn\""), update.body()),
                () -> assertEquals(500, delete.statusCode()),
                () -> assertTrue(delete.body().contains("Cannot delete \"fn\""), delete.body()),
                () -> assertTrue(delete.body().contains("it keeps running"), delete.body()),
                () -> assertEquals(500, scale.statusCode()),
                () -> assertTrue(scale.body().contains("Cannot scale \"fn\""), scale.body()),
                () -> assertEquals(1, server.replicas("fn")),
                () -> assertEquals(404, server.get("/system/function/other").statusCode()),
                () -> assertTrue(server.get("/function/fn").body().contains("\"env\":{\"v\":\"1\"}")));
        Files.delete(namespaceDir);
        Files.move(moved, namespaceDir);
        server.restart();
        assertEquals(404, server.get("/system/function/other").statusCode());
        assertTrue(server.get("/function/fn").body().contains("\"env\":{\"v\":\"1\"}"));
    }

    @Test
    void scale_thenRestart_functionComesBackWithTheCountTheClientAskedFor() throws Exception {
        server.deployJson(inspect("fn", "1", 1));
        assertEquals(202, server.scale("fn", 3));

        server.restart();

        assertEquals(3, server.replicas("fn"));
        assertEquals(3, server.availableReplicas("fn"));
        assertTrue(stored("fn").contains("\"replicas\":3"), stored("fn"));
    }

    @Test
    void idledToZero_thenRestart_comesBackAtItsStoredCountAndIdlesAgain() throws Exception {
        server.deployJson(idling("fn"));
        assertEquals(202, server.scale("fn", 2));
        server.ticker().advance(Duration.ofMinutes(3));
        Awaits.atMost(Duration.ofSeconds(30)).until(() -> server.replicas("fn") == 0);

        server.restart();

        assertEquals(2, server.replicas("fn"));
        assertEquals(2, server.availableReplicas("fn"));
        server.ticker().advance(Duration.ofMinutes(3));
        Awaits.atMost(Duration.ofSeconds(30)).until(() -> server.replicas("fn") == 0);
    }

    @Test
    void scaledToZeroByClient_thenRestart_comesBackAtZeroAndScalesUpOnACall() throws Exception {
        server.deployJson(inspect("fn", "1", 1));
        assertEquals(202, server.scale("fn", 0));

        server.restart();

        assertEquals(0, server.replicas("fn"));
        assertEquals(200, server.get("/function/fn").statusCode());
        assertEquals(1, server.availableReplicas("fn"));
    }

    @Test
    void functionInACreatedNamespaceWithASecret_thenRestart_comesBackReadingTheSecret() throws Exception {
        assertEquals(201, server.post("/system/namespace/", TEAM).statusCode());
        assertEquals(201, server.post("/system/secrets",
                "{\"name\":\"token\",\"namespace\":\"team\",\"value\":\"kept\"}").statusCode());
        assertEquals(202, server.post("/system/functions", "{\"service\":\"reader\",\"namespace\":\"team\","
                + "\"image\":\"" + Samples.jar("secret").toUri() + "\",\"secrets\":[\"token\"]}").statusCode());

        server.restart();

        String state = server.get("/system/state").body();
        assertAll(
                () -> assertTrue(state.contains("\"restored\":1"), state),
                () -> assertTrue(state.contains("\"problems\":[]"), state),
                () -> assertEquals("kept", server.get("/function/reader.team?name=token").body()),
                () -> assertEquals(409, server.delete("/system/namespace/team", TEAM).statusCode(),
                        "the restored function still holds its namespace"));
    }

    private String stored(String name) throws Exception {
        return Files.readString(server.stateDir().resolve("deployments/openfaas-fn/" + name + ".json"));
    }

    private static String idling(String name) {
        return "{\"service\":\"" + name + "\",\"image\":\"" + Samples.jar("inspect").toUri() + "\","
                + "\"labels\":{\"com.openfaas.scale.zero\":\"true\",\"com.openfaas.scale.zero-duration\":\"2m\"}}";
    }

    private static String inspect(String name, String version, int minReplicas) {
        return "{\"service\":\"" + name + "\",\"image\":\"" + Samples.jar("inspect").toUri() + "\","
                + "\"envVars\":{\"v\":\"" + version + "\"},"
                + "\"labels\":{\"com.openfaas.scale.min\":\"" + minReplicas + "\"}}";
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }
}
