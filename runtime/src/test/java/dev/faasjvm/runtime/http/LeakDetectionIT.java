package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Gc;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import dev.faasjvm.runtime.unload.LeakDetector;
import dev.faasjvm.runtime.unload.LoaderCounts;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deleted or replaced function's class loader becomes unreachable, and one that a function keeps
 * alive on purpose is reported as a leak, once, and counted where users see it.
 */
final class LeakDetectionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANNOTATION = "dev.faasjvm.leaked-loaders";

    @RegisterExtension
    final TestServer server = TestServer.create();

    private final List<String> leakWarnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (leakWarnings) {
                leakWarnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLeakWarnings() {
        Logger.getLogger(LeakDetector.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(LeakDetector.class.getName()).removeHandler(capture);
        System.getProperties().keySet().removeIf(key -> key.toString().startsWith("dev.faasjvm.samples.leaky."));
    }

    @Test
    void deletedCleanFunctions_becomeUnreachableAndAreNeverFlagged() {
        List<String> samples = List.of("echo", "wordcount", "untidy", "probe", "inspect");
        for (String sample : samples) {
            server.deploy(sample, sample);
            server.post("/function/" + sample, "{\"text\":\"a b\"}");
            server.delete("/system/functions", "{\"functionName\":\"" + sample + "\"}");
        }

        awaitWithGc(() -> samples.stream().allMatch(sample -> counts(sample).unloaded() == 1));

        for (String sample : samples) {
            assertEquals(new LoaderCounts(1, 1, 0), counts(sample), sample);
        }
        assertEquals(List.of(), leakWarnings);
    }

    @Test
    void deletedFunctionThatPrinted_everyWayItCan_isUnloadedNotFlagged() {
        server.deploy("printer", "printer");
        for (String query : List.of("text=out", "text=err&stream=err", "text=bg&thread=1", "text=log&via=log",
                "text=slow&chars=1")) {
            assertEquals(200, server.sendAnonymous(HttpRequest.newBuilder(server.uri("/function/printer?" + query)))
                    .statusCode(), query);
        }

        server.delete("/system/functions", "{\"functionName\":\"printer\"}");

        awaitWithGc(() -> counts("printer").unloaded() == 1);
        assertEquals(new LoaderCounts(1, 1, 0), counts("printer"));
        assertEquals(List.of(), leakWarnings);
    }

    @Test
    void updatedFunctionWhoseThreadNeverEnds_isFlaggedOnceInItsStatus() throws IOException {
        String leaky = "{\"service\":\"leaky\",\"image\":\"" + Samples.jar("leaky").toUri()
                + "\",\"envVars\":{\"leak\":\"thread\"}}";
        server.post("/system/functions", leaky);
        server.put("/system/functions", leaky.replace("\"thread\"", "\"none\""));

        awaitWithGc(() -> counts("leaky").leaked() == 1);
        for (int i = 0; i < 3; i++) {
            Gc.collectGarbageForTest();
        }

        JsonNode status = JSON.readTree(server.get("/system/function/leaky").body());
        assertEquals("1", status.get("annotations").path(ANNOTATION).asText(), status.toString());
        assertEquals(1, warningsAbout("function:leaky.openfaas-fn#"), leakWarnings.toString());
        assertEquals("leaky: none", server.get("/function/leaky").body(), "the new generation serves");
    }

    @Test
    void deletedFunctionThatParkedAValueInSystemProperties_isCountedAfterItIsGone() throws IOException {
        server.post("/system/functions", "{\"service\":\"leaky\",\"image\":\"" + Samples.jar("leaky").toUri()
                + "\",\"envVars\":{\"leak\":\"registry\"}}");
        server.delete("/system/functions", "{\"functionName\":\"leaky\"}");

        awaitWithGc(() -> counts("leaky").leaked() == 1);

        server.deploy("leaky", "leaky");
        JsonNode status = JSON.readTree(server.get("/system/function/leaky").body());
        assertEquals("1", status.get("annotations").path(ANNOTATION).asText(), "the count outlives the function");
    }

    @Test
    void cleanFunction_hasNoLeakAnnotation() throws IOException {
        server.deploy("echo", "echo");

        JsonNode status = JSON.readTree(server.get("/system/function/echo").body());

        assertFalse(status.get("annotations").has(ANNOTATION));
    }

    private LoaderCounts counts(String function) {
        return server.provider().loaderCounts().getOrDefault(function + ".openfaas-fn", new LoaderCounts(0, 0, 0));
    }

    private long warningsAbout(String text) {
        synchronized (leakWarnings) {
            return leakWarnings.stream().filter(message -> message.contains(text)).count();
        }
    }

    private static void awaitWithGc(java.util.concurrent.Callable<Boolean> condition) {
        Awaits.atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Gc.collectGarbageForTest();
            return condition.call();
        });
    }
}
