package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler constructor that never returns cannot hold a deploy, its name or the server (issue
 * 10): the construct timeout ({@code --construct-timeout}, annotation
 * {@code com.faas-jvm.construct-timeout}) fails the deploy with a 400, and a DELETE cancels a
 * deploy still constructing; nor can it hold the deploy's namespace: deleting it is a 409 after a
 * bound of its own. Over HTTP with the {@code slowstart} sample.
 */
@Timeout(60)
final class ConstructTimeoutIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TEAM = "{\"name\":\"team\",\"labels\":{\"openfaas\":\"1\"}}";

    @RegisterExtension
    final TestServer server = TestServer.withOptions("--construct-timeout", "1s");

    @TempDir
    Path dir;

    private Path hold;

    @AfterEach
    void releaseConstructors() throws IOException {
        if (hold != null) {
            Files.deleteIfExists(hold); // lets abandoned constructors end
        }
    }

    @Test
    void deploy_constructorThatNeverReturns_is400NamingTheTimeout_andTheNameIsFreeAtOnce() throws IOException {
        hold = Files.createFile(dir.resolve("hold"));

        HttpResponse<String> stuck = deploy(slowStart("slow", hold, true, ""));

        assertAll(
                () -> assertEquals(400, stuck.statusCode(), stuck.body()),
                () -> assertTrue(stuck.body().contains("construct timeout of 1s"), stuck.body()),
                () -> assertTrue(stuck.body().contains("--construct-timeout"), stuck.body()),
                () -> assertEquals(404, server.get("/system/function/slow").statusCode(), "nothing registered"));
        HttpResponse<String> again = deploy(slowStart("slow", dir.resolve("no-hold"), false, ""));
        assertEquals(202, again.statusCode(), again.body());
        assertEquals("ready slow-2-1", server.get("/function/slow").body());
    }

    @Test
    void deploy_constructTimeoutAnnotation_overridesTheRuntimeDefault() throws IOException {
        hold = Files.createFile(dir.resolve("hold"));

        HttpResponse<String> stuck = deploy(slowStart("slow", hold, false,
                ",\"annotations\":{\"com.faas-jvm.construct-timeout\":\"300ms\"}"));

        assertEquals(400, stuck.statusCode(), stuck.body());
        assertTrue(stuck.body().contains("construct timeout of 300ms"), stuck.body());
    }

    @Test
    void delete_ofAFunctionStillConstructing_cancelsItsDeploy() throws IOException {
        hold = Files.createFile(dir.resolve("hold"));
        CompletableFuture<HttpResponse<String>> deploying = server.client().sendAsync(server.authenticated(
                HttpRequest.newBuilder(server.uri("/system/functions")).POST(HttpRequest.BodyPublishers.ofString(
                        slowStart("slow", hold, true, ",\"annotations\":{\"com.faas-jvm.construct-timeout\":\"50s\"}"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        Awaits.atMost(WAIT).until(() -> Files.exists(dir.resolve("hold.started")));

        HttpResponse<String> deleted = server.delete("/system/functions", "{\"functionName\":\"slow\"}");

        HttpResponse<String> deploy = deploying.join();
        assertAll(
                () -> assertEquals(202, deleted.statusCode(), deleted.body()),
                () -> assertEquals(409, deploy.statusCode(), deploy.body()),
                () -> assertTrue(deploy.body().contains("was deleted while its handler was being constructed"),
                        deploy.body()),
                () -> assertEquals(404, server.get("/system/function/slow").statusCode()));
    }

    @Test
    void update_whileAnotherChangeOfTheNameConstructs_isAnsweredWithinABound() throws IOException {
        hold = Files.createFile(dir.resolve("hold"));
        CompletableFuture<HttpResponse<String>> deploying = server.client().sendAsync(server.authenticated(
                HttpRequest.newBuilder(server.uri("/system/functions")).POST(HttpRequest.BodyPublishers.ofString(
                        slowStart("slow", hold, true, ",\"annotations\":{\"com.faas-jvm.construct-timeout\":\"50s\"}"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        Awaits.atMost(WAIT).until(() -> Files.exists(dir.resolve("hold.started")));

        HttpResponse<String> update = server.put("/system/functions", Samples.deployment("slow", "echo"));

        assertEquals(409, update.statusCode(), update.body());
        assertTrue(update.body().contains("is being changed by another request"), update.body());
        assertEquals(200, server.get("/healthz").statusCode());
        Files.delete(hold);
        assertEquals(202, deploying.join().statusCode());
    }

    @Test
    void namespaceDelete_whileADeployIntoItConstructs_is409WithinTheNamespaceBound_namingWhatHoldsIt()
            throws IOException {
        assertEquals(201, server.post("/system/namespace/", TEAM).statusCode());
        assertEquals(201, server.post("/system/namespace/", TEAM.replace("team", "other")).statusCode());
        hold = Files.createFile(dir.resolve("hold"));
        CompletableFuture<HttpResponse<String>> deploying = server.client().sendAsync(server.authenticated(
                HttpRequest.newBuilder(server.uri("/system/functions")).POST(HttpRequest.BodyPublishers.ofString(
                        slowStart("slow", hold, false, ",\"namespace\":\"team\",\"annotations\":"
                                + "{\"com.faas-jvm.construct-timeout\":\"50s\"}")))).build(),
                HttpResponse.BodyHandlers.ofString());
        Awaits.atMost(WAIT).until(() -> Files.exists(dir.resolve("hold.started")));

        long start = System.nanoTime();
        HttpResponse<String> deleted = server.send(HttpRequest.newBuilder(server.uri("/system/namespace/team"))
                .timeout(Duration.ofSeconds(15)).method("DELETE", HttpRequest.BodyPublishers.ofString(TEAM)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertAll(
                () -> assertEquals(409, deleted.statusCode(), deleted.body()),
                () -> assertTrue(deleted.body().contains("Namespace \"team\" is held by another request"
                        + " (deploy of function \"slow\") and it waited 2s"), deleted.body()),
                () -> assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "answered within the bound: " + took),
                () -> assertEquals(200, server.get("/healthz").statusCode()));
        server.deployJson(Samples.deployment("elsewhere", "echo").replaceFirst("\\{", "{\"namespace\":\"other\","));
        Files.delete(hold);
        assertEquals(202, deploying.join().statusCode(), "the deploy holding the namespace completes");
        HttpResponse<String> refused = server.delete("/system/namespace/team", TEAM);
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("still holds functions [slow]"), refused.body());
    }

    private HttpResponse<String> deploy(String json) {
        return server.post("/system/functions", json);
    }

    private static String slowStart(String name, Path hold, boolean ignoreInterrupt, String more) {
        return "{\"service\":\"" + name + "\",\"image\":\"" + Samples.jar("slowstart").toUri()
                + "\",\"envVars\":{\"HOLD_WHILE\":\"" + hold + "\",\"IGNORE_INTERRUPT\":\"" + ignoreInterrupt + "\"}"
                + more + "}";
    }
}
