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
 * deploy still constructing. Over HTTP with the {@code slowstart} sample.
 */
@Timeout(60)
final class ConstructTimeoutIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

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

    private HttpResponse<String> deploy(String json) {
        return server.post("/system/functions", json);
    }

    private static String slowStart(String name, Path hold, boolean ignoreInterrupt, String more) {
        return "{\"service\":\"" + name + "\",\"image\":\"" + Samples.jar("slowstart").toUri()
                + "\",\"envVars\":{\"HOLD_WHILE\":\"" + hold + "\",\"IGNORE_INTERRUPT\":\"" + ignoreInterrupt + "\"}"
                + more + "}";
    }
}
