package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client errors are client errors (issue 10): bad framing is a 400, not a 500; secret names follow
 * Kubernetes (a DNS subdomain of at most 253 characters); {@code /metrics} answers only GET and
 * HEAD; a secret or namespace that cannot be written is a 500 that says what and why.
 */
@Timeout(60)
final class ClientErrorsIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void badChunkSize_is400() throws IOException {
        String status = raw("POST /system/secrets HTTP/1.1\r\nHost: x\r\nAuthorization: "
                + TestServer.CREDENTIALS.header() + "\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n");

        assertTrue(status.startsWith("HTTP/1.1 400"), status);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "a b", "API_KEY", "-key", "key-"})
    void secret_nameThatIsNotADnsSubdomain_is400(String name) {
        HttpResponse<String> response = server.post("/system/secrets",
                "{\"name\":\"" + name + "\",\"value\":\"v\"}");

        assertEquals(400, response.statusCode(), response.body());
    }

    @Test
    void secret_nameOver253Characters_is400_withAShortMessage() {
        HttpResponse<String> response = server.post("/system/secrets",
                "{\"name\":\"" + "a".repeat(300_000) + "\",\"value\":\"v\"}");

        assertAll(
                () -> assertEquals(400, response.statusCode()),
                () -> assertTrue(response.body().contains("at most 253"), response.body()),
                () -> assertTrue(response.body().length() < 500, "the name is not echoed whole"));
    }

    @Test
    void secret_dnsSubdomainName_isAccepted() {
        assertEquals(201 / 100, server.post("/system/secrets", "{\"name\":\"api-key.v2\",\"value\":\"v\"}")
                .statusCode() / 100);
    }

    @Test
    void metrics_post_is405() {
        HttpResponse<String> response = server.sendAnonymous(HttpRequest.newBuilder(server.uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));

        assertEquals(405, response.statusCode());
    }

    @Test
    void secret_thatCannotBeWritten_isANamed500_andNothingChanges() throws IOException {
        // Even root cannot rename a file over a folder that holds something: the write fails.
        Path blocked = Files.createDirectories(server.stateDir().resolve("secrets.ndjson"));
        Files.writeString(blocked.resolve("keep"), "x");

        HttpResponse<String> response = server.post("/system/secrets", "{\"name\":\"token\",\"value\":\"v\"}");

        assertAll(
                () -> assertEquals(500, response.statusCode()),
                () -> assertTrue(response.body().contains("Cannot save secret \"token\""), response.body()),
                () -> assertTrue(response.body().contains("nothing was changed"), response.body()),
                () -> assertFalse(response.body().contains("Exception"), response.body()),
                () -> assertFalse(server.get("/system/secrets").body().contains("token"), "not created"));
    }

    @Test
    void namespace_thatCannotBeWritten_isANamed500() throws IOException {
        Path blocked = Files.createDirectories(server.stateDir().resolve("namespaces.ndjson"));
        Files.writeString(blocked.resolve("keep"), "x");

        HttpResponse<String> response = server.post("/system/namespace/",
                "{\"name\":\"team\",\"labels\":{\"openfaas\":\"1\"}}");

        assertEquals(500, response.statusCode(), response.body());
        assertTrue(response.body().contains("Cannot save namespace \"team\""), response.body());
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString().strip();
        }
    }
}
