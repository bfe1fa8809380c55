package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.ForkedRuntime;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime serves before its stored functions are restored (issue 10): {@code /healthz} answers
 * at once, {@code /healthz?ready=1} only once the restore is done, a function not restored yet is
 * listed with no replica available and its calls wait (bounded by its exec_timeout) or get 503
 * with {@code Retry-After}; one whose constructor never returns fails after its construct timeout
 * and is reported, and the rest serve. Forked runtimes, the {@code slowstart} sample.
 */
@Timeout(90)
final class BackgroundRestoreIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    private ForkedRuntime runtime;
    private Path hold;

    @AfterEach
    void stop() throws Exception {
        if (hold != null) {
            Files.deleteIfExists(hold);
        }
        if (runtime != null && runtime.isAlive()) {
            runtime.kill();
        }
    }

    @Test
    void restart_withAConstructorThatHolds_servesAtOnce_andIsReadyOnceItReturns() throws Exception {
        storeEchoAndSlowStart("1s");
        hold = Files.createFile(work.resolve("hold"));

        runtime = ForkedRuntime.startServing(work.resolve("state"), work.resolve("stderr.txt"));

        assertAll(
                () -> assertEquals(200, get("/healthz").statusCode(), "alive"),
                () -> assertEquals(503, get("/healthz?ready=1").statusCode(), "not ready"),
                () -> assertEquals(200, get("/system/function/slow").statusCode(), "listed"),
                () -> assertTrue(get("/system/functions").body().contains("\"name\":\"slow\""), "listed"),
                () -> assertEquals(0, Json.read(get("/system/function/slow").body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        FunctionStatus.class)
                        .availableReplicas(), "nothing available"));
        HttpResponse<String> waited = get("/function/slow");
        assertAll(
                () -> assertEquals(503, waited.statusCode(), waited.body()),
                () -> assertEquals("2", waited.headers().firstValue("Retry-After").orElse(""), "Retry-After"),
                () -> assertTrue(waited.body().contains("exec_timeout of 1s"), waited.body()));
        Awaits.atMost(WAIT).until(() -> get("/function/echo").statusCode() == 200);

        Files.delete(hold);

        Awaits.atMost(WAIT).until(() -> get("/healthz?ready=1").statusCode() == 200);
        assertEquals("ready slow-2-1", get("/function/slow").body().replaceAll("slow-\\d+-", "slow-2-"));
        Awaits.atMost(WAIT).until(() -> runtime.output().stream()
                .anyMatch(line -> line.startsWith("faas-jvm ready in ") && line.contains("restored 2 functions")));
        assertTrue(runtime.output().stream().anyMatch(line -> line.matches(
                "faas-jvm: restoring the stored functions: [01] of 2 back \\(\\d+ a second\\)")),
                "a restore longer than a second shows its progress: " + runtime.output());
    }

    @Test
    void restart_withAConstructorThatNeverReturns_reportsItAfterTheConstructTimeout_andServesTheRest()
            throws Exception {
        storeEchoAndSlowStart("30s");
        hold = Files.createFile(work.resolve("hold"));

        runtime = ForkedRuntime.startServing(work.resolve("state"), work.resolve("stderr.txt"),
                "--construct-timeout", "1s");

        Awaits.atMost(WAIT).until(() -> get("/healthz?ready=1").statusCode() == 200);
        String state = get("/system/state").body();
        assertAll(
                () -> assertTrue(state.contains("construct timeout of 1s"), state),
                () -> assertEquals(200, get("/function/echo").statusCode()),
                () -> assertEquals(404, get("/system/function/slow").statusCode(), "not restored, not listed"));
        Awaits.atMost(WAIT).until(() -> runtime.output().stream()
                .anyMatch(line -> line.startsWith("faas-jvm ready in ") && line.contains("1 entry not restored")));
    }

    /** Runs a runtime once to store echo and slowstart (whose constructor holds while a file exists). */
    private void storeEchoAndSlowStart(String execTimeout) throws Exception {
        ForkedRuntime first = ForkedRuntime.start(work.resolve("state"), work.resolve("stderr-first.txt"));
        try {
            assertEquals(202, post(first, "/system/functions", Samples.deployment("echo", "echo")).statusCode());
            HttpResponse<String> slow = post(first, "/system/functions", "{\"service\":\"slow\",\"image\":\""
                    + Samples.jar("slowstart").toUri() + "\",\"envVars\":{\"HOLD_WHILE\":\""
                    + work.resolve("hold") + "\",\"IGNORE_INTERRUPT\":\"true\",\"exec_timeout\":\"" + execTimeout
                    + "\"}}");
            assertEquals(202, slow.statusCode(), slow.body());
        } finally {
            assertEquals(0, first.terminate(30, TimeUnit.SECONDS));
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(runtime.uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ForkedRuntime target, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(target.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
