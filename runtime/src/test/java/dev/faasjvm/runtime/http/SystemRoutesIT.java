package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The system routes other than function CRUD: info, namespaces, health, and unknown paths. */
final class SystemRoutesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void info_answersProviderOrchestrationAndVersion() throws IOException {
        HttpResponse<String> response = server.get("/system/info");

        JsonNode info = JSON.readTree(response.body());
        assertEquals(200, response.statusCode());
        assertEquals("faas-jvm", info.get("provider").asText());
        assertEquals("jvm", info.get("orchestration").asText());
        assertFalse(info.get("version").get("release").asText().isEmpty());
        assertFalse(info.get("version").get("sha").asText().isEmpty());
    }

    @Test
    void namespaces_listsTheDefault() {
        HttpResponse<String> response = server.get("/system/namespaces");

        assertEquals(200, response.statusCode());
        assertEquals("[\"openfaas-fn\"]", response.body());
    }

    @Test
    void healthz_getAndHead_answer200() {
        assertEquals(200, server.get("/healthz").statusCode());
        assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/healthz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void functionStatus_withoutAName_answers404NotAServerError() {
        assertEquals(404, server.get("/system/function").statusCode());
        assertEquals(404, server.get("/system/function/").statusCode());
    }

    @Test
    void unknownPath_answers404LikeGosRouter() {
        HttpResponse<String> response = server.get("/system/nope");

        assertEquals(404, response.statusCode());
        assertEquals("404 page not found\n", response.body());
    }

    @Test
    void knownPath_wrongMethod_answers405WithAllow() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/system/functions"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));

        assertEquals(405, response.statusCode());
        assertTrue(response.headers().firstValue("Allow").orElse("").contains("POST"));
    }
}
