package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Gc;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Handler constructors with a context, close() on update and delete, and what unloading cleans up. */
final class UnloadIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @TempDir
    Path dir;

    @Test
    void call_handlerConstructedWithContext_seesItsReplicaId() {
        server.post("/system/functions", untidy("untidy", "", ""));

        HttpResponse<String> response = server.get("/function/untidy");

        assertTrue(response.body().matches("untidy-\\d+-1 driver=true"), response.body());
    }

    @Test
    void delete_closeableHandler_closesEveryReplicaOnce() throws IOException {
        Path marker = dir.resolve("closed.txt");
        server.post("/system/functions", untidy("untidy", marker.toString(), "\"com.openfaas.scale.min\":\"2\""));

        server.delete("/system/functions", "{\"functionName\":\"untidy\"}");

        Awaits.atMost(Duration.ofSeconds(20)).until(() -> lines(marker).size() == 2);
        List<String> closed = lines(marker);
        assertTrue(closed.get(0).matches("closed untidy-\\d+-[12]"), closed.toString());
        assertEquals(2, closed.stream().distinct().count(), closed.toString());
    }

    @Test
    void update_closeableHandler_closesTheOldGenerationAndKeepsServing() throws IOException {
        Path marker = dir.resolve("closed.txt");
        server.post("/system/functions", untidy("untidy", marker.toString(), ""));
        String before = server.get("/function/untidy").body();

        HttpResponse<String> updated = server.put("/system/functions", untidy("untidy", marker.toString(), ""));

        assertEquals(202, updated.statusCode(), updated.body());
        Awaits.atMost(Duration.ofSeconds(20)).until(() -> lines(marker).size() == 1);
        assertEquals("closed " + before.split(" ")[0], lines(marker).get(0));
        assertTrue(server.get("/function/untidy").body().endsWith("driver=true"), "the new generation serves");
    }

    @Test
    void delete_handlerWhoseCloseThrows_stillUnloadsAndHarmsNothing() throws IOException {
        Path marker = dir.resolve("closed.txt");
        server.post("/system/functions", untidy("untidy", marker.toString(), "").replace("\"envVars\":{",
                "\"envVars\":{\"close_fails\":\"true\","));
        server.deploy("echo", "echo");

        HttpResponse<String> deleted = server.delete("/system/functions", "{\"functionName\":\"untidy\"}");

        assertEquals(202, deleted.statusCode());
        Awaits.atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Gc.collectGarbageForTest();
            return server.provider().loaderCounts().get("untidy.openfaas-fn") != null
                    && server.provider().loaderCounts().get("untidy.openfaas-fn").unloaded() == 1;
        });
        assertEquals(1, lines(marker).size(), "close() ran");
        assertEquals("still", server.post("/function/echo", "still").body());
    }

    @Test
    void delete_untidyFunction_leavesNoThreadAndNoLogHandler() {
        server.post("/system/functions", untidy("untidy", "", ""));
        assertTrue(untidyThreads() > 0);

        server.delete("/system/functions", "{\"functionName\":\"untidy\"}");

        Awaits.atMost(Duration.ofSeconds(20)).until(() -> untidyThreads() == 0 && !hasUntidyLogHandler());
    }

    private static String untidy(String name, String marker, String labels) {
        return "{\"service\":\"" + name + "\",\"image\":\"" + Samples.jar("untidy").toUri()
                + "\",\"envVars\":{\"marker\":\"" + marker + "\"},\"labels\":{" + labels + "}}";
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static long untidyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("untidy-background-")).count();
    }

    private static boolean hasUntidyLogHandler() {
        return Arrays.stream(Logger.getLogger("").getHandlers())
                .anyMatch(handler -> handler.getClass().getName().endsWith("UntidyLogHandler"));
    }
}
