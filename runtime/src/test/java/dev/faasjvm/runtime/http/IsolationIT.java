package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.TestServer;
import io.github.classgraph.ClassGraph;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The probe samples report, from inside their own loaders, what they can see. */
final class IsolationIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void probe_seesNoRuntimeClassAndItsOwnClassGraph() throws IOException {
        server.deploy("probe", "probe");

        JsonNode seen = JSON.readTree(server.get("/function/probe").body());

        JsonNode visible = seen.get("runtimeClassesVisible");
        assertAll(
                () -> visible.properties().forEach(entry ->
                        assertFalse(entry.getValue().asBoolean(), entry.getKey() + " must not be visible")),
                () -> assertEquals(5, visible.size()),
                () -> assertEquals("4.8.180", seen.get("classGraphVersion").asText()),
                () -> assertNotEquals("4.8.180", ClassGraph.getVersion(), "the runtime's ClassGraph differs"),
                () -> assertTrue(seen.get("classGraphFromOwnJar").asBoolean(), seen.toString()),
                () -> assertTrue(seen.get("contextLoaderIsOwnInConstructor").asBoolean()),
                () -> assertTrue(seen.get("contextLoaderIsOwn").asBoolean()),
                () -> assertTrue(seen.get("apiLoaderIsRuntimes").asBoolean()));
    }

    @Test
    void probe_findsOnlyItsOwnResourcesAndServices() throws IOException {
        server.deploy("probe", "probe");

        JsonNode seen = JSON.readTree(server.get("/function/probe").body());

        JsonNode resources = seen.get("runtimeResourcesVisible");
        assertAll(
                () -> resources.properties().forEach(entry ->
                        assertFalse(entry.getValue().asBoolean(), entry.getKey() + " must not be visible")),
                () -> assertEquals(5, resources.size()),
                () -> assertEquals("[\"dev.faasjvm.samples.probe.ProbeGreeting\"]", seen.get("services").toString()),
                () -> assertEquals("[]", seen.get("manifestsNotOwn").toString(), "every manifest is its own"),
                () -> assertEquals("probe", seen.get("ownPropertiesOwner").asText()),
                () -> assertTrue(seen.get("apiClassFileVisible").asBoolean(), "API class files follow the classes"));
    }

    @Test
    void twoVersionsOfOneLibrary_runSideBySide() throws IOException {
        server.deploy("old", "probe");
        server.deploy("new", "probe2");

        List<JsonNode> seen = List.of(
                CompletableFuture.supplyAsync(() -> server.get("/function/old").body()),
                CompletableFuture.supplyAsync(() -> server.get("/function/new").body()))
                .stream().map(CompletableFuture::join).map(IsolationIT::parse).toList();

        assertAll(
                () -> assertEquals("4.8.180", seen.get(0).get("classGraphVersion").asText()),
                () -> assertEquals("4.8.200", seen.get(1).get("classGraphVersion").asText()),
                () -> assertTrue(seen.get(0).get("classGraphFromOwnJar").asBoolean(), seen.get(0).toString()),
                () -> assertTrue(seen.get(1).get("classGraphFromOwnJar").asBoolean(),
                        "even the runtime's own ClassGraph version is loaded from the function's JAR"),
                () -> assertEquals("4.8.180", JSON.readTree(server.get("/function/old").body())
                        .get("classGraphVersion").asText(), "the first keeps its version"));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
