package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.ForkedRuntime;
import dev.faasjvm.runtime.testing.Samples;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a forked runtime: no new calls, calls in flight finish within the grace, handlers close, exit 0. */
final class GracefulShutdownIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final List<ForkedRuntime> started = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (ForkedRuntime runtime : started) {
            if (runtime.isAlive()) {
                runtime.kill();
            }
        }
    }

    @Test
    void sigterm_letsTheCallInFlightFinish_refusesNewOnes_closesEveryReplica_andExits0() throws Exception {
        ForkedRuntime runtime = start(work.resolve("state"), work.resolve("stderr.log"));
        deployCloseable(runtime);
        CompletableFuture<HttpResponse<String>> inFlight = call(runtime, "/function/closeable?ms=8000");
        Awaits.atMost(WAIT).until(() -> printed(runtime, "closeable: call started"));

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> terminate(runtime));
        Awaits.atMost(WAIT).until(() -> isRefused(runtime));
        boolean stillRunning = !inFlight.isDone();

        HttpResponse<String> finished = inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertAll(
                () -> assertTrue(stillRunning, "the call was still running when the new one was refused"),
                () -> assertEquals(200, finished.statusCode()),
                () -> assertEquals("done 8000ms", finished.body()),
                () -> assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS), "exit code"),
                () -> assertTrue(printed(runtime, "closeable: closed closeable-1-1"), runtime.output()::toString),
                () -> assertTrue(printed(runtime, "closeable: closed closeable-1-2"), runtime.output()::toString),
                () -> assertTrue(runtime.output().stream().anyMatch(line -> line.startsWith("faas-jvm stopped in")),
                        runtime.output()::toString));
    }

    @Test
    void sigterm_callLongerThanTheGrace_isCutAndTheRuntimeStillClosesEverythingAndExits0() throws Exception {
        ForkedRuntime runtime = start(work.resolve("state"), work.resolve("stderr.log"),
                "--shutdown-grace", "1s");
        deployCloseable(runtime);
        CompletableFuture<HttpResponse<String>> inFlight = call(runtime, "/function/closeable?ms=120000");
        Awaits.atMost(WAIT).until(() -> printed(runtime, "closeable: call started"));

        int exit = runtime.terminate(30, TimeUnit.SECONDS);

        assertEquals(0, exit);
        assertTrue(printed(runtime, "closeable: closed closeable-1-1"), runtime.output()::toString);
        assertTrue(inFlight.handle((response, failure) -> failure != null || response.statusCode() >= 500)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS), "the cut call did not get a success");
    }

    @Test
    void sigterm_keepsTheStateForTheNextStart() throws Exception {
        Path state = work.resolve("state");
        ForkedRuntime first = start(state, work.resolve("stderr.log"));
        deployCloseable(first);
        assertEquals(0, first.terminate(30, TimeUnit.SECONDS));

        ForkedRuntime second = start(state, work.resolve("stderr.log"));
        try {
            assertTrue(second.startupLine().contains("restored 1 function in"), second.startupLine());
            assertEquals("done 0ms", call(second, "/function/closeable").get().body());
        } finally {
            assertEquals(0, second.terminate(30, TimeUnit.SECONDS));
        }
    }

    /**
     * Whether the runtime printed {@code text} as a line: a function's own line comes prefixed with
     * the function and replica it is from ({@code [closeable.openfaas-fn closeable-1-1] ...}).
     */
    private static boolean printed(ForkedRuntime runtime, String text) {
        return runtime.output().stream().anyMatch(line -> line.equals(text) || line.endsWith("] " + text));
    }

    private ForkedRuntime start(Path state, Path stderr, String... args) throws IOException {
        ForkedRuntime runtime = ForkedRuntime.start(state, stderr, args);
        started.add(runtime);
        return runtime;
    }

    private void deployCloseable(ForkedRuntime runtime) throws Exception {
        HttpResponse<String> deployed = http.send(HttpRequest.newBuilder(runtime.uri("/system/functions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"closeable\",\"image\":\""
                        + Samples.jar("closeable").toUri() + "\",\"labels\":{\"com.openfaas.scale.min\":\"2\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, deployed.statusCode(), deployed.body());
    }

    private CompletableFuture<HttpResponse<String>> call(ForkedRuntime runtime, String path) {
        return http.sendAsync(HttpRequest.newBuilder(runtime.uri(path)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Whether a new call on a new connection is refused (or not served, or answered 503). */
    private boolean isRefused(ForkedRuntime runtime) throws InterruptedException {
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = fresh.send(HttpRequest.newBuilder(runtime.uri("/function/closeable"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 503;
        } catch (IOException e) {
            return true;
        }
    }

    private static int terminate(ForkedRuntime runtime) {
        try {
            return runtime.terminate(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
