package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With no warm class loaders kept, a function at zero replicas reloads its JAR on the next call,
 * and what the reloaded classes print still reaches the function's log.
 */
final class WarmLoadersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final TestServer server = TestServer.withOptions("--warm-loaders", "0");

    @Test
    void noWarmLoaders_callAtZero_reloadsTheJarAndSucceeds() {
        server.deploy("lifecycle", "lifecycle");
        server.scale("lifecycle", 0);
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("lifecycle") == 0);

        String body = server.get("/function/lifecycle").body();

        assertTrue(body.startsWith("replica=lifecycle-1-2 constructed=1 "), "loaded anew: " + body);
        assertEquals(1, server.availableReplicas("lifecycle"));
    }

    @Test
    void noWarmLoaders_reloadedFunction_printsToItsLogAsTheNewReplica() throws IOException {
        server.deploy("printer", "printer");
        server.scale("printer", 0);
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("printer") == 0);

        assertEquals("printed 1", server.get("/function/printer?text=reloaded").body());

        List<JsonNode> lines = new ArrayList<>();
        for (String line : server.get("/system/logs?name=printer").body().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("reloaded 1", lines.get(0).get("text").asText());
        assertEquals("printer-1-2", lines.get(0).get("instance").asText());
    }
}
