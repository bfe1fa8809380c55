package dev.faasjvm.runtime.platform.gcf;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Google Cloud Functions {@code CloudEventsFunction} (the {@code gcfevent} sample, found by scanning)
 * called with CloudEvents in binary and structured HTTP mode, as Google's invoker reads them (issue
 * 14); what it received is checked attribute by attribute from the file it writes.
 */
final class GcfCloudEventsIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @TempDir
    Path dir;

    private Path log;

    @BeforeEach
    void deploy() {
        log = dir.resolve("events.txt");
        server.deployJson("{\"service\":\"events\",\"image\":\"" + Samples.jar("gcfevent").toUri()
                + "\",\"envVars\":{\"EVENT_LOG\":\"" + log + "\"}}");
    }

    @Test
    void binaryMode_attributesFromCeHeaders_dataFromTheBody() throws IOException {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/function/events"))
                .header("ce-specversion", "1.0")
                .header("ce-id", "e-1")
                .header("ce-source", "//storage.googleapis.com/projects/_/buckets/b")
                .header("ce-type", "google.cloud.storage.object.v1.finalized")
                .header("ce-subject", "objects/a.txt")
                .header("ce-time", "2026-12-01T10:00:00Z")
                .header("ce-myext", "my value")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bucket\":\"b\"}")));

        assertAll(
                () -> assertEquals(200, response.statusCode(), response.body()),
                () -> assertEquals("", response.body()),
                () -> assertEquals("specversion=1.0\nid=e-1\nsource=//storage.googleapis.com/projects/_/buckets/b\n"
                        + "type=google.cloud.storage.object.v1.finalized\nsubject=objects/a.txt\n"
                        + "time=2026-12-01T10:00Z\ndatacontenttype=application/json\next.myext=my value\n"
                        + "data={\"bucket\":\"b\"}\n\n", Files.readString(log)));
    }

    @Test
    void structuredMode_theWholeEventIsTheJsonBody() throws IOException {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/function/events"))
                .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",\"id\":\"e-2\",\"source\":\"/orders\","
                        + "\"type\":\"order.created\",\"datacontenttype\":\"application/json\",\"myext\":\"x\","
                        + "\"data\":{\"total\":3}}")));

        assertAll(
                () -> assertEquals(200, response.statusCode(), response.body()),
                () -> assertEquals("specversion=1.0\nid=e-2\nsource=/orders\ntype=order.created\nsubject=null\n"
                        + "time=null\ndatacontenttype=application/json\next.myext=x\ndata={\"total\":3}\n\n",
                        Files.readString(log)));
    }

    @Test
    void missingAttribute_is400NamingIt_andTheFunctionIsNotCalled() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/function/events"))
                .header("ce-specversion", "1.0").header("ce-source", "/s").header("ce-type", "t")
                .POST(HttpRequest.BodyPublishers.ofString("x")));

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("Attribute 'id' cannot be null"), response.body());
        assertFalse(Files.exists(log));
    }

    @Test
    void noCloudEvent_is400SayingHowToSendOne() {
        HttpResponse<String> response = server.post("/function/events", "{\"plain\":true}");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("ce-specversion") && response.body().contains("application/cloudevents+json"),
                response.body());
    }

    @Test
    void functionThrows_is500() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/function/events"))
                .header("ce-specversion", "1.0").header("ce-id", "e-3").header("ce-source", "/s").header("ce-type", "fail")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(500, response.statusCode(), response.body());
    }
}
