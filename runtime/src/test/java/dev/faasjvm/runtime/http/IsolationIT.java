package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.TestServer;
import io.github.classgraph.ClassGraph;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The probe sample reports, from inside its own loader, what it can see. */
final class IsolationIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void probe_seesNoRuntimeClassAndItsOwnClassGraph() throws IOException {
        server.deploy("probe", "probe");

        JsonNode seen = new ObjectMapper().readTree(server.get("/function/probe").body());

        JsonNode visible = seen.get("runtimeClassesVisible");
        assertAll(
                () -> visible.fields().forEachRemaining(entry ->
                        assertFalse(entry.getValue().asBoolean(), entry.getKey() + " must not be visible")),
                () -> assertEquals(4, visible.size()),
                () -> assertEquals("4.8.180", seen.get("classGraphVersion").asText()),
                () -> assertTrue(!ClassGraph.getVersion().equals("4.8.180"), "the runtime's ClassGraph differs"),
                () -> assertTrue(seen.get("classGraphFromOwnJar").asBoolean(), seen.toString()),
                () -> assertTrue(seen.get("contextLoaderIsOwnInConstructor").asBoolean()),
                () -> assertTrue(seen.get("contextLoaderIsOwn").asBoolean()),
                () -> assertTrue(seen.get("apiLoaderIsRuntimes").asBoolean()));
    }
}
